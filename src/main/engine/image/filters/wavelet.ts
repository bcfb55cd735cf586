/**
 * pyradiomics' Wavelet image type: `imageoperations.getWaveletImage` / `_swt3` over PyWavelets'
 * `swtn` (algorithms.md §6), plus an optional IBSI-compliance mode (IBSI reference manual
 * arXiv:2006.05470, separable wavelets; IBSI-2 response maps 5_a, 6_a, 7_a).
 *
 * pyradiomics (default):
 *  1. every odd-length array axis gets one wrapped sample appended (numpy pad 'wrap'), transformed or not;
 *  2. `start_level` times, data ← the all-low band of a single-level `pywt.swtn`;
 *  3. for each of `level` levels: one single-level `swtn` (undilated level-1 filters, periodic), the 7
 *     detail bands (3-D) are yielded and the all-low band becomes the next data;
 *  4. the last all-low band is the approximation, yielded last. Everything is cropped back to the input grid.
 * Band letters follow the transformed axes in pywt order, x then y then z (numpy axes (2, 1, 0)): 'LHL'
 * is low-pass along x, high-pass along y, low-pass along z. Arithmetic: float32 for float32 input (pywt
 * keeps float32), float64 otherwise.
 */
import type { VoxelArray } from '../volume';
import { convolveAxis, type AxisKernel, type PaddingMode } from './convolution';
import { wholeGrid, type Axis, type GridImage, type Region } from './grid';
import { swtAxis, swtInputRange, type WaveletArray } from './swtPeriodic';
import { waveletFilterBank, type WaveletFilterBank } from './waveletFilters';

/** Settings of the Wavelet image type (pyradiomics keys `wavelet`, `level`, `start_level`). */
export interface WaveletSettings {
  /** pywt wavelet name, e.g. 'coif1' (pyradiomics default). */
  wavelet: string;
  /** Number of levels whose bands are yielded (≥ 1). */
  level: number;
  /** Levels transformed (approximation only) before the first yielded one (≥ 0). */
  startLevel: number;
  /** Transformed axes in pywt order, from {@link waveletAxes}. */
  axes: readonly Axis[];
}

/**
 * IBSI-compliance mode: the IBSI separable-wavelet definition instead of pyradiomics'. Filters keep
 * pywt's taps and phase (output n aligned with tap ⌊F/2⌋), but
 *  - boundaries follow `padding` instead of periodic wrap of an even-padded array;
 *  - level j uses the à trous filters (taps 2^(j−1) samples apart) instead of the level-1 filters again;
 *  - with `rotationInvariant`, each band is the mean over the 24 right-angle rotations of the
 *    volume (4 in 2-D) of the band computed on the rotated volume and rotated back.
 * Results are float64.
 */
export interface IbsiWaveletMode {
  padding: PaddingMode;
  rotationInvariant: boolean;
}

/**
 * The transformed axes, pyradiomics' `getWaveletImage`: numpy axes (2, 1, 0) = x, y, z; with force2D the
 * numpy axis `force2Ddimension` (0 = z) is dropped.
 */
export function waveletAxes(force2D: boolean, force2Ddimension: 0 | 1 | 2): Axis[] {
  const axes: Axis[] = [0, 1, 2];
  return force2D ? axes.filter((a) => a !== 2 - force2Ddimension) : axes;
}

/** pyradiomics' image type name of a band: 'wavelet-LHL' for the first yielded level, 'wavelet2-LHL' after. */
export function waveletImageName(levelIndex: number, letters: string): string {
  return levelIndex === 1 ? `wavelet-${letters}` : `wavelet${levelIndex}-${letters}`;
}

/** One derived wavelet image. */
export interface WaveletImage {
  name: string;
  data: WaveletArray;
}

/**
 * pyradiomics `getWaveletImage`: the 7 detail bands of each level in pywt's order (LLH, LHL, LHH,
 * HLL, HLH, HHL, HHH in 3-D; LH, HL, HH in 2-D), level after level, then the approximation
 * ('wavelet-LLL', or 'wavelet<level>-LLL' when level > 1). With `ibsi`, the IBSI variant
 * ({@link IbsiWaveletMode}) under the same names. With `region` (pyradiomics mode), the bands of the
 * last level are computed only inside it (elsewhere 0), with the same values.
 */
export function* waveletImages(
  image: GridImage<VoxelArray>,
  settings: WaveletSettings,
  ibsi?: IbsiWaveletMode,
  region?: Region,
): Generator<WaveletImage> {
  if (!Number.isInteger(settings.level) || settings.level < 1) throw new Error(`wavelet level must be ≥ 1 (got ${settings.level})`);
  if (!Number.isInteger(settings.startLevel) || settings.startLevel < 0) {
    throw new Error(`wavelet start_level must be ≥ 0 (got ${settings.startLevel})`);
  }
  const bank = waveletFilterBank(settings.wavelet);
  if (ibsi) yield* ibsiWaveletImages(image, settings, bank, ibsi);
  else yield* pyradiomicsWaveletImages(image, settings, bank, region);
}

