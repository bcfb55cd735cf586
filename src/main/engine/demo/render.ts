/**
 * Noise-free rendering of a demo phantom in one contrast phase: the HU of every voxel, averaged
 * over three points across the slice thickness (at −T/3, 0, +T/3 from the slice centre: partial
 * volume of a 5-mm slice), and the true tumour mask (tumour at the slice centre point).
 */
import type { Vec3 } from '../image/volume';
import { organsOnRow, sampleAnatomy, type AnatomySample, type Organ } from './anatomy';
import type { PhaseName } from './centres';
import type { PatientPhantom } from './phantom';
import { PHASE_INDEX, TISSUE_ATTENUATION, tissueHu, type Tissue } from './tissues';
import { inNecrosis, rowStepInFrame, shapeFunction, toTumourFrame, tumourExtent, tumourHu, tumourRow, type TumourShape } from './tumour';

export interface RenderedPhase {
  /** Ideal HU, x fastest, on the phantom grid. */
  hu: Float32Array;
  /** True tumour mask (0/1) on the same grid. */
  tumour: Uint8Array;
}

/** Axis-aligned box of patient coordinates [min, max] that holds the tumour (after `shift`). */
export function tumourBox(t: TumourShape, shift: Vec3, marginMm: number): { min: Vec3; max: Vec3 } {
  const e = tumourExtent(t);
  const c = Math.abs(Math.cos(t.angle));
  const s = Math.abs(Math.sin(t.angle));
  const half: Vec3 = [e[0] * c + e[1] * s + marginMm, e[0] * s + e[1] * c + marginMm, e[2] + marginMm];
  const centre: Vec3 = [t.centre[0] + shift[0], t.centre[1] + shift[1], t.centre[2] + shift[2]];
  return { min: [centre[0] - half[0], centre[1] - half[1], centre[2] - half[2]], max: [centre[0] + half[0], centre[1] + half[1], centre[2] + half[2]] };
}

/**
 * Whether the (unshifted) patient point lies in the tumour: inside F < 1 where the anatomy lets a
 * tumour grow (abdominal cavity, not bone or canal). Returns F (∞ outside the cavity); q and v
 * receive the tumour-frame point and the normalised point. `organs` as for {@link sampleAnatomy}.
 */
export function tumourShapeAt(ph: PatientPhantom, x: number, y: number, z: number, sample: AnatomySample, q: Vec3, v: Vec3, organs?: Organ[]): number {
  sampleAnatomy(ph.anatomy, x, y, z, sample, organs);
  if (!sample.tumourAllowed) return Number.POSITIVE_INFINITY;
  return shapeFunction(ph.tumour, toTumourFrame(ph.tumour, x, y, z, q), v);
}

/**
 * Renders `phase` for a scanner of contrast gain `gain`. The patient is shifted by
 * `motion[phase]`, i.e. the phantom is evaluated at p − shift. The tumour texture and the necrotic
 * core's radius are evaluated once per voxel, at the slice-centre point (both vary over ≥ 8 mm).
 */
export function renderPhase(ph: PatientPhantom, phase: PhaseName, gain: number): RenderedPhase {
  const [nx, ny, nz] = ph.grid.size;
  const [sx, sy, sz] = ph.grid.spacing;
  const [ox, oy, oz] = ph.grid.origin;
  const [dx, dy, dz] = ph.motion[phase];
  const t = ph.tumour;
  const phaseIndex = PHASE_INDEX[phase];
  const huOf = TISSUE_ATTENUATION.map((_, k) => tissueHu(k as Tissue, phase, gain));
  const box = tumourBox(t, [dx, dy, dz], sx);
  const i0 = Math.max(0, Math.floor((box.min[0] - ox) / sx));
  const i1 = Math.min(nx - 1, Math.ceil((box.max[0] - ox) / sx));
  const plane = nx * ny;
  const hu = new Float32Array(plane * nz);
  const tumour = new Uint8Array(plane * nz);
  const texture = new Float64Array(nx);
  const coreRadius = new Float64Array(nx);
  const step = rowStepInFrame(t, sx);
  const sample: AnatomySample = { tissue: 0, tumourAllowed: false };
  const q: Vec3 = [0, 0, 0];
  const q0: Vec3 = [0, 0, 0];
  const v: Vec3 = [0, 0, 0];
  const offsets = [-sz / 3, 0, sz / 3];
  for (let k = 0; k < nz; k++) {
    const zCentre = oz + k * sz;
    const slabInBox = zCentre + offsets[2] >= box.min[2] && zCentre + offsets[0] <= box.max[2];
    for (let j = 0; j < ny; j++) {
      const y = oy + j * sy;
      const py = y - dy;
      const rowInBox = slabInBox && y >= box.min[1] && y <= box.max[1] && i0 <= i1;
      if (rowInBox) tumourRow(t, toTumourFrame(t, ox + i0 * sx - dx, py, zCentre - dz, q0), step, i1 - i0 + 1, texture, coreRadius);
      const row = nx * j + plane * k;
      for (let s = 0; s < 3; s++) {
        const z = zCentre + offsets[s];
        const pz = z - dz;
        const organs = organsOnRow(ph.anatomy, py, pz);
        const inBox = rowInBox && z >= box.min[2] && z <= box.max[2];
        for (let i = 0; i < nx; i++) {
          const px = ox + i * sx - dx;
          if (inBox && i >= i0 && i <= i1 && tumourShapeAt(ph, px, py, pz, sample, q, v, organs) < 1) {
            hu[row + i] += tumourHu(t, inNecrosis(t, v, coreRadius[i - i0]), texture[i - i0], phaseIndex, gain) / 3;
            if (s === 1) tumour[row + i] = 1;
          } else {
            if (!inBox || i < i0 || i > i1) sampleAnatomy(ph.anatomy, px, py, pz, sample, organs);
            hu[row + i] += huOf[sample.tissue] / 3;
          }
        }
      }
    }
  }
  return { hu, tumour };
}
