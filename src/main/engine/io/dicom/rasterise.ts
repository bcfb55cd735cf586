/**
 * Scan-line polygon fill at pixel centres with the even–odd rule, used to turn planar contours
 * into voxel masks.
 */

/** A closed polygon in continuous pixel-index coordinates: x_k = xy[2k], y_k = xy[2k+1]; the closing edge is implicit. */
export type Polygon = Float64Array;

/**
 * Marks the pixels of an `nx`×`ny` slice (x fastest, written at `out[offset + x + nx·y]`) whose
 * centre (x, y) lies inside the union of `polygons` under the even–odd rule: a centre is inside
 * when a ray towards +x crosses the polygons' edges an odd number of times. Overlapping contours
 * therefore cancel (holes, as in RTSTRUCT "keyhole"-free hole encoding), and separate contours add.
 *
 * Crossing test per row y: an edge (x₁,y₁)–(x₂,y₂) crosses when (y₁ > y) ≠ (y₂ > y), at
 * x* = x₁ + (y − y₁)(x₂ − x₁)/(y₂ − y₁). With the crossings sorted, x*₀ ≤ x*₁ ≤ …, the pixels
 * with x*₂ₘ ≤ x < x*₂ₘ₊₁ are inside. Centres exactly on a left boundary are inside, on a right
 * boundary outside (the half-open convention of the classic crossing-number test).
 * Pixels are set to `value`; pixels outside every polygon are left untouched.
 */
export function fillPolygonsEvenOdd(polygons: Polygon[], nx: number, ny: number, out: Uint8Array, offset: number, value = 1): void {
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const p of polygons) {
    for (let k = 1; k < p.length; k += 2) {
      if (p[k] < yMin) yMin = p[k];
      if (p[k] > yMax) yMax = p[k];
    }
  }
  const jStart = Math.max(0, Math.ceil(yMin));
  const jEnd = Math.min(ny - 1, Math.floor(yMax));
  const crossings: number[] = [];
  for (let j = jStart; j <= jEnd; j++) {
    crossings.length = 0;
    for (const p of polygons) {
      const m = p.length / 2;
      for (let a = 0, b = m - 1; a < m; b = a++) {
        const ya = p[2 * a + 1];
        const yb = p[2 * b + 1];
        if (ya > j !== yb > j) {
          const xa = p[2 * a];
          const xb = p[2 * b];
          crossings.push(xa + ((j - ya) * (xb - xa)) / (yb - ya));
        }
      }
    }
    crossings.sort((u, v) => u - v);
    const row = offset + nx * j;
    for (let c = 0; c + 1 < crossings.length; c += 2) {
      const from = Math.max(0, Math.ceil(crossings[c]));
      const to = Math.min(nx, Math.ceil(crossings[c + 1]));
      for (let i = from; i < to; i++) out[row + i] = value;
    }
  }
}
