/**
 * One demo patient's phantom: image grid, abdomen, tumour placement and shape, small rigid patient
 * motion between the phases, and the acquisition timing. Drawn from the patient's own geometry
 * stream (`streamFor(seed, 'phantom', index)`), independent of the cohort-level draws.
 */
import type { Vec3 } from '../image/volume';
import type { Rng } from '../stats/rng';
import { drawAnatomy, type Anatomy } from './anatomy';
import { CENTRES, PHASES, type PhaseName } from './centres';
import type { DemoPatient } from './cohort';
import { clamp, normal, streamFor, uniformIn } from './random';
import { drawTumourShape, tumourExtent, type TumourShape } from './tumour';

/** Grid rules of the demo: 96×96 pixels, 5-mm slices, 16–24 slices, 15 mm above/below the tumour. */
export const DEMO_GRID = { matrix: 96, sliceThickness: 5, minSlices: 16, maxSlices: 24, marginMm: 15 } as const;

export interface PhantomGrid {
  size: Vec3;
  spacing: Vec3;
  /** Centre of voxel (0, 0, 0), LPS mm; identity direction (axial, head-first supine). */
  origin: Vec3;
}

export interface AcquisitionTiming {
  /** DICOM DA, YYYYMMDD. */
  studyDate: string;
  /** Seconds after midnight. */
  studyTime: number;
  /** Contrast injection start, seconds after midnight. */
  bolusStart: number;
  /** Start of each phase's acquisition, seconds after midnight. */
  phaseStart: Record<PhaseName, number>;
}

export interface PatientPhantom {
  grid: PhantomGrid;
  anatomy: Anatomy;
  tumour: TumourShape;
  /** Rigid shift of the whole patient in each phase, mm (arterial = 0). */
  motion: Record<PhaseName, Vec3>;
  /** Multiplier of the centre's noise level for this body size, (b_x + b_y)/250. */
  noiseFactor: number;
  timing: AcquisitionTiming;
}

function dicomDate(daysAfter2016: number): string {
  const d = new Date(Date.UTC(2016, 0, 1) + daysAfter2016 * 86_400_000);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

function drawTiming(rng: Rng, patient: DemoPatient): AcquisitionTiming {
  const centre = CENTRES[patient.centre];
  const studyDate = dicomDate(Math.floor(uniformIn(rng, 0, 2191)));
  const studyTime = Math.round(uniformIn(rng, 8 * 3600, 17 * 3600));
  const bolusStart = studyTime + Math.round(uniformIn(rng, 120, 420));
  const phaseStart = {} as Record<PhaseName, number>;
  for (const ph of PHASES) phaseStart[ph] = bolusStart + Math.round(uniformIn(rng, ...centre.scanDelay[ph]));
  return { studyDate, studyTime, bolusStart, phaseStart };
}

/**
 * Draws the phantom. The tumour's craniocaudal semi-axis is shrunk if needed so that the tumour plus
 * the margin fits in 24 slices; the slice count is the smallest in 16–24 that holds it; a small
 * tumour lies laterally (perirenal), a large one towards the midline.
 */
export function drawPhantom(seed: number, patient: DemoPatient): PatientPhantom {
  const rng = streamFor(seed, 'phantom', patient.index);
  const centre = CENTRES[patient.centre];
  const g = DEMO_GRID;
  const side = rng.uniform() < 0.5 ? -1 : 1;
  const angle = uniformIn(rng, -0.45, 0.45);
  const maxHalfHeight = (g.maxSlices * g.sliceThickness) / 2 - g.marginMm;
  const shape = drawTumourShape(rng, patient.phenotype, { centre: [0, 0, 0], angle, maxHalfHeight });
  let extent = tumourExtent(shape);
  if (extent[2] > maxHalfHeight) {
    shape.semiAxes[2] *= maxHalfHeight / extent[2];
    extent = tumourExtent(shape);
  }
  const nz = clamp(Math.ceil((2 * (extent[2] + g.marginMm)) / g.sliceThickness), g.minSlices, g.maxSlices);
  const halfHeight = (nz * g.sliceThickness) / 2;
  const z0 = -Math.round(2 * uniformIn(rng, 100, 300)) / 2;
  const zc = z0 + ((nz - 1) * g.sliceThickness) / 2;
  const anatomy = drawAnatomy(rng, zc, halfHeight);

  const halfX = extent[0] * Math.abs(Math.cos(angle)) + extent[1] * Math.abs(Math.sin(angle));
  const halfY = extent[0] * Math.abs(Math.sin(angle)) + extent[1] * Math.abs(Math.cos(angle));
  const innerX = anatomy.body[0] - anatomy.fat - anatomy.wall;
  const x = side * clamp(innerX - halfX - 5, 0, 70);
  const crowding = clamp((halfY - 40) / 60, 0, 1);
  const y = (anatomy.spineY - 35 + uniformIn(rng, -10, 10)) * (1 - crowding);
  const zSlack = Math.max(0, halfHeight - g.marginMm - extent[2]);
  shape.centre = [x, y, zc + 0.5 * zSlack * uniformIn(rng, -1, 1)];

  const motion = {} as Record<PhaseName, Vec3>;
  for (const ph of PHASES) motion[ph] = ph === 'ART' ? [0, 0, 0] : [1.5 * normal(rng), 1.5 * normal(rng), 2.5 * normal(rng)];
  const timing = drawTiming(rng, patient);

  const sp = centre.pixelSpacing;
  const o = (-(g.matrix - 1) * sp) / 2;
  return {
    grid: { size: [g.matrix, g.matrix, nz], spacing: [sp, sp, g.sliceThickness], origin: [o, o, z0] },
    anatomy,
    tumour: shape,
    motion,
    noiseFactor: (anatomy.body[0] + anatomy.body[1]) / 250,
    timing,
  };
}
