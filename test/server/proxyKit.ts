/** Requests to the proxy for the server tests: the SDK as the editor uses it, and raw HTTP for what the SDK cannot send. */
import { request } from 'node:http';
import OpenAI from 'openai';
import { maskPng, png, pngFile } from '../unit/fakeOpenAIKit.ts';

export const proxyBase = (serverUrl: string) => `${serverUrl}/openai-proxy/v1`;

/** The OpenAI SDK pointed at the proxy; `token` goes where the editor puts it (the API key). */
export function client(serverUrl: string, token = 'proxy-mode'): OpenAI {
  return new OpenAI({ apiKey: token, baseURL: proxyBase(serverUrl), maxRetries: 0 });
}

/** A streamed edit, as the editor sends it; resolves with the event types. */
export async function streamedEdit(c: OpenAI, opts: { partials?: number; signal?: AbortSignal } = {}): Promise<string[]> {
  const stream = await c.images.edit({
    model: 'gpt-image-1.5', prompt: 'a secret prompt', stream: true, partial_images: opts.partials ?? 1, size: '1024x1024', quality: 'low',
    image: pngFile(png(64, 48)), mask: pngFile(maskPng(64, 48, { x: 0, y: 0, w: 32, h: 48 })),
  }, { signal: opts.signal });
  const types: string[] = [];
  for await (const e of stream) types.push(e.type);
  return types;
}

export interface RawAnswer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A request sent verbatim: the path is not normalised (fetch would turn %2e%2e into ..). */
export function raw(serverUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawAnswer> {
  const u = new URL(serverUrl);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; }).on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** The code in an OpenAI-shaped error body. */
export const codeOf = (a: RawAnswer): string | undefined => {
  try { return (JSON.parse(a.body) as { error?: { code?: string } }).error?.code; } catch { return undefined; }
};

/** A JSON POST to an allowlisted route (a generation) with the given headers. */
export function postJson(serverUrl: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const text = JSON.stringify(body);
  return raw(serverUrl, 'POST', path, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers }, text);
}

export const GENERATION = { model: 'gpt-image-1.5', prompt: 'a lighthouse', size: '1024x1024', quality: 'low' };

/** Two access tokens, for a tokens file of `alice` and `design`. */
export const ALICE = 'alice-token-0123456789abcdef';
export const DESIGN = 'design-team-token-0123456789';
export const GEN = '/openai-proxy/v1/images/generations';
