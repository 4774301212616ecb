/**
 * The Content-Security-Policy `npm start` sends (src/server/app.ts), built from config.json at each request (so a
 * deployment that edits config.json gets a policy to match, without a rebuild):
 *
 * - scripts, styles, fonts, workers and everything else from the editor's own origin only:
 *   no inline script, no eval (the build has neither);
 * - `connect-src`: the editor itself (config.json, the proxy), the OpenAI endpoint of
 *   `service.base_url`, the hosts that may embed it (a host may hand over a proxy on its own
 *   origin, or images by URL), and `csp.connect_src` for anything else (a gateway, a media server);
 * - `img-src` adds `blob:` (results and thumbnails are object URLs) and `data:`;
 * - `frame-ancestors`: the editor itself and `embed.allowed_origins` (clickjacking protection);
 * - no plugins, no `<base>` tricks, no form posts elsewhere.
 *
 * `INPAINT_CSP=off` leaves the header out (the end-to-end test server, whose tests reach a fake
 * API on ephemeral ports; the CSP test starts its own server with the policy on).
 */
import { parseAllowedOrigins } from '../core/embed/origins.ts';

/** The parts of config.json the policy reads. */
export interface CspConfig {
  service?: { base_url?: unknown };
  embed?: { allowed_origins?: unknown };
  csp?: { connect_src?: unknown };
}

/** The origin of an absolute http(s) URL, or null (a relative URL is the editor's own origin). */
function originOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** The policy for a config (pure: unit-tested). */
export function contentSecurityPolicy(config: CspConfig): string {
  const embed = parseAllowedOrigins(config.embed?.allowed_origins);
  const connect = new Set(["'self'"]);
  const api = originOf(config.service?.base_url);
  if (api) connect.add(api);
  for (const o of embed.origins) connect.add(o);
  for (const extra of Array.isArray(config.csp?.connect_src) ? config.csp.connect_src : []) {
    const o = originOf(extra);
    if (o) connect.add(o);
  }
  const ancestors = embed.any ? ["'self'", 'http:', 'https:'] : ["'self'", ...embed.origins];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src ${[...connect].join(' ')}`,
    "worker-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors.join(' ')}`,
  ].join('; ');
}
