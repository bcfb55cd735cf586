/**
 * Exact squared Euclidean distance transform of sampled functions (Felzenszwalb & Huttenlocher,
 * "Distance Transforms of Sampled Functions", Theory of Computing 8, 2012): the lower envelope of
 * parabolas, one dimension at a time, with physical spacing per axis.
 */
const INF = 1e20;

/** 1D pass in place: f[q] ← min_p ((q − p)·h)² + f[p], for `n` samples at `stride` from `offset`. */
function edt1d(f: Float64Array, offset: number, stride: number, n: number, h: number, v: Int32Array, z: Float64Array, d: Float64Array): void {
  const h2 = h * h;
  // Intersection abscissa (in samples) of the parabolas rooted at p and q.
  const meet = (p: number, q: number) => (f[offset + q * stride] + h2 * q * q - (f[offset + p * stride] + h2 * p * p)) / (2 * h2 * (q - p));
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    let s = meet(v[k], q);
    while (s <= z[k]) {
      k--;
      s = meet(v[k], q);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    const p = v[k];
    d[q] = h2 * (q - p) * (q - p) + f[offset + p * stride];
  }
  for (let q = 0; q < n; q++) f[offset + q * stride] = d[q];
}

/**
 * Squared distance (mm²) from every pixel centre of a `nu × nv` image to the nearest pixel where
 * `isSite` is true; INF (1e20) everywhere when there is no site.
 */
export function squaredDistance2D(isSite: (p: number) => boolean, nu: number, nv: number, su: number, sv: number): Float64Array {
  const f = new Float64Array(nu * nv);
  for (let p = 0; p < f.length; p++) f[p] = isSite(p) ? 0 : INF;
  const m = Math.max(nu, nv);
  const v = new Int32Array(m);
  const z = new Float64Array(m + 1);
  const d = new Float64Array(m);
  for (let row = 0; row < nv; row++) edt1d(f, row * nu, 1, nu, su, v, z, d);
  for (let col = 0; col < nu; col++) edt1d(f, col, nu, nv, sv, v, z, d);
  return f;
}

/**
 * Signed distance (mm) of a binary image: −(distance to the nearest outside pixel centre) for
 * inside pixels, +(distance to the nearest inside pixel centre) for outside pixels. The zero level
 * lies between the boundary pixels, so `sdf < 0` reproduces the input exactly.
 */
export function signedDistance2D(inside: Uint8Array, nu: number, nv: number, su: number, sv: number): Float64Array {
  const toInside = squaredDistance2D((p) => inside[p] !== 0, nu, nv, su, sv);
  const toOutside = squaredDistance2D((p) => inside[p] === 0, nu, nv, su, sv);
  const out = new Float64Array(nu * nv);
  for (let p = 0; p < out.length; p++) out[p] = inside[p] ? -Math.sqrt(toOutside[p]) : Math.sqrt(toInside[p]);
  return out;
}
