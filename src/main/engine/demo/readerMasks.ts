/**
 * Radiologists' tumour outlines for the demo cohort. A reader's outline is the true boundary moved
 * along each ray from the tumour centre by a smooth, spatially varying distance
 *
 *   d(q) = Δ · (bias + amplitude · ξ_reader(q)),    Δ = in-plane pixel spacing,
 *
 * i.e. local dilation or erosion of mostly 0–1 voxel (ξ is a unit-variance field of 16 plane waves
 * with 20–60 mm wavelengths, anchored to the tumour so that it moves with the patient). With
 * F the tumour shape function and t = |q|, a voxel is inside when F·(t − d) ≤ t and the point lies
 * in the abdominal cavity (outlines avoid bone and the canal, as the true tumour does); the
 * tumour centre itself (t = 0) is always inside.
 *
 * ξ_reader mixes a per-reader field shared by the three phases with a per-phase field
 * (weights √(1 − 0.45²) and 0.45), so a reader's three phase outlines differ slightly. Reader 1's
 * repeat outline (three weeks later) reuses 75 % of reader 1's shared field (correlation 0.75);
 * reader 1 keeps slightly inside the border (bias −0.1 voxel, −0.15 on the repeat), reader 2 has
 * independent fields and draws slightly larger (bias +0.1 voxel, amplitude 0.35 voxel).
 */
import type { Vec3 } from '../image/volume';
import type { AnatomySample } from './anatomy';
import type { PhaseName } from './centres';
import { drawFourierField, evaluateFieldRow, type FourierField } from './fourierField';
import type { PatientPhantom } from './phantom';
import { streamFor } from './random';
import { tumourBox, tumourShapeAt } from './render';
import { rowStepInFrame, toTumourFrame } from './tumour';

export type MaskReader = 'reader1' | 'reader2' | 'reader1_repeat';
export const MASK_READERS: readonly MaskReader[] = ['reader1', 'reader2', 'reader1_repeat'];

export interface ReaderStyle {
  /** Mean outward displacement, voxels. */
  bias: number;
  /** Standard deviation of the displacement, voxels. */
  amplitude: number;
}

export const READER_STYLES: Record<MaskReader, ReaderStyle> = {
  reader1: { bias: -0.1, amplitude: 0.3 },
  reader1_repeat: { bias: -0.15, amplitude: 0.3 },
  reader2: { bias: 0.1, amplitude: 0.35 },
};

const PHASE_SHARE = 0.45;
const REPEAT_CORRELATION = 0.75;

function boundaryField(seed: number, ...labels: (string | number)[]): FourierField {
  return drawFourierField(streamFor(seed, 'outline', ...labels), 16, 20, 60);
}

/** The displacement field of one reader in one phase, as weighted component fields. */
function readerFields(seed: number, patientIndex: number, reader: MaskReader, phase: PhaseName): { field: FourierField; weight: number }[] {
  const shared = Math.sqrt(1 - PHASE_SHARE * PHASE_SHARE);
  const own = boundaryField(seed, reader, patientIndex);
  const phaseField = { field: boundaryField(seed, reader, patientIndex, phase), weight: PHASE_SHARE };
  if (reader !== 'reader1_repeat') return [{ field: own, weight: shared }, phaseField];
  return [
    { field: boundaryField(seed, 'reader1', patientIndex), weight: shared * REPEAT_CORRELATION },
    { field: own, weight: shared * Math.sqrt(1 - REPEAT_CORRELATION * REPEAT_CORRELATION) },
    phaseField,
  ];
}

/**
 * Reader `reader`'s tumour mask (0/1, on the phantom grid) in `phase`, evaluated at the slice
 * centres with the phase's patient shift.
 */
export function delineate(seed: number, patientIndex: number, ph: PatientPhantom, phase: PhaseName, reader: MaskReader): Uint8Array {
  const [nx, ny, nz] = ph.grid.size;
  const [sx, sy, sz] = ph.grid.spacing;
  const [ox, oy, oz] = ph.grid.origin;
  const shift = ph.motion[phase];
  const style = READER_STYLES[reader];
  const fields = readerFields(seed, patientIndex, reader, phase);
  const box = tumourBox(ph.tumour, shift, 4 * sx);
  const mask = new Uint8Array(nx * ny * nz);
  const sample: AnatomySample = { tissue: 0, tumourAllowed: false };
  const q: Vec3 = [0, 0, 0];
  const v: Vec3 = [0, 0, 0];
  const lo = [Math.max(0, Math.floor((box.min[0] - ox) / sx)), Math.max(0, Math.floor((box.min[1] - oy) / sy)), Math.max(0, Math.floor((box.min[2] - oz) / sz))];
  const hi = [Math.min(nx - 1, Math.ceil((box.max[0] - ox) / sx)), Math.min(ny - 1, Math.ceil((box.max[1] - oy) / sy)), Math.min(nz - 1, Math.ceil((box.max[2] - oz) / sz))];
  const n = hi[0] - lo[0] + 1;
  if (n <= 0) return mask;
  const xi = new Float64Array(n);
  const part = new Float64Array(n);
  const step = rowStepInFrame(ph.tumour, sx);
  const q0: Vec3 = [0, 0, 0];
  for (let k = lo[2]; k <= hi[2]; k++) {
    const pz = oz + k * sz - shift[2];
    for (let j = lo[1]; j <= hi[1]; j++) {
      const py = oy + j * sy - shift[1];
      toTumourFrame(ph.tumour, ox + lo[0] * sx - shift[0], py, pz, q0);
      xi.fill(0);
      for (const c of fields) {
        evaluateFieldRow(c.field, q0, step, n, part);
        for (let i = 0; i < n; i++) xi[i] += c.weight * part[i];
      }
      for (let i = lo[0]; i <= hi[0]; i++) {
        const f = tumourShapeAt(ph, ox + i * sx - shift[0], py, pz, sample, q, v);
        if (!Number.isFinite(f)) continue;
        const d = sx * (style.bias + style.amplitude * xi[i - lo[0]]);
        const t = Math.hypot(q[0], q[1], q[2]);
        if (f * (t - d) <= t) mask[i + nx * (j + ny * k)] = 1;
      }
    }
  }
  return mask;
}
