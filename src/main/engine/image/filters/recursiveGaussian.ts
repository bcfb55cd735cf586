/**
 * Deriche's 4th-order recursive (IIR) Gaussian as ITK implements it (`itk::RecursiveGaussianImageFilter`
 * over `itk::RecursiveSeparableImageFilter`), orders 0 (smoothing) and 2 (second derivative), with
 * ITK's coefficients, normalisations and edge handling (algorithms.md §5.2). The cost per sample is
 * fixed (8 taps causal + 8 taps anti-causal) whatever σ.
 *
 * References: R. Deriche, "Recursively implementing the Gaussian and its derivatives", INRIA RR-1893
 * (1993); G. Farnebäck & C.-F. Westin, "Improving Deriche-style recursive Gaussian filters",
 * J. Math. Imaging Vis. 26 (2006); ITK `itkRecursiveGaussianImageFilter.hxx`.
 */
import type { VoxelArray } from '../volume';
import { forEachLineBundle, gatherBundle, scatterBundle, type Axis, type GridImage, type Region } from './grid';

/** The coefficients of one recursive pass: y⁺ numerators N, y⁻ numerators M, shared denominators D, edge terms. */
export interface DericheCoefficients {
  /** Causal numerators N0 … N3. */
  n: [number, number, number, number];
  /** Denominators D1 … D4. */
  d: [number, number, number, number];
  /** Anti-causal numerators M1 … M4. */
  m: [number, number, number, number];
  /** Causal edge coefficients BN_i = D_i·ΣN/ΣD. */
  bn: [number, number, number, number];
  /** Anti-causal edge coefficients BM_i = D_i·ΣM/ΣD. */
  bm: [number, number, number, number];
}

/** Deriche's fitted constants (A1, B1, A2, B2) per derivative order (ITK's table). */
const DERICHE_A_B: Record<0 | 2, [number, number, number, number]> = {
  0: [1.353, 1.8151, -0.3531, 0.0902],
  2: [-1.3563, 5.2318, 0.3446, -2.2355],
};
const W1 = 0.6681;
const L1 = -1.3932;
const W2 = 2.0787;
const L2 = -1.3732;

interface Trig {
  c1: number;
  c2: number;
  s1: number;
  s2: number;
  e1: number;
  e2: number;
}

interface NumeratorSums {
  n: [number, number, number, number];
  sn: number;
  dn: number;
  en: number;
}

/** ITK ComputeNCoefficients: N0 … N3 and their sums ΣN, Σk·N_k, Σk²·N_k for one (A1, B1, A2, B2). */
function numerators(t: Trig, [a1, b1, a2, b2]: [number, number, number, number]): NumeratorSums {
  const n0 = a1 + a2;
  let n1 = t.e2 * (b2 * t.s2 - (a2 + 2 * a1) * t.c2);
  n1 += t.e1 * (b1 * t.s1 - (a1 + 2 * a2) * t.c1);
  let n2 = (a1 + a2) * t.c2 * t.c1;
  n2 -= b1 * t.c2 * t.s1 + b2 * t.c1 * t.s2;
  n2 *= 2 * t.e1 * t.e2;
  n2 += a2 * t.e1 * t.e1 + a1 * t.e2 * t.e2;
  let n3 = t.e2 * t.e1 * t.e1 * (b2 * t.s2 - a2 * t.c2);
  n3 += t.e1 * t.e2 * t.e2 * (b1 * t.s1 - a1 * t.c1);
  return {
    n: [n0, n1, n2, n3],
    sn: n0 + n1 + n2 + n3,
    dn: n1 + 2 * n2 + 3 * n3,
    en: n1 + 4 * n2 + 9 * n3,
  };
}

