import { describe, expect, it } from 'vitest';
import { CENTRES } from '../../../../../src/main/engine/demo/centres';
import { drawCohort } from '../../../../../src/main/engine/demo/cohort';
import { phenotypeOf } from '../../../../../src/main/engine/demo/latentModel';
import { drawPhantom, DEMO_GRID, type PatientPhantom } from '../../../../../src/main/engine/demo/phantom';
import { Rng } from '../../../../../src/main/engine/stats/rng';
import { delineate } from '../../../../../src/main/engine/demo/readerMasks';
import { renderPhase } from '../../../../../src/main/engine/demo/render';
import { gaussianKernel, scanPhase } from '../../../../../src/main/engine/demo/scanner';
import { lobulation, drawTumourShape, inNecrosis, shapeFunction, tumourExtent, tumourRow } from '../../../../../src/main/engine/demo/tumour';
import type { Vec3 } from '../../../../../src/main/engine/image/volume';

const SEED = 20230531;
const cohort = drawCohort({ patients: 6, seed: SEED });
const phantoms = cohort.patients.map((p) => drawPhantom(SEED, p));

function dice(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    both += a[i] & b[i];
    na += a[i];
    nb += b[i];
  }
  return (2 * both) / (na + nb);
}

function sum(a: Uint8Array): number {
  let n = 0;
  for (const v of a) n += v;
  return n;
}

describe('demo tumour shape', () => {
  const traits = { size: 0.3, irregularity: 1.5, necrosis: 1.2, heterogeneity: 0, enhancement: 0, invasion: 0 };
  const shape = drawTumourShape(new Rng(21), phenotypeOf(traits), { centre: [0, 0, 0], angle: 0.3, maxHalfHeight: 45 });

  it('F is homogeneous of degree 1 along rays and the lobulation keeps the mean radius', () => {
    const v: Vec3 = [0, 0, 0];
    const q: Vec3 = [23, -11, 7];
    const f1 = shapeFunction(shape, q, v);
    expect(shapeFunction(shape, [2 * q[0], 2 * q[1], 2 * q[2]], v)).toBeCloseTo(2 * f1, 12);
    expect(Math.hypot(...v)).toBeCloseTo(2 * f1, 12);
    const rng = new Rng(2);
    let mean = 0;
    const n = 20_000;
    for (let k = 0; k < n; k++) {
      const z = 2 * rng.uniform() - 1;
      const phi = 2 * Math.PI * rng.uniform();
      const r = Math.sqrt(1 - z * z);
      mean += lobulation(shape, r * Math.cos(phi), r * Math.sin(phi), z) / n;
    }
    expect(mean).toBeCloseTo(1, 2);
  });

  it('the extent bounds every inside point and the necrotic share is close to the planted fraction', () => {
    const e = tumourExtent(shape);
    const rng = new Rng(3);
    const q: Vec3 = [0, 0, 0];
    const v: Vec3 = [0, 0, 0];
    const tex = new Float64Array(1);
    const rho = new Float64Array(1);
    let inside = 0;
    let necrotic = 0;
    let beyond = 0;
    for (let k = 0; k < 60_000; k++) {
      for (let i = 0; i < 3; i++) q[i] = (2 * rng.uniform() - 1) * 1.3 * e[i];
      if (shapeFunction(shape, q, v) >= 1) continue;
      inside++;
      if (Math.abs(q[0]) > e[0] * 1.01 || Math.abs(q[1]) > e[1] * 1.01 || Math.abs(q[2]) > e[2] * 1.01) beyond++;
      tumourRow(shape, q, [0, 0, 0], 1, tex, rho);
      if (inNecrosis(shape, v, rho[0])) necrotic++;
    }
    expect(beyond).toBe(0);
    expect(shape.necrosisFraction).toBeGreaterThan(0.2);
    expect(Math.abs(necrotic / inside - shape.necrosisFraction)).toBeLessThan(0.1);
  });
});

