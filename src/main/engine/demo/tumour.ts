/**
 * The retroperitoneal tumour of the demo phantom: a lobulated ellipsoid with an irregular necrotic
 * core and a smooth enhancement texture.
 *
 * Shape. In the tumour frame q (mm; rotation θ about the patient z axis, centre c), with
 * e = (q_x/a, q_y/b, q_z/c), r = |e| and u = e/r,
 *
 *   L(u) = 1 + ι · Σ_j w_j (exp(κ_j (u·d_j − 1)) − μ_j),   μ_j = (1 − e^{−2κ_j}) / (2κ_j),
 *   F(q) = r / L(u),     inside ⇔ F < 1,
 *
 * a sum of von Mises–Fisher "lobes" (directions d_j, weights w_j with Σ w_j = 2, concentrations
 * κ_j) whose spherical mean μ_j is subtracted, so ι (the irregularity) changes the outline but not
 * the mean radius. F is homogeneous of degree 1 along each ray from the centre, so the boundary
 * along direction q/|q| is at distance |q|/F(q); a boundary moved outwards by d mm is
 * F·(|q| − d) < |q| (used by the readers' outlines).
 *
 * Necrosis: with v = e/L(u) (|v| = F), the core is |v − v_n| < ρ (1 + 0.2 ξ_n(q)), ρ = f^{1/3} for a
 * necrotic volume fraction f, v_n a random offset of at most min(0.2, 0.92 − ρ).
 */
import type { Rng } from '../stats/rng';
import type { Vec3 } from '../image/volume';
import { drawFourierField, evaluateFieldRow, type FourierField } from './fourierField';
import type { TumourPhenotype } from './latentModel';
import { uniformIn, unitVector } from './random';
import { TUMOUR_ATTENUATION } from './tissues';

// Local copy: imported bindings can compile to getters, which are slow in the per-voxel loop.
const ATTENUATION = TUMOUR_ATTENUATION;

export interface TumourLobe {
  direction: Vec3;
  weight: number;
  concentration: number;
}

export interface TumourShape {
  /** Centre in patient coordinates (LPS, mm). */
  centre: Vec3;
  /** Rotation about the z axis, rad. */
  angle: number;
  /** Semi-axes (a, b, c), mm; a = half the long diameter. */
  semiAxes: Vec3;
  irregularity: number;
  lobes: TumourLobe[];
  necrosisFraction: number;
  necrosisOffset: Vec3;
  necrosisOutline: FourierField;
  texture: FourierField;
  heterogeneity: number;
  enhancementHu: number;
}

/** Where the tumour goes: centre and the largest craniocaudal semi-axis allowed. */
export interface TumourPlacement {
  centre: Vec3;
  angle: number;
  maxHalfHeight: number;
}

/**
 * Draws the shape: b = a·U(0.6, 0.9), c = min(a·U(0.55, 0.95), maxHalfHeight); 4–7 lobes with
 * weights U(0.5, 1.5) rescaled to sum 2 and κ ~ U(3, 7); the core offset and the two fields
 * (core outline: 12 waves, 15–40 mm; texture: 24 waves, 8–30 mm).
 */
export function drawTumourShape(rng: Rng, p: TumourPhenotype, placement: TumourPlacement): TumourShape {
  const a = p.diameterMm / 2;
  const b = a * uniformIn(rng, 0.6, 0.9);
  const c = Math.min(a * uniformIn(rng, 0.55, 0.95), placement.maxHalfHeight);
  const nLobes = 4 + rng.int(4);
  const lobes: TumourLobe[] = [];
  for (let j = 0; j < nLobes; j++) lobes.push({ direction: unitVector(rng), weight: uniformIn(rng, 0.5, 1.5), concentration: uniformIn(rng, 3, 7) });
  const total = lobes.reduce((s, l) => s + l.weight, 0);
  for (const l of lobes) l.weight *= 2 / total;
  const rho = Math.cbrt(p.necrosisFraction);
  const reach = Math.max(0, Math.min(0.2, 0.92 - rho)) * Math.cbrt(rng.uniform());
  const dir = unitVector(rng);
  return {
    centre: placement.centre,
    angle: placement.angle,
    semiAxes: [a, b, c],
    irregularity: p.irregularity,
    lobes,
    necrosisFraction: p.necrosisFraction,
    necrosisOffset: [reach * dir[0], reach * dir[1], reach * dir[2]],
    necrosisOutline: drawFourierField(rng, 12, 15, 40),
    texture: drawFourierField(rng, 24, 8, 30),
    heterogeneity: p.heterogeneity,
    enhancementHu: p.enhancementHu,
  };
}

/** Tumour-frame coordinates q = Rᵀ(p − c) of a patient-frame point, written into `out`. */
export function toTumourFrame(t: TumourShape, x: number, y: number, z: number, out: Vec3): Vec3 {
  const dx = x - t.centre[0];
  const dy = y - t.centre[1];
  const cos = Math.cos(t.angle);
  const sin = Math.sin(t.angle);
  out[0] = cos * dx + sin * dy;
  out[1] = -sin * dx + cos * dy;
  out[2] = z - t.centre[2];
  return out;
}

