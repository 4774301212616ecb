/**
 * The proxy's allowlist: exactly the calls the editor makes (src/services/openai/), each with
 * its method. Anything else is answered 404 here, before any identity check or upstream call.
 */
import { posix } from 'node:path';

export const PROXY_PREFIX = '/openai-proxy';
export const API_PREFIX = `${PROXY_PREFIX}/v1`;

export interface ProxyRoute {
  method: 'POST';
  /** The upstream path below the base URL. */
  path: '/images/edits' | '/images/generations' | '/responses' | '/files';
  /** The body is JSON the proxy reads (to add the safety identifier and learn the model). */
  json: boolean;
  /** The upstream takes a `safety_identifier` here. */
  safety: boolean;
}

export const ROUTES: readonly ProxyRoute[] = [
  { method: 'POST', path: '/images/edits', json: false, safety: true },
  { method: 'POST', path: '/images/generations', json: true, safety: true },
  { method: 'POST', path: '/responses', json: true, safety: true },
  { method: 'POST', path: '/files', json: false, safety: false },
];

/**
 * The path of a request URL decoded (repeatedly, so `%252e` cannot hide a dot) and normalised;
 * null when it cannot be decoded, or holds a backslash, NUL or a `%` left after decoding.
 */
export function canonicalPath(rawUrl: string): string | null {
  const q = rawUrl.indexOf('?');
  let path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
  for (let i = 0; i < 3 && path.includes('%'); i++) {
    try { path = decodeURIComponent(path); } catch { return null; }
  }
  if (path.includes('%') || path.includes('\\') || path.includes('\0')) return null;
  return posix.normalize(path);
}

/**
 * The route a request is for, or null. The raw path must already be canonical: a path that
 * only decoding or normalising turns into an allowed one (`/v1/x/%2e%2e/files`) is refused, as
 * is a query string (the editor sends none) and any other method.
 */
export function matchRoute(method: string, rawUrl: string): ProxyRoute | null {
  if (rawUrl.includes('?')) return null;
  const path = canonicalPath(rawUrl);
  if (path === null || path !== rawUrl || !path.startsWith(`${API_PREFIX}/`)) return null;
  const sub = path.slice(API_PREFIX.length);
  return ROUTES.find((r) => r.path === sub && r.method === method) ?? null;
}