describe('demo phantom', () => {
  it('fits the tumour and a margin in 16–24 five-millimetre slices on a 96×96 grid', () => {
    for (const [k, ph] of phantoms.entries()) {
      const [nx, ny, nz] = ph.grid.size;
      expect([nx, ny]).toEqual([96, 96]);
      expect(nz).toBeGreaterThanOrEqual(DEMO_GRID.minSlices);
      expect(nz).toBeLessThanOrEqual(DEMO_GRID.maxSlices);
      expect(ph.grid.spacing).toEqual([CENTRES[cohort.patients[k].centre].pixelSpacing, CENTRES[cohort.patients[k].centre].pixelSpacing, 5]);
      const { tumour } = renderPhase(ph, 'PV', 1);
      const perSlice = Array.from({ length: nz }, (_, z) => sum(tumour.subarray(z * nx * ny, (z + 1) * nx * ny)));
      expect(perSlice[0] + perSlice[nz - 1]).toBe(0);
      // volume: the ellipsoid's, less what the abdominal wall, bone and lobulation take or add
      const [a, b, c] = ph.tumour.semiAxes;
      const ellipsoid = (4 / 3) * Math.PI * a * b * c;
      const measured = sum(tumour) * ph.grid.spacing[0] * ph.grid.spacing[1] * 5;
      expect(measured / ellipsoid).toBeGreaterThan(0.4);
      expect(measured / ellipsoid).toBeLessThan(1.5);
    }
  });

  it('renders the documented HU per tissue and phase (aorta 300/150/90, scaled by the contrast gain)', () => {
    const ph = phantoms.find((p) => p.tumour.centre[0] < -20) as PatientPhantom; // tumour on the right: the aorta (left of midline) is free
    const [nx, ny] = ph.grid.size;
    const voxel = (x: number, y: number, z: number): number => {
      const i = Math.round((x - ph.grid.origin[0]) / ph.grid.spacing[0]);
      const j = Math.round((y - ph.grid.origin[1]) / ph.grid.spacing[1]);
      return i + nx * (j + ny * z);
    };
    const aorta = ph.anatomy.organs.find((o) => o.name === 'aorta')!;
    const expected = { ART: 300, PV: 150, DELAY: 90 };
    for (const phase of ['ART', 'PV', 'DELAY'] as const) {
      const shift = ph.motion[phase];
      const r = renderPhase(ph, phase, 1);
      const at = voxel(aorta.centre[0] + shift[0], aorta.centre[1] + shift[1], 2);
      expect(r.tumour[at]).toBe(0);
      expect(r.hu[at]).toBeCloseTo(expected[phase], 3);
      expect(renderPhase(ph, phase, 1.15).hu[at]).toBeCloseTo(40 + 1.15 * (expected[phase] - 40), 3);
      expect(r.hu[voxel(0, -ph.anatomy.body[1] - 8, 2)]).toBe(-1000); // air in front of the body
    }
  });
});

describe('demo scanner model', () => {
  it('normalised Gaussian kernels', () => {
    for (const s of [0.45, 0.5, 0.9, 1]) expect(gaussianKernel(s).taps.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it('adds noise of the centre’s standard deviation and its calibration offset; sharper kernel keeps edges sharper', () => {
    const grid = { size: [96, 96, 6] as Vec3, spacing: [3.5, 3.5, 5] as Vec3, origin: [0, 0, 0] as Vec3 };
    const n = 96 * 96 * 6;
    for (const id of ['C1', 'C2'] as const) {
      const centre = CENTRES[id];
      const out = scanPhase(new Float32Array(n).fill(40), grid, centre, 1.1, new Rng(6));
      let s = 0;
      let ss = 0;
      for (const v of out) s += v;
      const mean = s / n;
      for (const v of out) ss += (v - mean) ** 2;
      const sd = Math.sqrt(ss / (n - 1));
      expect(mean).toBeCloseTo(40 + centre.huOffset, 0);
      expect(Math.abs(sd / (centre.noiseSd * 1.1) - 1)).toBeLessThan(0.06);
    }
    const edge = new Float32Array(n).map((_, i) => (i % 96 < 48 ? -100 : 100));
    const width = (id: 'C1' | 'C2'): number => {
      const out = scanPhase(edge, grid, { ...CENTRES[id], noiseSd: 0 }, 1, new Rng(1));
      let w = 0;
      for (let x = 0; x < 96; x++) if (Math.abs(out[96 * 40 + x]) < 80) w++;
      return w;
    };
    expect(width('C2')).toBeLessThan(width('C1'));
    expect(Math.min(...scanPhase(new Float32Array(n).fill(-1000), grid, CENTRES.C1, 1, new Rng(2)))).toBe(-1024);
  });
});

describe('demo reader outlines', () => {
  it('follow the true tumour with realistic disagreement: repeat closer than the second reader, reader 2 larger', () => {
    let r1VsRepeat = 0;
    let r1VsR2 = 0;
    let r2Larger = 0;
    for (const [k, ph] of phantoms.entries()) {
      const truth = renderPhase(ph, 'PV', 1).tumour;
      const r1 = delineate(SEED, k, ph, 'PV', 'reader1');
      const r2 = delineate(SEED, k, ph, 'PV', 'reader2');
      const rep = delineate(SEED, k, ph, 'PV', 'reader1_repeat');
      expect(dice(r1, truth)).toBeGreaterThan(0.8);
      expect(dice(r1, truth)).toBeLessThan(0.99);
      expect(dice(r1, delineate(SEED, k, ph, 'PV', 'reader1'))).toBe(1);
      r1VsRepeat += dice(r1, rep) / phantoms.length;
      r1VsR2 += dice(r1, r2) / phantoms.length;
      if (sum(r2) > sum(r1)) r2Larger++;
    }
    expect(r1VsRepeat).toBeGreaterThan(r1VsR2);
    expect(r1VsR2).toBeGreaterThan(0.75);
    expect(r2Larger).toBeGreaterThanOrEqual(5);
  });
});
