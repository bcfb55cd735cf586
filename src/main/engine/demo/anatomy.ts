/**
 * A simple analytic abdomen for the demo phantom, in patient coordinates (LPS, mm: +x patient
 * left, +y posterior, +z superior): an elliptic body with subcutaneous fat and an abdominal-wall
 * muscle ring; lumbar vertebra (cortex, marrow, canal, arch, spinous process); psoas and erector
 * spinae; aorta and IVC; kidneys (cortex/medulla); liver and spleen in the upper slices; a few bowel
 * loops with gas or fluid; visceral fat elsewhere. Organs are axis-aligned ellipsoids (an infinite
 * semi-axis makes an elliptic cylinder); the first listed organ containing a point wins.
 */
import type { Rng } from '../stats/rng';
import type { Vec3 } from '../image/volume';
import { uniformIn } from './random';
import { TISSUE, type Tissue } from './tissues';

export interface Organ {
  name: string;
  tissue: Tissue;
  centre: Vec3;
  semiAxes: Vec3;
  /** Whether a tumour may displace (overwrite) it: everything except bone and the spinal canal. */
  displaceable: boolean;
}

export interface Anatomy {
  /** Body outline semi-axes (x, y), mm, centred on (0, 0). */
  body: [number, number];
  /** Subcutaneous fat thickness, mm. */
  fat: number;
  /** Abdominal wall muscle thickness, mm. */
  wall: number;
  /** y of the vertebral body centre, mm. */
  spineY: number;
  /** In priority order, the non-displaceable organs (bone, canal) first. */
  organs: Organ[];
}

function organ(name: string, tissue: Tissue, centre: Vec3, semiAxes: Vec3, displaceable = true): Organ {
  return { name, tissue, centre, semiAxes, displaceable };
}

const INF = Number.POSITIVE_INFINITY;
// Local copies: imported bindings can compile to getters, which are slow in the per-voxel loop.
const AIR = TISSUE.AIR;
const FAT = TISSUE.FAT;
const MUSCLE = TISSUE.MUSCLE;

/**
 * Draws one abdomen around the craniocaudal centre `zc` (mm): body semi-axes U(135,150)×U(100,115),
 * fat U(8, 28) mm, wall 9 mm, and 2–4 bowel loops in the anterior abdomen spread over ±`halfHeight`.
 */
export function drawAnatomy(rng: Rng, zc: number, halfHeight: number): Anatomy {
  const bx = uniformIn(rng, 135, 150);
  const by = uniformIn(rng, 100, 115);
  const fat = uniformIn(rng, 8, 28);
  const wall = 9;
  const spineY = by - fat - 60;
  const canalY = spineY + 30;
  const kidneyDz = uniformIn(rng, 5, 15);
  const organs: Organ[] = [
    organ('spinal canal', TISSUE.CSF, [0, canalY, 0], [8, 8, INF], false),
    organ('vertebral marrow', TISSUE.BONE_MARROW, [0, spineY, 0], [17, 16, INF], false),
    organ('vertebral cortex', TISSUE.BONE_CORTEX, [0, spineY, 0], [20.5, 19.5, INF], false),
    organ('vertebral arch', TISSUE.BONE_CORTEX, [0, canalY, 0], [13, 12, INF], false),
    organ('spinous process', TISSUE.BONE_CORTEX, [0, spineY + 45, 0], [4, 12, INF], false),
    organ('aorta', TISSUE.AORTA, [12, spineY - 32, 0], [11, 11, INF]),
    organ('inferior vena cava', TISSUE.IVC, [-24, spineY - 30, 0], [13, 9, INF]),
    organ('left renal medulla', TISSUE.KIDNEY_MEDULLA, [70, spineY - 4, zc + kidneyDz], [16, 12, 35]),
    organ('left renal cortex', TISSUE.KIDNEY_CORTEX, [70, spineY - 4, zc + kidneyDz], [28, 22, 55]),
    organ('right renal medulla', TISSUE.KIDNEY_MEDULLA, [-70, spineY - 2, zc - kidneyDz], [16, 12, 35]),
    organ('right renal cortex', TISSUE.KIDNEY_CORTEX, [-70, spineY - 2, zc - kidneyDz], [28, 22, 55]),
    organ('spleen', TISSUE.SPLEEN, [78, spineY - 20, zc + 55], [35, 28, 50]),
    organ('liver', TISSUE.LIVER, [-60, -5, zc + 75], [85, 80, 95]),
    organ('left psoas', TISSUE.MUSCLE, [36, spineY + 4, 0], [14, 12, INF]),
    organ('right psoas', TISSUE.MUSCLE, [-36, spineY + 4, 0], [14, 12, INF]),
    organ('left erector spinae', TISSUE.MUSCLE, [32, spineY + 42, 0], [22, 16, INF]),
    organ('right erector spinae', TISSUE.MUSCLE, [-32, spineY + 42, 0], [22, 16, INF]),
  ];
  const loops = 2 + rng.int(3);
  for (let k = 0; k < loops; k++) {
    const centre: Vec3 = [uniformIn(rng, -60, 60), uniformIn(rng, -by + fat + 30, -15), zc + uniformIn(rng, -halfHeight, halfHeight)];
    const r = uniformIn(rng, 10, 16);
    const lumen = rng.uniform() < 0.5 ? TISSUE.BOWEL_GAS : TISSUE.BOWEL_FLUID;
    organs.push(organ(`bowel lumen ${k + 1}`, lumen, centre, [r - 3.5, r - 3.5, 2.5 * r - 3.5]));
    organs.push(organ(`bowel wall ${k + 1}`, TISSUE.BOWEL_WALL, centre, [r, r, 2.5 * r]));
  }
  return { body: [bx, by], fat, wall, spineY, organs };
}