/**
 * Coefficients of ITK's recursive Gaussian along one axis.
 *
 * With σ_d = σ/spacing (pixels), c_k = cos(W_k/σ_d), s_k = sin(W_k/σ_d), e_k = exp(L_k/σ_d):
 * D4 = e₁²e₂², D3 = −2c₁e₁e₂² − 2c₂e₂e₁², D2 = 4c₂c₁e₁e₂ + e₁² + e₂², D1 = −2(e₂c₂ + e₁c₁).
 *  - order 0: N ← N⁰/α₀ with α₀ = 2ΣN⁰/ΣD − N⁰₀ (unit DC gain; no scale normalisation);
 *  - order 2: N = N² + βN⁰ with β = −(2ΣN² − ΣD·N²₀)/(2ΣN⁰ − ΣD·N⁰₀), then N ← N·k/α₂ with
 *    α₂ = (EN·SD² − ED·SN·SD − 2DN·DD·SD + 2DD²·SN)/SD³ (response 2 to a unit parabola in pixels) and
 *    k = σ² (σ in mm) when normalising across scale, else 1.
 * Anti-causal (symmetric kernel): M_i = N_i − D_i·N0 (i = 1 … 3), M4 = −D4·N0.
 *
 * @param sigmaMm σ in mm (ITK `Sigma`).
 * @param spacingMm pixel spacing along the filtered axis in mm (must be ≥ 1e-8, as ITK requires).
 * @param order 0 (smoothing) or 2 (second derivative).
 * @param normalizeAcrossScale ITK `NormalizeAcrossScale` (affects order 2 only).
 */
export function dericheCoefficients(
  sigmaMm: number,
  spacingMm: number,
  order: 0 | 2,
  normalizeAcrossScale: boolean,
): DericheCoefficients {
  if (!(Math.abs(spacingMm) >= 1e-8)) throw new Error(`recursive Gaussian: pixel spacing ${spacingMm} below 1e-8`);
  const sigmad = sigmaMm / Math.abs(spacingMm);
  const t: Trig = {
    c1: Math.cos(W1 / sigmad),
    c2: Math.cos(W2 / sigmad),
    s1: Math.sin(W1 / sigmad),
    s2: Math.sin(W2 / sigmad),
    e1: Math.exp(L1 / sigmad),
    e2: Math.exp(L2 / sigmad),
  };
  const { c1, c2, e1, e2 } = t;
  const d4 = e1 * e1 * e2 * e2;
  let d3 = -2 * c1 * e1 * e2 * e2;
  d3 += -2 * c2 * e2 * e1 * e1;
  let d2 = 4 * c2 * c1 * e1 * e2;
  d2 += e1 * e1 + e2 * e2;
  const d1 = -2 * (e2 * c2 + e1 * c1);
  const sd = 1 + d1 + d2 + d3 + d4;
  const dd = d1 + 2 * d2 + 3 * d3 + 4 * d4;
  const ed = d1 + 4 * d2 + 9 * d3 + 16 * d4;

  let n: [number, number, number, number];
  const zero = numerators(t, DERICHE_A_B[0]);
  if (order === 0) {
    const alpha0 = (2 * zero.sn) / sd - zero.n[0];
    const f = 1 / alpha0;
    n = [zero.n[0] * f, zero.n[1] * f, zero.n[2] * f, zero.n[3] * f];
  } else {
    const two = numerators(t, DERICHE_A_B[2]);
    const beta = -(2 * two.sn - sd * two.n[0]) / (2 * zero.sn - sd * zero.n[0]);
    const nb = two.n.map((v, i) => v + beta * zero.n[i]!) as [number, number, number, number];
    const sn = two.sn + beta * zero.sn;
    const dn = two.dn + beta * zero.dn;
    const en = two.en + beta * zero.en;
    let alpha2 = en * sd * sd - ed * sn * sd - 2 * dn * dd * sd + 2 * dd * dd * sn;
    alpha2 /= sd * sd * sd;
    const f = (normalizeAcrossScale ? sigmaMm * sigmaMm : 1) / alpha2;
    n = [nb[0] * f, nb[1] * f, nb[2] * f, nb[3] * f];
  }
  const m: [number, number, number, number] = [n[1] - d1 * n[0], n[2] - d2 * n[0], n[3] - d3 * n[0], -d4 * n[0]];
  const sN = n[0] + n[1] + n[2] + n[3];
  const sM = m[0] + m[1] + m[2] + m[3];
  const sD = 1 + d1 + d2 + d3 + d4;
  const d: [number, number, number, number] = [d1, d2, d3, d4];
  return {
    n,
    d,
    m,
    bn: d.map((di) => (di * sN) / sD) as [number, number, number, number],
    bm: d.map((di) => (di * sM) / sD) as [number, number, number, number],
  };
}

