/**
 * IBSI-2 phase-1 filter checks (IBSI reference manual arXiv:2006.05470; reference response maps
 * 2_a–7_a_2 on the IBSI-2 digital phantoms, 64³ voxels of 2 mm): the LoG and wavelet image types of
 * both modes run on the phantom, and every voxel must lie within ±1 % of the reference map's value
 * range (IBSI's acceptance rule).
 * - ibsi mode: {@link findIbsiImageType} (sampled LoG truncated at 4σ, à trous wavelets, padding and
 *   rotation invariance as each map asks);
 * - pyradiomics mode: pyradiomics' own image types (ITK recursive LoG, pywt periodic SWT) where they
 *   can express the map; the ITK response σ²∇²G (mm units) is compared after × h²/σ² (h = 2 mm), the
 *   unit change to IBSI's voxel-unit, unnormalised LoG.
 */
import type { Volume } from '../../image/volume';
import { readNifti } from '../../io/nifti';
import { DEFAULT_FILTER_SETTINGS, findImageType, type FilterSettings, type ImageType } from '../imageTypes';
import { DEFAULT_SETTINGS, IBSI_DEFAULTS, type IbsiOptions } from '../settings';
import type { IbsiMode } from './configurations';
import { findIbsiImageType } from './imageTypes';

/** One reference map and how to produce it. */
export interface FilterMapCase {
  id: string;
  description: string;
  phantom: 'impulse' | 'checkerboard' | 'sphere';
  imageType: 'LoG' | 'Wavelet';
  filter: Partial<FilterSettings>;
  force2D: boolean;
  padding: IbsiOptions['filterPadding'];
  rotationInvariant: boolean;
  /** Derived image name holding the response. */
  band: string;
  /** Whether pyradiomics' own filter implements this map (periodic padding, undilated level 1, no rotation averaging). */
  pyradiomics: boolean;
}

/** The nine IBSI-2 maps staged with the reference data. */
export const FILTER_MAP_CASES: readonly FilterMapCase[] = [
  { id: '2_a', description: 'LoG 3D σ 3 mm, zero padding, impulse', phantom: 'impulse', imageType: 'LoG', filter: { sigma: [3], sigmaText: ['3'] }, force2D: false, padding: 'constant', rotationInvariant: false, band: 'log-sigma-3-mm-3D', pyradiomics: true },
  { id: '2_b', description: 'LoG 3D σ 5 mm, mirror padding, checkerboard', phantom: 'checkerboard', imageType: 'LoG', filter: { sigma: [5], sigmaText: ['5'] }, force2D: false, padding: 'mirror', rotationInvariant: false, band: 'log-sigma-5-mm-3D', pyradiomics: true },
  { id: '2_c', description: 'LoG 2D σ 5 mm, mirror padding, checkerboard', phantom: 'checkerboard', imageType: 'LoG', filter: { sigma: [5], sigmaText: ['5'] }, force2D: true, padding: 'mirror', rotationInvariant: false, band: 'log-sigma-5-mm-2D', pyradiomics: false },
  { id: '5_a_1', description: 'db2 LHL level 1, zero padding, impulse', phantom: 'impulse', imageType: 'Wavelet', filter: { wavelet: 'db2' }, force2D: false, padding: 'constant', rotationInvariant: false, band: 'wavelet-LHL', pyradiomics: true },
  { id: '5_a_2', description: 'db2 LHL level 1 rotation-invariant, zero padding, impulse', phantom: 'impulse', imageType: 'Wavelet', filter: { wavelet: 'db2' }, force2D: false, padding: 'constant', rotationInvariant: true, band: 'wavelet-LHL', pyradiomics: false },
  { id: '6_a_1', description: 'coif1 HHL level 1, periodic padding, sphere', phantom: 'sphere', imageType: 'Wavelet', filter: { wavelet: 'coif1' }, force2D: false, padding: 'periodic', rotationInvariant: false, band: 'wavelet-HHL', pyradiomics: true },
  { id: '6_a_2', description: 'coif1 HHL level 1 rotation-invariant, periodic padding, sphere', phantom: 'sphere', imageType: 'Wavelet', filter: { wavelet: 'coif1' }, force2D: false, padding: 'periodic', rotationInvariant: true, band: 'wavelet-HHL', pyradiomics: false },
  { id: '7_a_1', description: 'haar level 2 LLL rotation-invariant, mirror padding, checkerboard', phantom: 'checkerboard', imageType: 'Wavelet', filter: { wavelet: 'haar', level: 2 }, force2D: false, padding: 'mirror', rotationInvariant: true, band: 'wavelet2-LLL', pyradiomics: false },
  { id: '7_a_2', description: 'haar level 2 HHH rotation-invariant, mirror padding, checkerboard', phantom: 'checkerboard', imageType: 'Wavelet', filter: { wavelet: 'haar', level: 2 }, force2D: false, padding: 'mirror', rotationInvariant: true, band: 'wavelet2-HHH', pyradiomics: false },
];

