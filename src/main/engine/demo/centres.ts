/**
 * The two recruiting centres of the demo cohort and their scanners. The differences are the ones
 * ComBat is meant to remove (a batch effect in location and scale of radiomic features):
 * image noise level and texture, reconstruction kernel sharpness, tube voltage (iodine contrast
 * gain) and a calibration offset in HU, plus a different pixel spacing so that resampling matters.
 */

export type PhaseName = 'ART' | 'PV' | 'DELAY';
export const PHASES: readonly PhaseName[] = ['ART', 'PV', 'DELAY'];

export interface CentreProfile {
  id: 'C1' | 'C2';
  /** Cohort the centre's patients form (the paper: centre 1 trains, centre 2 validates externally). */
  cohort: 'train' | 'validation';
  institutionName: string;
  manufacturer: string;
  manufacturerModelName: string;
  /** Reconstruction kernel (0018,1210). */
  convolutionKernel: string;
  kvp: number;
  /** mA */
  tubeCurrent: number;
  /** In-plane pixel spacing, mm (square pixels). */
  pixelSpacing: number;
  /** Standard deviation of the image noise in a uniform region, HU. */
  noiseSd: number;
  /** σ (voxels) of the in-plane Gaussian that gives the noise its texture (larger = blotchier). */
  noiseCorrelation: number;
  /** σ (voxels) of the in-plane Gaussian point-spread function (larger = softer kernel). */
  psf: number;
  /** Calibration offset added to every HU value. */
  huOffset: number;
  /** Factor on iodine enhancement (lower kVp ⇒ higher attenuation of iodine). */
  contrastGain: number;
  /** Series descriptions of the three phases. */
  seriesDescription: Record<PhaseName, string>;
  /** Scan delay after the bolus start, seconds: [min, max] per phase. */
  scanDelay: Record<PhaseName, [number, number]>;
  /** Rescale intercept of the stored pixels (slope 1). */
  rescaleIntercept: number;
  contrastAgent: string;
  /** ml */
  contrastVolume: number;
  stationName: string;
}

export const CENTRES: Record<'C1' | 'C2', CentreProfile> = {
  C1: {
    id: 'C1',
    cohort: 'train',
    institutionName: 'Demo Sarcoma Centre 1',
    manufacturer: 'SIEMENS',
    manufacturerModelName: 'SOMATOM Definition AS+',
    convolutionKernel: 'B30f',
    kvp: 120,
    tubeCurrent: 220,
    pixelSpacing: 3.5,
    noiseSd: 10,
    noiseCorrelation: 1.0,
    psf: 0.9,
    huOffset: 0,
    contrastGain: 1,
    seriesDescription: { ART: 'ART 5mm', PV: 'PV 5mm', DELAY: 'DELAY 5mm' },
    scanDelay: { ART: [30, 38], PV: [65, 75], DELAY: [170, 190] },
    rescaleIntercept: -1024,
    contrastAgent: 'Iohexol 350',
    contrastVolume: 90,
    stationName: 'CT01',
  },
  C2: {
    id: 'C2',
    cohort: 'validation',
    institutionName: 'Demo Sarcoma Centre 2',
    manufacturer: 'GE MEDICAL SYSTEMS',
    manufacturerModelName: 'Discovery CT750 HD',
    convolutionKernel: 'DETAIL',
    kvp: 100,
    tubeCurrent: 300,
    pixelSpacing: 3.7,
    noiseSd: 18,
    noiseCorrelation: 0.45,
    psf: 0.5,
    huOffset: 12,
    contrastGain: 1.15,
    seriesDescription: { ART: 'Arterial 5.0mm', PV: 'Portal venous 5.0mm', DELAY: 'Delayed 5.0mm' },
    scanDelay: { ART: [28, 35], PV: [60, 70], DELAY: [230, 250] },
    rescaleIntercept: 0,
    contrastAgent: 'Iopamidol 370',
    contrastVolume: 100,
    stationName: 'GECT2',
  },
};

/** Training share of the paper (121 of 179 patients at centre 1). */
export const PAPER_TRAINING_SHARE = 121 / 179;

/** Share of the paper's patients delineated again by both radiologists (60 of 179). */
export const PAPER_REPEAT_SHARE = 60 / 179;