const toLetters = (key: string) => key.replaceAll('a', 'L').replaceAll('d', 'H');

function* pyradiomicsWaveletImages(
  image: GridImage<VoxelArray>,
  settings: WaveletSettings,
  bank: WaveletFilterBank,
  region?: Region,
): Generator<WaveletImage> {
  const padded = wrapPadToEven(image);
  const crop = (band: WaveletArray) => cropTo(band, padded.size, image.size);
  const allLow = 'a'.repeat(settings.axes.length);
  const whole = settings.axes.map(() => wholeGrid(padded.size));
  let data = padded;
  for (let i = 0; i < settings.startLevel; i++) {
    data = { ...data, data: lowPassAll(data, settings.axes, bank) };
  }
  for (let level = 1; level <= settings.level; level++) {
    // the next level reads the whole approximation; only the last level's bands can be limited to the region
    const regions = level === settings.level && region ? passRegions(region, settings.axes, padded.size, bank.decLo.length) : whole;
    let next: WaveletArray | undefined;
    for (const [key, band] of swtnBands(data, settings.axes, bank, 0, '', regions)) {
      if (key === allLow) next = band;
      else yield { name: waveletImageName(level, toLetters(key)), data: crop(band) };
    }
    data = { ...data, data: next! };
  }
  yield { name: waveletImageName(settings.level, toLetters(allLow)), data: crop(data.data) };
}

/**
 * The output region of each single-axis pass of `swtn` (pass k along axes[k]) for bands needed on
 * `region`: the last pass outputs the region, each earlier pass what the next one reads (the region
 * widened along the next pass' axis by the filter support, {@link swtInputRange}).
 */
function passRegions(region: Region, axes: readonly Axis[], size: GridImage['size'], taps: number): Region[] {
  const regions: Region[] = new Array<Region>(axes.length);
  regions[axes.length - 1] = region;
  for (let k = axes.length - 2; k >= 0; k--) {
    const after = regions[k + 1]!;
    const axis = axes[k + 1]!;
    const lo: [number, number, number] = [...after.lo];
    const hi: [number, number, number] = [...after.hi];
    [lo[axis], hi[axis]] = swtInputRange(after.lo[axis], after.hi[axis], size[axis], taps);
    regions[k] = { lo, hi };
  }
  return regions;
}

/**
 * Single-level pywt `swtn` bands, depth first in pywt's key order ('aaa', 'aad', 'ada', …): the
 * low/high split along axes[depth] (outputs on regions[depth]), then recursively along the remaining axes.
 */
function* swtnBands(
  image: GridImage<WaveletArray>,
  axes: readonly Axis[],
  bank: WaveletFilterBank,
  depth: number,
  key: string,
  regions: readonly Region[],
): Generator<[string, WaveletArray]> {
  if (depth === axes.length) {
    yield [key, image.data];
    return;
  }
  const axis = axes[depth]!;
  const float32 = image.data instanceof Float32Array;
  const lo = float32 ? bank.decLoFloat32 : bank.decLo;
  const hi = float32 ? bank.decHiFloat32 : bank.decHi;
  yield* swtnBands({ ...image, data: swtAxis(image, axis, lo, regions[depth]) }, axes, bank, depth + 1, `${key}a`, regions);
  yield* swtnBands({ ...image, data: swtAxis(image, axis, hi, regions[depth]) }, axes, bank, depth + 1, `${key}d`, regions);
}

function lowPassAll(image: GridImage<WaveletArray>, axes: readonly Axis[], bank: WaveletFilterBank): WaveletArray {
  let data = image.data;
  const lo = data instanceof Float32Array ? bank.decLoFloat32 : bank.decLo;
  for (const axis of axes) data = swtAxis({ ...image, data }, axis, lo);
  return data;
}

/**
 * Append one wrapped sample (the first) along every odd-length axis (numpy `pad(..., 'wrap')`), as
 * float64, or float32 for float32 input (pywt's dtype rule).
 */
export function wrapPadToEven(image: GridImage<VoxelArray>): GridImage<WaveletArray> {
  const [nx, ny, nz] = image.size;
  const size: [number, number, number] = [nx + (nx % 2), ny + (ny % 2), nz + (nz % 2)];
  const data = image.data instanceof Float32Array ? new Float32Array(size[0] * size[1] * size[2]) : new Float64Array(size[0] * size[1] * size[2]);
  const src = image.data;
  for (let z = 0; z < size[2]; z++) {
    const sz = z % nz;
    for (let y = 0; y < size[1]; y++) {
      const sy = y % ny;
      const row = (z * size[1] + y) * size[0];
      const srcRow = (sz * ny + sy) * nx;
      for (let x = 0; x < size[0]; x++) data[row + x] = src[srcRow + (x % nx)]!;
    }
  }
  return { data, size, spacing: image.spacing };
}

