import { readFileSync } from 'node:fs';

/**
 * Reads config.json from the first of `paths` that parses and yields something through `pick`
 * (the served build's, else public/'s); null when none does. Read at each call, so an edited
 * config.json applies without a restart.
 */
export function readConfigFile<T>(paths: readonly string[], pick: (json: unknown) => T | null | undefined): T | null {
  for (const p of paths) {
    try {
      const v = pick(JSON.parse(readFileSync(p, 'utf8')));
      if (v !== null && v !== undefined) return v;
    } catch { /* try the next */ }
  }
  return null;
}
