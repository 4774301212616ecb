/**
 * Browser-borne requests must come from the editor's own pages or a configured embed host.
 * A page elsewhere could otherwise post a form or a fetch to the proxy and spend the key.
 * Requests with neither `Origin` nor `Sec-Fetch-Site` come from outside a browser (curl, a
 * script): no page can forge those, and access control still applies to them.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface OriginPolicy {
  /** Origins the editor is served under beyond the request's own Host. */
  publicOrigins: readonly string[];
  /** Exact embed origins from config.json. */
  embedOrigins: ReadonlySet<string>;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The editor's own origin for this request: Origin's host is the Host the request came to. */
function ownOrigin(origin: string, host: string | undefined, policy: OriginPolicy): boolean {
  if (policy.publicOrigins.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** `'own'`, `'embed'` (an allowed other origin: answer with CORS for it), or null (refuse). */
export function checkOrigin(headers: IncomingHttpHeaders, policy: OriginPolicy): 'own' | 'embed' | 'none' | null {
  const origin = one(headers.origin);
  const site = one(headers['sec-fetch-site']);
  if (origin === undefined && site === undefined) return 'none';
  if (origin === undefined) return site === 'same-origin' ? 'own' : null;
  if (ownOrigin(origin, one(headers.host), policy)) return site === undefined || site === 'same-origin' || site === 'same-site' ? 'own' : null;
  if (policy.embedOrigins.has(origin)) return site === 'none' ? null : 'embed';
  return null;
}
