/**
 * A reference for the selection tools' tests (unit and browser), independent of
 * src/core/selection: the winding number of a closed path at a point, by the sign of each
 * crossing edge (Sunday's algorithm), so the non-zero rule is tested against another method.
 */

/** A point as [x, y] in image pixels. */
export type P = readonly [number, number];

/** Non-zero winding number of the closed path `path` at (px, py). */
export function winding(path: readonly P[], px: number, py: number): number {
  let wn = 0;
  for (let i = 0; i < path.length; i++) {
    const [ax, ay] = path[i]!;
    const [bx, by] = path[(i + 1) % path.length]!;
    const cross = (bx - ax) * (py - ay) - (px - ax) * (by - ay);
    if (ay <= py && by > py && cross > 0) wn++;
    else if (ay > py && by <= py && cross < 0) wn--;
  }
  return wn;
}
