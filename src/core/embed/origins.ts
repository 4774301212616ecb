/**
 * Which host pages may drive the editor: `embed.allowed_origins` of the runtime config.
 * Entries are exact origins (`https://cms.example.com`, `http://localhost:4174`); `"*"` allows
 * any origin and must be written out explicitly. The opaque origin `"null"` (sandboxed frames,
 * `file:` pages) is never allowed: every such page shares it.
 */

export interface OriginPolicy {
  /** `"*"` was configured. */
  readonly any: boolean;
  readonly origins: ReadonlySet<string>;
  /** Entries that are not origins (a path, a trailing slash, a pattern…), for a warning. */
  readonly rejected: readonly string[];
}

/** Reads the configured list; anything that is not an exact origin or `"*"` is set aside. */
export function parseAllowedOrigins(list: unknown): OriginPolicy {
  const origins = new Set<string>();
  const rejected: string[] = [];
  let any = false;
  for (const entry of Array.isArray(list) ? list : []) {
    if (entry === '*') { any = true; continue; }
    if (typeof entry === 'string' && isExactOrigin(entry)) origins.add(entry);
    else rejected.push(String(entry));
  }
  return { any, origins, rejected };
}

/** `scheme://host[:port]` exactly as browsers write `event.origin` (no path, no trailing slash). */
export function isExactOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    // URL parsers accept `*` in a host name; here it would read as a pattern, so refuse it.
    const plainHost = /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(u.hostname);
    return (u.protocol === 'https:' || u.protocol === 'http:') && plainHost && u.origin === s;
  } catch {
    return false;
  }
}

export function isOriginAllowed(policy: OriginPolicy, origin: string): boolean {
  if (origin === 'null' || !origin) return false;
  return policy.any || policy.origins.has(origin);
}

/**
 * Where the editor's secret-free hello goes. When the browser tells us the parent's origin
 * (`location.ancestorOrigins`), only there, and only if allowed; otherwise to each allowed
 * origin (the browser drops the ones that do not match the parent), or to `"*"` under a wildcard.
 */
export function helloTargets(policy: OriginPolicy, parentOrigin?: string): string[] {
  if (parentOrigin !== undefined) return isOriginAllowed(policy, parentOrigin) ? [parentOrigin] : [];
  return policy.any ? ['*'] : [...policy.origins];
}