/** The leading `size` block of an array on the grid `from` (drops the wrapped samples). */
function cropTo(band: WaveletArray, from: GridImage['size'], size: GridImage['size']): WaveletArray {
  if (from[0] === size[0] && from[1] === size[1] && from[2] === size[2]) return band;
  const out = band instanceof Float32Array ? new Float32Array(size[0] * size[1] * size[2]) : new Float64Array(size[0] * size[1] * size[2]);
  for (let z = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) {
      const srcRow = (z * from[1] + y) * from[0];
      out.set(band.subarray(srcRow, srcRow + size[0]), (z * size[1] + y) * size[0]);
    }
  }
  return out;
}

/** A right-angle rotation of the transformed axes: axis i takes the filter of axis perm[i], mirrored when flip[i]. */
interface AxisRotation {
  perm: number[];
  flip: boolean[];
}

/** The proper (determinant +1) signed permutations of `n` axes: 24 for n = 3, 4 for n = 2, 1 for n = 1. */
export function rightAngleRotations(n: number): AxisRotation[] {
  const perms: number[][] = [];
  const permute = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) perms.push(prefix);
    rest.forEach((v, i) => permute([...prefix, v], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  permute([], [...Array(n).keys()]);
  const parity = (p: number[]) => {
    let inversions = 0;
    for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) if (p[i]! > p[j]!) inversions++;
    return inversions % 2;
  };
  const out: AxisRotation[] = [];
  for (const perm of perms) {
    for (let mask = 0; mask < 1 << n; mask++) {
      const flip = [...Array(n).keys()].map((i) => ((mask >> i) & 1) === 1);
      const flips = flip.filter(Boolean).length;
      if ((parity(perm) + flips) % 2 === 0) out.push({ perm, flip });
    }
  }
  return out;
}

function* ibsiWaveletImages(
  image: GridImage<VoxelArray>,
  settings: WaveletSettings,
  bank: WaveletFilterBank,
  mode: IbsiWaveletMode,
): Generator<WaveletImage> {
  const axes = settings.axes;
  const rotations = mode.rotationInvariant ? rightAngleRotations(axes.length) : [{ perm: axes.map((_, i) => i), flip: axes.map(() => false) }];
  const [allLow, ...details] = bandKeys(axes.length);
  const count = image.data.length;
  const lastLevel = settings.startLevel + settings.level;
  // Detail-band sums over rotations, keyed by image name in yield order; the approximation apart.
  const sums = new Map<string, Float64Array>();
  const approximation = new Float64Array(count);
  // Rotations sharing a flip pattern share every intermediate image: group them.
  const byFlip = new Map<string, AxisRotation[]>();
  for (const r of rotations) {
    const k = r.flip.map((f) => (f ? 1 : 0)).join('');
    byFlip.set(k, [...(byFlip.get(k) ?? []), r]);
  }
  for (const group of byFlip.values()) {
    const flip = group[0]!.flip;
    let data: GridImage<Float64Array> = { data: Float64Array.from(image.data), size: image.size, spacing: image.spacing };
    for (let level = 0; level < lastLevel; level++) {
      const dilation = 2 ** level;
      const kernel = (taps: Float64Array, i: number): AxisKernel => ({ taps, origin: Math.floor(taps.length / 2), dilation, flipped: flip[i]! });
      const bands = new Map<string, Float64Array>();
      const split = (img: Float64Array, depth: number, key: string) => {
        if (depth === axes.length) {
          bands.set(key, img);
          return;
        }
        const grid = { ...data, data: img };
        split(convolveAxis(grid, axes[depth]!, kernel(bank.decLo, depth), mode.padding), depth + 1, `${key}a`);
        if (level >= settings.startLevel) {
          split(convolveAxis(grid, axes[depth]!, kernel(bank.decHi, depth), mode.padding), depth + 1, `${key}d`);
        }
      };
      split(data.data, 0, '');
      if (level >= settings.startLevel) {
        const levelIndex = level - settings.startLevel + 1;
        for (const rotation of group) {
          for (const key of details) {
            const rotatedKey = rotation.perm.map((p) => key[p]).join('');
            const name = waveletImageName(levelIndex, toLetters(key));
            const sum = sums.get(name) ?? new Float64Array(count);
            addInto(sum, bands.get(rotatedKey)!);
            sums.set(name, sum);
          }
        }
      }
      data = { ...data, data: bands.get(allLow!)! };
    }
    for (let r = 0; r < group.length; r++) addInto(approximation, data.data);
  }
  const scale = 1 / rotations.length;
  for (const [name, sum] of sums) yield { name, data: sum.map((v) => v * scale) };
  yield { name: waveletImageName(settings.level, toLetters(allLow!)), data: approximation.map((v) => v * scale) };
}

/** pywt's band keys for `n` axes in dict order: 'aaa', 'aad', 'ada', …, 'ddd'. */
function bandKeys(n: number): string[] {
  const keys: string[] = [];
  for (let m = 0; m < 1 << n; m++) {
    keys.push([...Array(n).keys()].map((i) => ((m >> (n - 1 - i)) & 1 ? 'd' : 'a')).join(''));
  }
  return keys;
}

function addInto(sum: Float64Array, values: Float64Array): void {
  for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! + values[i]!;
}