/**
 * Filter `lines` independent lines at once (ITK `RecursiveSeparableImageFilter::FilterDataArray` per
 * line), in double. Sample i of line k is `x[i·lines + k]`; every line gets exactly ITK's arithmetic:
 *   y⁺[i] = N0x[i] + N1x[i−1] + N2x[i−2] + N3x[i−3] − (D1y⁺[i−1] + … + D4y⁺[i−4]),
 *   y⁻[i] = M1x[i+1] + M2x[i+2] + M3x[i+3] + M4x[i+4] − (D1y⁻[i+1] + … + D4y⁻[i+4]),
 *   out = y⁺ + y⁻.
 * Edges: samples before the line are x[0] (after it x[n−1]), and outputs before it are the steady
 * state x[0]·ΣN/ΣD, i.e. D_i·y⁺[−i] = x[0]·BN_i (likewise BM_i at the end). Sum order as ITK.
 *
 * @param n samples per line (≥ 4, else throws as ITK does).
 * @param causal scratch, and `out` the result, both n·lines long; neither may alias `x`.
 * @param from first and `to` one past the last sample written to `out` (whole line by default): the
 *   causal recursion stops at `to`, the anti-causal one at `from`.
 */
export function filterBlock(
  c: DericheCoefficients,
  x: Float64Array,
  n: number,
  lines: number,
  causal: Float64Array,
  out: Float64Array,
  from = 0,
  to = n,
): void {
  if (n < 4) throw new Error(`recursive Gaussian: a line of ${n} samples is shorter than the 4 the filter needs`);
  const [n0, n1, n2, n3] = c.n;
  const [d1, d2, d3, d4] = c.d;
  const [m1, m2, m3, m4] = c.m;
  const [bn1, bn2, bn3, bn4] = c.bn;
  const [bm1, bm2, bm3, bm4] = c.bm;
  const K = lines;
  const y = causal;
  const last = (n - 1) * K;
  // One line at a time, the recursion state in locals; the block layout keeps the lines of a bundle
  // side by side in memory (sample i of line k at i·K + k).
  for (let k = 0; k < K; k++) {
    const x0 = x[k]!;
    const [x1, x2, x3] = [x[K + k]!, x[2 * K + k]!, x[3 * K + k]!];
    let y0 = x0 * n0 + x0 * n1 + x0 * n2 + x0 * n3;
    y0 -= x0 * bn1 + x0 * bn2 + x0 * bn3 + x0 * bn4;
    let y1 = x1 * n0 + x0 * n1 + x0 * n2 + x0 * n3;
    y1 -= y0 * d1 + x0 * bn2 + x0 * bn3 + x0 * bn4;
    let y2 = x2 * n0 + x1 * n1 + x0 * n2 + x0 * n3;
    y2 -= y1 * d1 + y0 * d2 + x0 * bn3 + x0 * bn4;
    let y3 = x3 * n0 + x2 * n1 + x1 * n2 + x0 * n3;
    y3 -= y2 * d1 + y1 * d2 + y0 * d3 + x0 * bn4;
    y[k] = y0;
    y[K + k] = y1;
    y[2 * K + k] = y2;
    y[3 * K + k] = y3;
    // x[i−1 … i−3] and y⁺[i−1 … i−4]
    let xa = x3;
    let xb = x2;
    let xc = x1;
    let ya = y3;
    let yb = y2;
    let yc = y1;
    let yd = y0;
    for (let p = 4 * K + k, end = Math.max(to - 1, 3) * K + k; p <= end; p += K) {
      const xi = x[p]!;
      const v = xi * n0 + xa * n1 + xb * n2 + xc * n3;
      const yi = v - (ya * d1 + yb * d2 + yc * d3 + yd * d4);
      y[p] = yi;
      xc = xb;
      xb = xa;
      xa = xi;
      yd = yc;
      yc = yb;
      yb = ya;
      ya = yi;
    }

    const xe = x[last + k]!;
    const [xf, xg] = [x[last - K + k]!, x[last - 2 * K + k]!];
    let z1 = xe * m1 + xe * m2 + xe * m3 + xe * m4;
    z1 -= xe * bm1 + xe * bm2 + xe * bm3 + xe * bm4;
    let z2 = xe * m1 + xe * m2 + xe * m3 + xe * m4;
    z2 -= z1 * d1 + xe * bm2 + xe * bm3 + xe * bm4;
    let z3 = xf * m1 + xe * m2 + xe * m3 + xe * m4;
    z3 -= z2 * d1 + z1 * d2 + xe * bm3 + xe * bm4;
    let z4 = xg * m1 + xf * m2 + xe * m3 + xe * m4;
    z4 -= z3 * d1 + z2 * d2 + z1 * d3 + xe * bm4;
    const edge = [z1, z2, z3, z4];
    for (let e = 0; e < 4; e++) {
      const j = n - 1 - e;
      if (j >= from && j < to) out[j * K + k] = y[j * K + k]! + edge[e]!;
    }
    // y⁻[j] from x[j+1 … j+4] and y⁻[j+1 … j+4], j = n − 5 … 0
    let xp1 = x[last - 3 * K + k]!;
    let xp2 = xg;
    let xp3 = xf;
    let xp4 = xe;
    let zp1 = z4;
    let zp2 = z3;
    let zp3 = z2;
    let zp4 = z1;
    for (let j = n - 5, p = last - 4 * K + k; j >= from; j--, p -= K) {
      const v = xp1 * m1 + xp2 * m2 + xp3 * m3 + xp4 * m4;
      const zj = v - (zp1 * d1 + zp2 * d2 + zp3 * d3 + zp4 * d4);
      if (j < to) out[p] = y[p]! + zj;
      xp4 = xp3;
      xp3 = xp2;
      xp2 = xp1;
      xp1 = x[p]!;
      zp4 = zp3;
      zp3 = zp2;
      zp2 = zp1;
      zp1 = zj;
    }
  }
}

