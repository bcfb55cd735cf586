/**
 * Vertices of the convex hull of integer points (Andrew's monotone chain), strictly convex: points on
 * a hull edge are dropped. The orientation tests are exact because every coordinate is an integer
 * well below 2^26.
 *
 * Used to prune mesh vertices before the exhaustive diameter search: the largest distance between
 * two points of a set is attained between two hull vertices, and an axis-aligned scaling of the
 * coordinates (voxel spacing) keeps the hull's vertices the same.
 *
 * @param u first coordinate of each point; with `v`, the points must be sorted by (u, v) and distinct.
 * @param v second coordinate of each point.
 * @param count number of points used from `u`, `v`.
 * @returns indices into `u`/`v` of the hull vertices (all points when count ≤ 2).
 */
export function convexHullIndices(u: ArrayLike<number>, v: ArrayLike<number>, count: number): number[] {
  if (count <= 2) return Array.from({ length: count }, (_, i) => i);
  const cross = (o: number, a: number, b: number): number =>
    (u[a]! - u[o]!) * (v[b]! - v[o]!) - (v[a]! - v[o]!) * (u[b]! - u[o]!);
  const hull: number[] = [];
  for (let i = 0; i < count; i++) {
    while (hull.length >= 2 && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, i) <= 0) hull.pop();
    hull.push(i);
  }
  const lowerLength = hull.length + 1;
  for (let i = count - 2; i >= 0; i--) {
    while (hull.length >= lowerLength && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, i) <= 0) hull.pop();
    hull.push(i);
  }
  hull.pop();
  return hull;
}
