/**
 * The built app: hashed files under `assets/` cached for a year (immutable), everything else
 * revalidated (`no-cache`), `.br`/`.gz` siblings sent to browsers that take them. config.json is
 * read from disk at each request, so a deployment may edit it without a restart.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => void;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Cache-Control for a path of the build. */
export function cacheControl(pathname: string): string {
  return pathname.startsWith('/assets/') ? IMMUTABLE : 'no-cache';
}

function sendConfig(distDir: string, req: IncomingMessage, res: ServerResponse): void {
  let body: Buffer;
  try { body = readFileSync(join(distDir, 'config.json')); } catch { res.writeHead(404).end(); return; }
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) { res.writeHead(304).end(); return; }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function staticFiles(distDir: string): StaticHandler {
  const serve = sirv(distDir, { etag: true, brotli: true, gzip: true, dotfiles: false });
  return (req, res, pathname) => {
    res.setHeader('Cache-Control', cacheControl(pathname));
    if (pathname === '/config.json') return sendConfig(distDir, req, res);
    serve(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('Not found');
    });
  };
}