/** {@link filterBlock} for a single line. */
export function filterLine(c: DericheCoefficients, x: Float64Array, n: number, causal: Float64Array, out: Float64Array): void {
  filterBlock(c, x, n, 1, causal, out);
}

/**
 * One ITK recursive-Gaussian pass along `axis`: every line is read into doubles, filtered with
 * {@link filterBlock} and stored in `dst` as float32 (ITK's float internal image). `dst` may be
 * `image.data` itself (in-place pass over a float32 buffer). With `region`, only the samples inside it
 * are written: the lines through it, each recursion run as far as the region needs (the causal one from
 * the line start, the anti-causal one from its end), so the values are those of the full pass.
 */
export function recursiveGaussianPass(
  image: GridImage<VoxelArray>,
  axis: Axis,
  coefficients: DericheCoefficients,
  dst: Float32Array,
  region?: Region,
): void {
  const src = image.data;
  let block = new Float64Array(0);
  let scratch = block;
  let out = block;
  // only the samples inside the region along the axis are written
  const [from, to] = region ? [region.lo[axis], region.hi[axis]] : [0, image.size[axis]];
  forEachLineBundle(image.size, axis, (bundle) => {
    const length = bundle.n * bundle.lines;
    if (block.length !== length) [block, scratch, out] = [new Float64Array(length), new Float64Array(length), new Float64Array(length)];
    gatherBundle(src, bundle, block);
    filterBlock(coefficients, block, bundle.n, bundle.lines, scratch, out, from, to);
    scatterBundle(out, bundle, dst, from, to);
  }, region);
}