/** Outcome of one map in one mode. */
export interface FilterMapResult {
  id: string;
  description: string;
  mode: IbsiMode;
  /** Largest |ours − reference| as a fraction of the reference map's range; null when the mode cannot express the map. */
  worst: number | null;
  passed: boolean;
}

/** Where the IBSI-2 phantoms and reference maps are, relative to an IBSI data root. */
export interface FilterMapFiles {
  phantom(name: string): string;
  map(id: string): string;
}

/** Largest |a·scale − ref| over the voxels, as a fraction of ref's range. */
export function worstRangeFraction(ours: ArrayLike<number>, reference: ArrayLike<number>, scale = 1): number {
  if (ours.length !== reference.length) throw new Error(`response map sizes differ (${ours.length} vs ${reference.length})`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < reference.length; i++) {
    lo = Math.min(lo, reference[i]!);
    hi = Math.max(hi, reference[i]!);
  }
  let worst = 0;
  for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs(ours[i]! * scale - reference[i]!) / (hi - lo));
  return worst;
}

/** The response of a map case's image type in a mode (the named band). */
function response(c: FilterMapCase, mode: IbsiMode, image: Volume): ArrayLike<number> {
  const type: ImageType | undefined = mode === 'ibsi' ? findIbsiImageType(c.imageType) : findImageType(c.imageType);
  const ibsi: IbsiOptions = { ...IBSI_DEFAULTS, filterPadding: c.padding, waveletRotationInvariant: c.rotationInvariant };
  const settings = { ...DEFAULT_SETTINGS, force2D: c.force2D, ...(mode === 'ibsi' ? { ibsi } : {}) };
  const filter: FilterSettings = { ...DEFAULT_FILTER_SETTINGS, ...c.filter };
  const mask = { ...image, data: new Uint8Array(image.data.length).fill(1) };
  for (const derived of type!.generate({ image, mask, settings, filter })) if (derived.name === c.band) return derived.image.data;
  throw new Error(`IBSI-2 map ${c.id}: image type ${c.imageType} gave no band ${c.band}`);
}

/** Check every map in each mode (pyradiomics mode only where its filters can express the map). */
export function checkFilterMaps(files: FilterMapFiles, modes: readonly IbsiMode[] = ['pyradiomics', 'ibsi']): FilterMapResult[] {
  const phantoms = new Map<string, Volume>();
  const phantom = (name: string): Volume => {
    if (!phantoms.has(name)) phantoms.set(name, readNifti(files.phantom(name)));
    return phantoms.get(name)!;
  };
  const out: FilterMapResult[] = [];
  for (const c of FILTER_MAP_CASES) {
    const reference = readNifti(files.map(c.id)).data;
    for (const mode of modes) {
      if (mode === 'pyradiomics' && !c.pyradiomics) {
        out.push({ id: c.id, description: c.description, mode, worst: null, passed: false });
        continue;
      }
      const image = phantom(c.phantom);
      const sigma = c.filter.sigma?.[0];
      const scale = mode === 'pyradiomics' && sigma !== undefined ? (image.spacing[0] / sigma) ** 2 : 1;
      const worst = worstRangeFraction(response(c, mode, image), reference, scale);
      out.push({ id: c.id, description: c.description, mode, worst, passed: worst <= 0.01 });
    }
  }
  return out;
}
