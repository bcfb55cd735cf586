/**
 * Attenuation of the demo phantom's tissues per contrast phase, HU = unenhanced + gain × iodine
 * enhancement[phase], with `gain` the scanner's contrast gain (tube voltage). Values are typical
 * adult abdominal CECT numbers (e.g. aorta ≈ 300 / 150 / 90 HU in the arterial / portal-venous /
 * 3-min delayed phase; fat ≈ −100; muscle ≈ 50; corticomedullary kidney in the arterial phase).
 */
import type { PhaseName } from './centres';

export const TISSUE = {
  AIR: 0,
  FAT: 1,
  MUSCLE: 2,
  BONE_CORTEX: 3,
  BONE_MARROW: 4,
  CSF: 5,
  AORTA: 6,
  IVC: 7,
  KIDNEY_CORTEX: 8,
  KIDNEY_MEDULLA: 9,
  LIVER: 10,
  SPLEEN: 11,
  BOWEL_WALL: 12,
  BOWEL_GAS: 13,
  BOWEL_FLUID: 14,
} as const;

export type Tissue = (typeof TISSUE)[keyof typeof TISSUE];

interface Attenuation {
  unenhanced: number;
  /** Iodine enhancement in the arterial, portal-venous and delayed phase, HU. */
  enhancement: [number, number, number];
}

/** Indexed by {@link TISSUE} value. */
export const TISSUE_ATTENUATION: readonly Attenuation[] = [
  { unenhanced: -1000, enhancement: [0, 0, 0] }, // air
  { unenhanced: -100, enhancement: [0, 0, 0] }, // fat
  { unenhanced: 45, enhancement: [5, 10, 8] }, // muscle
  { unenhanced: 800, enhancement: [0, 0, 0] }, // cortical bone
  { unenhanced: 230, enhancement: [5, 10, 10] }, // cancellous bone
  { unenhanced: 12, enhancement: [0, 0, 0] }, // CSF
  { unenhanced: 40, enhancement: [260, 110, 50] }, // aorta
  { unenhanced: 40, enhancement: [25, 110, 60] }, // inferior vena cava
  { unenhanced: 35, enhancement: [165, 135, 85] }, // renal cortex
  { unenhanced: 35, enhancement: [50, 125, 95] }, // renal medulla
  { unenhanced: 55, enhancement: [15, 55, 35] }, // liver
  { unenhanced: 45, enhancement: [75, 75, 55] }, // spleen
  { unenhanced: 35, enhancement: [25, 45, 35] }, // bowel wall
  { unenhanced: -850, enhancement: [0, 0, 0] }, // bowel gas
  { unenhanced: 10, enhancement: [0, 0, 0] }, // bowel fluid
];

export const PHASE_INDEX: Record<PhaseName, 0 | 1 | 2> = { ART: 0, PV: 1, DELAY: 2 };

/** HU of `tissue` in `phase` for a scanner of contrast gain `gain`. */
export function tissueHu(tissue: Tissue, phase: PhaseName, gain: number): number {
  const a = TISSUE_ATTENUATION[tissue];
  return a.unenhanced + gain * a.enhancement[PHASE_INDEX[phase]];
}

/**
 * The tumour: solid part 40 HU unenhanced plus the patient's venous enhancement E scaled per phase
 * (progressive enhancement of leiomyosarcoma: 0.55 / 1.0 / 1.1), a texture of amplitude
 * 35 HU × heterogeneity × (1.25 / 1.0 / 0.8); necrotic part 18 HU without enhancement.
 */
export const TUMOUR_ATTENUATION = {
  solidUnenhanced: 40,
  enhancementShare: [0.55, 1, 1.1] as const,
  textureHu: 35,
  textureShare: [1.25, 1, 0.8] as const,
  necrosisHu: 18,
  necrosisTextureHu: 4,
};
