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
import { axisStrides, wholeGrid, type Axis, type GridImage, type Region } from './grid';

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
 * Where {@link filterLines} reads and writes: sample i of line k is at `offset + i·sampleStride +
 * k·lineStride` of the source and of the destination.
 */
export interface LineLayout {
  /** Samples per line (≥ 4, else throws as ITK does). */
  n: number;
  /** Number of lines. */
  lines: number;
  offset: number;
  sampleStride: number;
  lineStride: number;
}

/**
 * Filter `layout.lines` independent lines at once (ITK `RecursiveSeparableImageFilter::FilterDataArray`
 * per line), in double; every line gets exactly ITK's arithmetic:
 *   y⁺[i] = N0x[i] + N1x[i−1] + N2x[i−2] + N3x[i−3] − (D1y⁺[i−1] + … + D4y⁺[i−4]),
 *   y⁻[i] = M1x[i+1] + M2x[i+2] + M3x[i+3] + M4x[i+4] − (D1y⁻[i+1] + … + D4y⁻[i+4]),
 *   out = y⁺ + y⁻, stored rounded to float32 (ITK's float internal image).
 * Edges: samples before the line are x[0] (after it x[n−1]), and outputs before it are the steady
 * state x[0]·ΣN/ΣD, i.e. D_i·y⁺[−i] = x[0]·BN_i (likewise BM_i at the end). Sum order as ITK.
 * The recursions advance all lines together, one sample index at a time (the lines' chains are
 * independent, so they overlap in the pipeline); `dst` may be `src` (every sample of a line is read
 * before any is written).
 *
 * @param causal, anticausal scratch of at least n·lines doubles.
 * @param from first and `to` one past the last sample written (whole line by default): the causal
 *   recursion stops at `to`, the anti-causal one at `from`.
 */
export function filterLines(
  c: DericheCoefficients,
  src: Float64Array,
  dst: Float64Array,
  layout: LineLayout,
  causal: Float64Array,
  anticausal: Float64Array,
  from = 0,
  to = layout.n,
): void {
  const { n, lines: K, offset, sampleStride: ss, lineStride: ls } = layout;
  if (n < 4) throw new Error(`recursive Gaussian: a line of ${n} samples is shorter than the 4 the filter needs`);
  const [n0, n1, n2, n3] = c.n;
  const [d1, d2, d3, d4] = c.d;
  const [m1, m2, m3, m4] = c.m;
  const [bn1, bn2, bn3, bn4] = c.bn;
  const [bm1, bm2, bm3, bm4] = c.bm;
  const y = causal;
  const z = anticausal;
  // y⁺ and y⁻ of sample i of line k at i·K + k
  for (let k = 0; k < K; k++) {
    const s = offset + k * ls;
    const x0 = src[s]!;
    const x1 = src[s + ss]!;
    const x2 = src[s + 2 * ss]!;
    const x3 = src[s + 3 * ss]!;
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
  }
  for (let i = 4, end = Math.max(to - 1, 3); i <= end; i++) {
    const row = i * K;
    let s = offset + i * ss;
    for (let k = 0; k < K; k++, s += ls) {
      const v = src[s]! * n0 + src[s - ss]! * n1 + src[s - 2 * ss]! * n2 + src[s - 3 * ss]! * n3;
      const p = row + k;
      y[p] = v - (y[p - K]! * d1 + y[p - 2 * K]! * d2 + y[p - 3 * K]! * d3 + y[p - 4 * K]! * d4);
    }
  }
  const last = n - 1;
  for (let k = 0; k < K; k++) {
    const s = offset + k * ls + last * ss;
    const xe = src[s]!;
    const xf = src[s - ss]!;
    const xg = src[s - 2 * ss]!;
    let z1 = xe * m1 + xe * m2 + xe * m3 + xe * m4;
    z1 -= xe * bm1 + xe * bm2 + xe * bm3 + xe * bm4;
    let z2 = xe * m1 + xe * m2 + xe * m3 + xe * m4;
    z2 -= z1 * d1 + xe * bm2 + xe * bm3 + xe * bm4;
    let z3 = xf * m1 + xe * m2 + xe * m3 + xe * m4;
    z3 -= z2 * d1 + z1 * d2 + xe * bm3 + xe * bm4;
    let z4 = xg * m1 + xf * m2 + xe * m3 + xe * m4;
    z4 -= z3 * d1 + z2 * d2 + z1 * d3 + xe * bm4;
    z[last * K + k] = z1;
    z[(last - 1) * K + k] = z2;
    z[(last - 2) * K + k] = z3;
    z[(last - 3) * K + k] = z4;
  }
  for (let j = n - 5; j >= from; j--) {
    const row = j * K;
    let s = offset + j * ss;
    for (let k = 0; k < K; k++, s += ls) {
      const v = src[s + ss]! * m1 + src[s + 2 * ss]! * m2 + src[s + 3 * ss]! * m3 + src[s + 4 * ss]! * m4;
      const p = row + k;
      z[p] = v - (z[p + K]! * d1 + z[p + 2 * K]! * d2 + z[p + 3 * K]! * d3 + z[p + 4 * K]! * d4);
    }
  }
  for (let i = from; i < to; i++) {
    const row = i * K;
    let s = offset + i * ss;
    for (let k = 0; k < K; k++, s += ls) dst[s] = Math.fround(y[row + k]! + z[row + k]!);
  }
}

/** {@link filterLines} for one line held in `x` (output in double, not rounded to float32). */
export function filterLine(c: DericheCoefficients, x: Float64Array, n: number, causal: Float64Array, out: Float64Array): void {
  const layout: LineLayout = { n, lines: 1, offset: 0, sampleStride: 1, lineStride: 1 };
  if (n < 4) throw new Error(`recursive Gaussian: a line of ${n} samples is shorter than the 4 the filter needs`);
  const anticausal = new Float64Array(n);
  filterLines(c, x, new Float64Array(n), layout, causal, anticausal);
  for (let i = 0; i < n; i++) out[i] = causal[i]! + anticausal[i]!;
}

/**
 * One ITK recursive-Gaussian pass along `axis` of a double image, into `dst` as float32-rounded
 * doubles (ITK's float internal image). `dst` may be `image.data` itself (in-place pass). With
 * `region`, only the samples inside it are written: the lines through it, each recursion run as far
 * as the region needs (the causal one from the line start, the anti-causal one from its end), so the
 * values are those of the full pass.
 */
export function recursiveGaussianPass(
  image: GridImage<Float64Array>,
  axis: Axis,
  coefficients: DericheCoefficients,
  dst: Float64Array,
  region: Region = wholeGrid(image.size),
): void {
  const strides = axisStrides(image.size);
  const n = image.size[axis];
  // lines of one bundle lie across `across` (x unless filtering along x), bundles step along `outer`
  const across = axis === 0 ? 1 : 0;
  const outer = axis === 2 ? 1 : 2;
  const lines = region.hi[across] - region.lo[across];
  if (lines <= 0) return;
  const causal = new Float64Array(n * lines);
  const anticausal = new Float64Array(n * lines);
  for (let j = region.lo[outer]; j < region.hi[outer]; j++) {
    const layout: LineLayout = {
      n,
      lines,
      offset: j * strides[outer] + region.lo[across] * strides[across],
      sampleStride: strides[axis],
      lineStride: strides[across],
    };
    filterLines(coefficients, image.data, dst, layout, causal, anticausal, region.lo[axis], region.hi[axis]);
  }
}
