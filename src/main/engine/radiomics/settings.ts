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
  /** IBSI-compliance switches (our extension, off in pyradiomics-compatible mode); see docs/IBSI.md. */
  ibsi?: IbsiOptions;
  /**
   * IBSI fixed-bin-size origin: when set, FBS bins are [b + (k − 1)w, b + kw) instead of pyradiomics'
   * multiples of w. Derived by the `ibsi` pipeline (resegmentation minimum, else ROI minimum); not a
   * parameter-file key.
   */
  binLowerBound?: number | null;
  /** N_g of the whole ROI for inputs holding one slice of it (IBSI 2D aggregation); not a parameter-file key. */
  greyLevelCount?: number;
}

/**
 * Options of the documented `ibsi` compliance mode (parameter-file top-level key `ibsi:`, docs/IBSI.md);
 * absent = pyradiomics behaviour. References: IBSI-1 reference manual (arXiv:1612.07003) §2 image
 * processing, §3 features; IBSI-2 (arXiv:2006.05470) filters.
 */
export interface IbsiOptions {
  /** FBS bins start at the (absolute) resegmentation minimum, else at the ROI minimum, instead of multiples of binWidth from 0. */
  binAlignToResegmentMinimum: boolean;
  /** Resampling grid centre-aligned over the whole image, size ⌈n·s/s'⌉ (IBSI) instead of corner-aligned around the ROI (pyradiomics). */
  centreAlignedResampling: boolean;
  /** Round intensities to the nearest integer (ties to even) after interpolation. */
  roundAfterInterpolation: boolean;
  /** Interpolate the mask linearly and keep voxels ≥ this partial-volume fraction (IBSI 0.5); null = nearest neighbour. */
  maskPartialVolumeThreshold: number | null;
  /** Outlier filter μ ± kσ (population σ of the ROI after the range step), combined with `resegmentRange`; null = none. */
  outlierSigma: number | null;
  /** IBSI 2D: texture matrices per slice (along force2Ddimension) and features averaged over slices; needs force2D. */
  sliceWiseTexture: boolean;
  /**
   * Intensity-volume histogram discretisation: null = the intensities as they are, in steps of 1
   * (calibrated, discrete); binWidth = FBS from the resegmentation minimum, bin centres as intensities
   * (calibrated, continuous); binCount = FBN bin numbers (arbitrary units).
   */
  ivh: { binWidth: number | null; binCount: number | null };
  /** Also emit the IBSI features pyradiomics lacks, as `<imageType>_ibsi_<IBSI tag>` (e.g. `original_ibsi_ih_mode`). */
  extraFeatures: boolean;
  /** Boundary padding of the IBSI LoG and wavelet filters. */
  filterPadding: 'constant' | 'mirror' | 'nearest' | 'periodic';
  /** Wavelet bands averaged over the 24 right-angle rotations (4 in 2-D). */
  waveletRotationInvariant: boolean;
}

/** Every IBSI compliance switch on, with IBSI's defaults (partial-volume threshold 0.5, mirror padding). */
export const IBSI_DEFAULTS: IbsiOptions = {
  binAlignToResegmentMinimum: true,
  centreAlignedResampling: true,
  roundAfterInterpolation: true,
  maskPartialVolumeThreshold: 0.5,
  outlierSigma: null,
  sliceWiseTexture: false,
  ivh: { binWidth: null, binCount: null },
  extraFeatures: true,
  filterPadding: 'mirror',
  waveletRotationInvariant: false,
};

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
