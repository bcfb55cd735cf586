/**
 * The demo cohort's `manifest.json`: what was generated (files, UIDs, grids), the drawn outcome and
 * the ground truth of every patient, and the planted model verbatim.
 */
import type { CENTRES, PhaseName } from './centres';
import type { DemoPatient } from './cohort';
import type { PLANTED_MODEL, riskScores } from './latentModel';
import type { MaskReader, READER_STYLES } from './readerMasks';
import type { RATING_MODEL } from './semanticRatings';

/** Bump when any output byte for a given seed changes. */
export const DEMO_GENERATOR_VERSION = '1.0.0';

export interface ManifestPhase {
  seriesInstanceUid: string;
  seriesDescription: string;
  seriesNumber: number;
  /** Folder of the series, relative to the cohort folder ('/' separated). */
  dir: string;
  slices: number;
  /** DICOM TM of the first slice. */
  acquisitionTime: string;
  /** Rigid patient shift of this phase relative to the arterial phase, mm (ground truth). */
  motionMm: [number, number, number];
  /** Voxels of the true (noise-free) tumour on this phase's grid. */
  trueTumourVoxels: number;
  masks: { reader: MaskReader; path: string; voxels: number }[];
  seg?: string;
}

export interface ManifestPatient {
  id: string;
  centre: string;
  cohort: string;
  repeatDelineation: boolean;
  studyInstanceUid?: string;
  frameOfReferenceUid?: string;
  contrastBolusStartTime?: string;
  grid?: { size: number[]; spacing: number[]; origin: number[] };
  phases?: Record<PhaseName, ManifestPhase>;
  /** The drawn outcome (as in clinical.csv). */
  outcome: { mdm: 0 | 1; followupMonths: number; event: 0 | 1 };
  /** Ground truth: latent traits, image phenotype, planted risk. */
  truth: {
    traits: DemoPatient['traits'];
    phenotype: DemoPatient['phenotype'];
    riskScores: ReturnType<typeof riskScores>;
    linearPredictor: number;
    mdmProbability: number;
  };
}

export interface DemoManifest {
  generator: { name: string; version: string; seed: number };
  patients: number;
  trainingPatients: number;
  repeatPatients: number;
  images: boolean;
  files: { clinical: string; semanticRatings: string; extractionCases?: string; reliabilityCases?: string };
  phases: readonly PhaseName[];
  centres: typeof CENTRES;
  plantedModel: typeof PLANTED_MODEL;
  ratingModel: typeof RATING_MODEL;
  readerStyles: typeof READER_STYLES;
  cohort: ManifestPatient[];
}
