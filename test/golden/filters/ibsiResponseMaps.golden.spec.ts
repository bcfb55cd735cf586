/**
 * IBSI-2 convolutional-filter reference response maps (oracle README §3.3; IBSI reference manual
 * arXiv:2006.05470). Acceptance as IBSI defines it: every voxel within ±1 % of the reference map's
 * value range. The phantoms and maps are 64³ voxels of 2 mm, read with the engine's NIfTI reader.
 *
 * Two conventions are checked:
 *  - pyradiomics' own filters (the engine default): ITK's recursive LoG and pywt's periodic,
 *    undilated SWT. IBSI's LoG is unnormalised and in voxel units, so the ITK response
 *    σ²∇²G (physical units) is compared after multiplying by h²/σ² (h = 2 mm).
 *  - the documented `ibsi` variants: sampled LoG kernel truncated at 4σ with the map's padding;
 *    wavelets with the map's padding, à trous levels and 24-rotation averaging.
 * Band names: IBSI letters are in (x, y, z) order, as pyradiomics' (pywt key letters follow the axes
 * (x, y, z) = numpy (2, 1, 0)); the 6_a_1 match below (IBSI HHL = 'wavelet-HHL', not 'wavelet-LHH')
 * settles algorithms.md §11 question 12.
 */
import { describe, expect, it } from 'vitest';
import { readNifti } from '../../../src/main/engine/io/nifti';
import { laplacianRecursiveGaussian } from '../../../src/main/engine/image/filters/log';
import { ibsiLaplacianOfGaussian } from '../../../src/main/engine/image/filters/logIbsi';
import { waveletAxes, waveletImages, type IbsiWaveletMode } from '../../../src/main/engine/image/filters/wavelet';
import type { Volume } from '../../../src/main/engine/image/volume';
import { oraclePath } from '../../support/oracle';

const phantoms = new Map<string, Volume>();
function phantom(name: string): Volume {
  if (!phantoms.has(name)) {
    phantoms.set(name, readNifti(oraclePath('ibsi', 'data_sets', 'ibsi_2_digital_phantom', 'nifti', name, 'image', `${name}.nii.gz`)));
  }
  return phantoms.get(name)!;
}
const referenceMap = (id: string) => readNifti(oraclePath('ibsi', 'ibsi_2_reference_data', 'reference_response_maps', `${id}-ValidCRM.nii`));

/** Largest |ours·scale − reference| over all voxels, as a fraction of the reference map's range. */
function worstDeviation(ours: ArrayLike<number>, id: string, scale = 1): number {
  const ref = referenceMap(id).data;
  expect(ours.length).toBe(ref.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < ref.length; i++) {
    lo = Math.min(lo, ref[i]!);
    hi = Math.max(hi, ref[i]!);
  }
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(ours[i]! * scale - ref[i]!) / (hi - lo));
  return worst;
}

function waveletBand(
  phantomName: string,
  wavelet: string,
  level: number,
  name: string,
  ibsi?: IbsiWaveletMode,
): ArrayLike<number> {
  for (const band of waveletImages(phantom(phantomName), { wavelet, level, startLevel: 0, axes: waveletAxes(false, 0) }, ibsi)) {
    if (band.name === name) return band.data;
  }
  throw new Error(`no band ${name}`);
}