function inEllipse(x: number, y: number, sx: number, sy: number): boolean {
  return (x * x) / (sx * sx) + (y * y) / (sy * sy) < 1;
}

function inOrgan(o: Organ, x: number, y: number, z: number): boolean {
  const dx = (x - o.centre[0]) / o.semiAxes[0];
  const dy = (y - o.centre[1]) / o.semiAxes[1];
  const dz = o.semiAxes[2] === INF ? 0 : (z - o.centre[2]) / o.semiAxes[2];
  return dx * dx + dy * dy + dz * dz < 1;
}

/** What the anatomy holds at a point, and whether a tumour may take that place. */
export interface AnatomySample {
  tissue: Tissue;
  /** True inside the abdominal cavity on displaceable tissue (the tumour may grow there). */
  tumourAllowed: boolean;
}

/**
 * The organs that can contain points of the row (·, y, z), in priority order: a cheap pre-filter so
 * that {@link sampleAnatomy} tests only these along an image row.
 */
export function organsOnRow(a: Anatomy, y: number, z: number): Organ[] {
  return a.organs.filter((o) => Math.abs(y - o.centre[1]) < o.semiAxes[1] && Math.abs(z - o.centre[2]) < o.semiAxes[2]);
}

/**
 * Tissue at (x, y, z): air outside the body; bone and spinal canal wherever they lie; subcutaneous
 * fat and the wall muscle ring towards the surface; inside the wall the first organ containing the
 * point, else visceral fat. `organs` may be narrowed to {@link organsOnRow} of the point's row.
 * Writes into and returns `out`.
 */
export function sampleAnatomy(a: Anatomy, x: number, y: number, z: number, out: AnatomySample, organs: Organ[] = a.organs): AnatomySample {
  out.tumourAllowed = false;
  const bx = a.body[0];
  const by = a.body[1];
  if (!inEllipse(x, y, bx, by)) {
    out.tissue = AIR;
    return out;
  }
  const n = organs.length;
  let k = 0;
  for (; k < n && !organs[k].displaceable; k++) {
    if (inOrgan(organs[k], x, y, z)) {
      out.tissue = organs[k].tissue;
      return out;
    }
  }
  if (!inEllipse(x, y, bx - a.fat, by - a.fat)) {
    out.tissue = FAT;
    return out;
  }
  const inner = a.fat + a.wall;
  if (!inEllipse(x, y, bx - inner, by - inner)) {
    out.tissue = MUSCLE;
    return out;
  }
  out.tumourAllowed = true;
  for (; k < n; k++) {
    if (inOrgan(organs[k], x, y, z)) {
      out.tissue = organs[k].tissue;
      return out;
    }
  }
  out.tissue = FAT;
  return out;
}