/** Lobulation L(u) along the unit direction u of the normalised frame. */
export function lobulation(t: TumourShape, ux: number, uy: number, uz: number): number {
  let s = 0;
  for (const l of t.lobes) {
    const k = l.concentration;
    const mean = (1 - Math.exp(-2 * k)) / (2 * k);
    s += l.weight * (Math.exp(k * (ux * l.direction[0] + uy * l.direction[1] + uz * l.direction[2] - 1)) - mean);
  }
  return 1 + t.irregularity * s;
}

/**
 * Shape function F(q) (inside ⇔ F < 1) and the normalised point v = e/L(u) used by the core test.
 * Returns F; writes v into `v`.
 */
export function shapeFunction(t: TumourShape, q: Vec3, v: Vec3): number {
  const ex = q[0] / t.semiAxes[0];
  const ey = q[1] / t.semiAxes[1];
  const ez = q[2] / t.semiAxes[2];
  const r = Math.sqrt(ex * ex + ey * ey + ez * ez);
  if (r === 0) {
    v[0] = v[1] = v[2] = 0;
    return 0;
  }
  const L = lobulation(t, ex / r, ey / r, ez / r);
  v[0] = ex / L;
  v[1] = ey / L;
  v[2] = ez / L;
  return r / L;
}

/** Points on the unit sphere (Fibonacci lattice) for measuring the tumour's extent. */
function fibonacciSphere(n: number): Vec3[] {
  const golden = Math.PI * (3 - Math.sqrt(5));
  return Array.from({ length: n }, (_, k) => {
    const z = 1 - (2 * (k + 0.5)) / n;
    const r = Math.sqrt(1 - z * z);
    return [r * Math.cos(golden * k), r * Math.sin(golden * k), z] as Vec3;
  });
}
const DIRECTIONS = fibonacciSphere(2000);

/**
 * Largest extent of the tumour from its centre along each tumour-frame axis, mm: the boundary point
 * in the normalised direction u is q = (a, b, c) ∘ L(u)·u, so reach_i = semi_i · max_u L(u)·|u_i|
 * (maximised over a 2000-point Fibonacci lattice; a slight underestimate between lattice points).
 */
export function tumourExtent(t: TumourShape): Vec3 {
  const reach: Vec3 = [0, 0, 0];
  for (const u of DIRECTIONS) {
    const L = lobulation(t, u[0], u[1], u[2]);
    for (let i = 0; i < 3; i++) reach[i] = Math.max(reach[i], t.semiAxes[i] * L * Math.abs(u[i]));
  }
  return reach;
}

/** Tumour-frame displacement of one step of `dx` mm along the patient x axis (an image row). */
export function rowStepInFrame(t: TumourShape, dx: number): Vec3 {
  return [Math.cos(t.angle) * dx, -Math.sin(t.angle) * dx, 0];
}

/**
 * Texture ξ_t and necrotic-core radius ρ = f^{1/3}(1 + 0.2 ξ_n) (0 without necrosis; normalised
 * frame) at the n tumour-frame points q0 + i·step, into `texture` and `coreRadius`.
 */
export function tumourRow(t: TumourShape, q0: Vec3, step: Vec3, n: number, texture: Float64Array, coreRadius: Float64Array): void {
  evaluateFieldRow(t.texture, q0, step, n, texture);
  if (t.necrosisFraction <= 0) {
    coreRadius.fill(0, 0, n);
    return;
  }
  evaluateFieldRow(t.necrosisOutline, q0, step, n, coreRadius);
  const rho = Math.cbrt(t.necrosisFraction);
  for (let i = 0; i < n; i++) coreRadius[i] = rho * (1 + 0.2 * coreRadius[i]);
}

/** Whether the normalised point v (from {@link shapeFunction}) lies within core radius ρ (from {@link tumourRow}). */
export function inNecrosis(t: TumourShape, v: Vec3, rho: number): boolean {
  const dx = v[0] - t.necrosisOffset[0];
  const dy = v[1] - t.necrosisOffset[1];
  const dz = v[2] - t.necrosisOffset[2];
  return dx * dx + dy * dy + dz * dz < rho * rho;
}

/**
 * HU of a tumour point in phase `phaseIndex` (0 arterial, 1 venous, 2 delayed), scanner gain `gain`,
 * texture value ξ: solid 40 + gain·E·share[φ] + 35·h·textureShare[φ]·ξ; necrotic 18 + 4·ξ.
 */
export function tumourHu(t: TumourShape, necrotic: boolean, xi: number, phaseIndex: 0 | 1 | 2, gain: number): number {
  const a = ATTENUATION;
  if (necrotic) return a.necrosisHu + a.necrosisTextureHu * xi;
  return a.solidUnenhanced + gain * t.enhancementHu * a.enhancementShare[phaseIndex] + a.textureHu * t.heterogeneity * a.textureShare[phaseIndex] * xi;
}