describe('IBSI-2 response maps: LoG', () => {
  it('2_a (impulse, σ 3 mm, zero padding): IBSI variant within 1 % (measured 1.3e-5)', () => {
    const ours = ibsiLaplacianOfGaussian(phantom('impulse'), { sigmaMm: 3, padding: 'constant', dimensions: 3 });
    expect(worstDeviation(ours, '2_a')).toBeLessThanOrEqual(0.01);
  });

  // Known deviation, kept visible: ITK's Deriche recursive Gaussian (what pyradiomics runs) approximates
  // the sampled Gaussian poorly at σ = 1.5 voxels; the impulse peak is off by 1.37 % of the range (every
  // other voxel is within 1 %). The engine reproduces ITK, so this cannot pass in pyradiomics mode.
  it.fails('2_a: pyradiomics (ITK recursive) LoG misses the impulse peak by 1.37 % of the range', () => {
    const ours = laplacianRecursiveGaussian(phantom('impulse'), 3);
    expect(worstDeviation(ours, '2_a', (2 / 3) ** 2)).toBeLessThanOrEqual(0.01);
  });

  it('2_b (checkerboard, σ 5 mm, mirror padding): IBSI variant within 1 % (measured 3.3e-4)', () => {
    const ours = ibsiLaplacianOfGaussian(phantom('checkerboard'), { sigmaMm: 5, padding: 'mirror', dimensions: 3 });
    expect(worstDeviation(ours, '2_b')).toBeLessThanOrEqual(0.01);
  });

  it('2_b: pyradiomics (ITK recursive, edge-replicating) LoG within 1 % (measured 8.6e-3)', () => {
    const ours = laplacianRecursiveGaussian(phantom('checkerboard'), 5);
    expect(worstDeviation(ours, '2_b', (2 / 5) ** 2)).toBeLessThanOrEqual(0.01);
  });

  it('2_c (checkerboard, 2D per slice, σ 5 mm, mirror padding): IBSI variant within 1 % (measured 2.4e-4)', () => {
    // pyradiomics has no 2-D LoG; only the IBSI variant applies.
    const ours = ibsiLaplacianOfGaussian(phantom('checkerboard'), { sigmaMm: 5, padding: 'mirror', dimensions: 2 });
    expect(worstDeviation(ours, '2_c')).toBeLessThanOrEqual(0.01);
  });
});

describe('IBSI-2 response maps: separable wavelets', () => {
  it('5_a_1 (impulse, db2 LHL, level 1): pyradiomics wavelet-LHL within 1 % (measured 1.5e-8)', () => {
    // The impulse is central, so the zero padding the map asks for and pywt's periodic wrap agree.
    expect(worstDeviation(waveletBand('impulse', 'db2', 1, 'wavelet-LHL'), '5_a_1')).toBeLessThanOrEqual(0.01);
  });

  it('5_a_1: IBSI variant (zero padding) within 1 %', () => {
    const band = waveletBand('impulse', 'db2', 1, 'wavelet-LHL', { padding: 'constant', rotationInvariant: false });
    expect(worstDeviation(band, '5_a_1')).toBeLessThanOrEqual(0.01);
  });

  it('5_a_2 (rotation-invariant db2 LHL, zero padding): IBSI variant within 1 % (measured 4.0e-8)', () => {
    const band = waveletBand('impulse', 'db2', 1, 'wavelet-LHL', { padding: 'constant', rotationInvariant: true });
    expect(worstDeviation(band, '5_a_2')).toBeLessThanOrEqual(0.01);
  });

  it('6_a_1 (sphere, coif1 HHL, periodic padding): pyradiomics wavelet-HHL within 1 % (measured 1.7e-8)', () => {
    expect(worstDeviation(waveletBand('sphere', 'coif1', 1, 'wavelet-HHL'), '6_a_1')).toBeLessThanOrEqual(0.01);
  });

  it('6_a_2 (rotation-invariant coif1 HHL, periodic padding): IBSI variant within 1 % (measured 1.8e-8)', () => {
    const band = waveletBand('sphere', 'coif1', 1, 'wavelet-HHL', { padding: 'periodic', rotationInvariant: true });
    expect(worstDeviation(band, '6_a_2')).toBeLessThanOrEqual(0.01);
  });

  // pyradiomics' own level 2 re-applies the undilated level-1 filters with periodic wrap and has no
  // rotation invariance, so 7_a (à trous level 2, mirror padding, rotation-invariant) is IBSI-variant only.
  it('7_a_1 / 7_a_2 (checkerboard, haar level 2 LLL and HHH, rotation-invariant, mirror): IBSI variant within 1 % (measured 1.2e-7, 6.0e-8)', () => {
    const mode: IbsiWaveletMode = { padding: 'mirror', rotationInvariant: true };
    const bands = new Map<string, ArrayLike<number>>();
    for (const b of waveletImages(phantom('checkerboard'), { wavelet: 'haar', level: 2, startLevel: 0, axes: waveletAxes(false, 0) }, mode)) {
      bands.set(b.name, b.data);
    }
    expect(worstDeviation(bands.get('wavelet2-LLL')!, '7_a_1')).toBeLessThanOrEqual(0.01);
    expect(worstDeviation(bands.get('wavelet2-HHH')!, '7_a_2')).toBeLessThanOrEqual(0.01);
  });
});
