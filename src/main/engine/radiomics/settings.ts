/**
 * Resolved extraction settings, pyradiomics' `setting:` block with its defaults applied
 * (pyradiomics `radiomics/schemas/paramSchema.yaml`, `featureextractor._getDefaultSettings`).
 * Key names are pyradiomics' own, so parameter files map 1:1. The parser that fills this from a
 * YAML/JSON parameter file (and rejects unknown keys, naming them) lives in `paramsFile.ts`.
 */
export interface ExtractionSettings {
  /** Fixed bin width in image intensity units (pyradiomics default 25). */
  binWidth: number;
  /** Fixed bin count; when set it takes precedence over binWidth. */
  binCount: number | null;
  /** Target spacing in mm (x, y, z); 0 on an axis keeps that axis' spacing. null = no resampling. */
  resampledPixelSpacing: [number, number, number] | null;
  /** SimpleITK interpolator name, e.g. 'sitkBSpline' (pyradiomics default). */
  interpolator: string | null;
  padDistance: number;
  normalize: boolean;
  normalizeScale: number;
  removeOutliers: number | null;
  /** Added to intensities in firstorder (Energy, TotalEnergy, RMS) only. */
  voxelArrayShift: number;
  resegmentRange: number[] | null;
  resegmentMode: 'absolute' | 'relative' | 'sigma';
  resegmentShape: boolean;
  preCrop: boolean;
  label: number;
  label_channel: number;
  force2D: boolean;
  /** numpy axis (0 = z) that is dropped when force2D is on. */
  force2Ddimension: 0 | 1 | 2;
  /** Infinity-norm neighbour distances for GLCM, GLDM and NGTDM. */
  distances: number[];
  symmetricalGLCM: boolean;
  weightingNorm: 'manhattan' | 'euclidean' | 'infinity' | 'no_weighting' | null;
  /** GLDM coarseness alpha. */
  gldm_a: number;
  correctMask: boolean;
  geometryTolerance: number | null;
  minimumROIDimensions: number;
  minimumROISize: number | null;
  additionalInfo: boolean;
  /** IBSI-compliance switches (our extension, off in pyradiomics-compatible mode). */
  ibsi?: IbsiOptions;
}

/** Options of the documented `ibsi` compliance mode; absent = pyradiomics behaviour. */
export interface IbsiOptions {
  /** FBS bins start at the resegmentation minimum instead of multiples of binWidth from 0. */
  binAlignToResegmentMinimum: boolean;
  /** Resampling grid centre-aligned (IBSI) instead of corner-aligned (pyradiomics). */
  centreAlignedResampling: boolean;
  /** Round intensities to integers after interpolation. */
  roundAfterInterpolation: boolean;
  /** Interpolate the mask linearly and threshold at this partial-volume fraction (IBSI 0.5). */
  maskPartialVolumeThreshold: number | null;
}

/** pyradiomics defaults (`featureextractor.py`, `imageoperations.py`, `base.py`). */
export const DEFAULT_SETTINGS: ExtractionSettings = {
  binWidth: 25,
  binCount: null,
  resampledPixelSpacing: null,
  interpolator: 'sitkBSpline',
  padDistance: 5,
  normalize: false,
  normalizeScale: 1,
  removeOutliers: null,
  voxelArrayShift: 0,
  resegmentRange: null,
  resegmentMode: 'absolute',
  resegmentShape: false,
  preCrop: false,
  label: 1,
  label_channel: 0,
  force2D: false,
  force2Ddimension: 0,
  distances: [1],
  symmetricalGLCM: true,
  weightingNorm: null,
  gldm_a: 0,
  correctMask: false,
  geometryTolerance: null,
  minimumROIDimensions: 2,
  minimumROISize: null,
  additionalInfo: true,
};
