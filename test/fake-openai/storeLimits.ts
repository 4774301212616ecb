/**
 * Stored responses, image calls and hosted images kept; older ones are forgotten, oldest first, so a long
 * session (issue 8: 200 edits) does not hold hundreds of images. Then they are "not found".
 */
export const MAX_STORED = 100;

/** Drops a Map's oldest entries beyond `max` (Maps iterate in insertion order). */
export function capMap<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) break;
    map.delete(key);
  }
}
