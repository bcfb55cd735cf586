/**
 * Clipping of polylines to a vertical data range, so curves that leave the plotted range (a treat-all net
 * benefit falling far below zero) are cut at the plot edge instead of drawn outside it.
 */

/** Pieces of the polyline (xs, ys) inside ymin ≤ y ≤ ymax, with the crossing points interpolated. */
export function clipPolylineY(xs: ArrayLike<number>, ys: ArrayLike<number>, ymin: number, ymax: number): { xs: number[]; ys: number[] }[] {
  const pieces: { xs: number[]; ys: number[] }[] = [];
  let cur: { xs: number[]; ys: number[] } | null = null;
  const inside = (y: number): boolean => y >= ymin && y <= ymax;
  const cross = (x0: number, y0: number, x1: number, y1: number, level: number): number => x0 + ((x1 - x0) * (level - y0)) / (y1 - y0);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (!Number.isFinite(y) || !Number.isFinite(x)) {
      cur = null;
      continue;
    }
    if (i > 0 && Number.isFinite(ys[i - 1]) && Number.isFinite(xs[i - 1])) {
      const px = xs[i - 1];
      const py = ys[i - 1];
      for (const level of [ymin, ymax]) {
        const crosses = (py - level) * (y - level) < 0;
        if (!crosses) continue;
        const cx = cross(px, py, x, y, level);
        if (cur) {
          cur.xs.push(cx);
          cur.ys.push(level);
          cur = null;
        } else {
          cur = { xs: [cx], ys: [level] };
          pieces.push(cur);
        }
      }
    }
    if (inside(y)) {
      if (!cur) {
        cur = { xs: [], ys: [] };
        pieces.push(cur);
      }
      cur.xs.push(x);
      cur.ys.push(y);
    } else cur = null;
  }
  return pieces.filter((p) => p.xs.length >= 2);
}
