/**
 * pyradiomics' LBP2D image type (`imageoperations.getLBP2DImage` over scikit-image
 * `feature.local_binary_pattern`; algorithms.md §7.3). Ojala, Pietikäinen & Mäenpää, "Multiresolution
 * gray-scale and rotation invariant texture classification with local binary patterns", IEEE TPAMI
 * 24(7), 2002 — with scikit-image's conventions, which differ from the paper in places (see below).
 */
import type { VoxelArray } from '../volume';
import type { GridImage } from './grid';

/** `lbp2DMethod` values pyradiomics' schema accepts. */
export type Lbp2DMethod = 'default' | 'ror' | 'uniform' | 'var';

/** pyradiomics settings `lbp2DRadius` (R), `lbp2DSamples` (P), `lbp2DMethod`, and the slicing axis. */
export interface Lbp2DSettings {
  radius: number;
  samples: number;
  method: Lbp2DMethod;
  /** numpy axis perpendicular to the slices (`force2Ddimension`; 0 = z, axial slices). */
  force2Ddimension: 0 | 1 | 2;
}

/** numpy `round(x, 5)`: x·10⁵ rounded half to even, divided by 10⁵. */
function round5(x: number): number {
  const y = x * 1e5;
  let r = Math.round(y);
  if (r - y === 0.5 && r % 2 !== 0) r -= 1;
  return r / 1e5;
}

/**
 * scikit-image `local_binary_pattern(image, P, R, method)` of one 2-D image (rows × cols, row-major):
 *  - neighbour p at (r − R·sin(2πp/P), c + R·cos(2πp/P)), offsets rounded to 5 decimals, sampled
 *    bilinearly from the 4 surrounding pixels with 0 outside the image;
 *  - bit s_p = [sample_p − centre ≥ 0];
 *  - 'default': Σ s_p·2^p; 'ror': the minimum over the P cyclic right rotations of that code;
 *  - 'uniform': U = number of changes between consecutive s_p, p = 0 … P − 2 (scikit-image leaves out
 *    the pair (P − 1, 0); changes around a circle being even in number, U ≤ 2 still selects exactly
 *    the textbook uniform patterns); code Σ s_p when U ≤ 2, else P + 1;
 *  - 'var': (Σ t_p² − (Σ t_p)²/P)/P of the samples t_p, NaN when 0.
 * Returns float64 codes.
 */
export function localBinaryPattern(
  pixels: Float64Array,
  rows: number,
  cols: number,
  samples: number,
  radius: number,
  method: Lbp2DMethod,
): Float64Array {
  const P = samples;
  const rp = Float64Array.from({ length: P }, (_, p) => round5(-radius * Math.sin((2 * Math.PI * p) / P)));
  const cp = Float64Array.from({ length: P }, (_, p) => round5(radius * Math.cos((2 * Math.PI * p) / P)));
  const pixel = (r: number, c: number) => (r < 0 || r >= rows || c < 0 || c >= cols ? 0 : pixels[r * cols + c]!);
  const texture = new Float64Array(P);
  const bits = new Uint8Array(P);
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const centre = pixels[r * cols + c]!;
      for (let p = 0; p < P; p++) {
        const rr = r + rp[p]!;
        const cc = c + cp[p]!;
        const minr = Math.floor(rr);
        const minc = Math.floor(cc);
        const maxr = Math.ceil(rr);
        const maxc = Math.ceil(cc);
        const dr = rr - minr;
        const dc = cc - minc;
        const top = (1 - dc) * pixel(minr, minc) + dc * pixel(minr, maxc);
        const bottom = (1 - dc) * pixel(maxr, minc) + dc * pixel(maxr, maxc);
        texture[p] = (1 - dr) * top + dr * bottom;
        bits[p] = texture[p]! - centre >= 0 ? 1 : 0;
      }
      out[r * cols + c] = lbpCode(texture, bits, P, method);
    }
  }
  return out;
}

function lbpCode(texture: Float64Array, bits: Uint8Array, P: number, method: Lbp2DMethod): number {
  switch (method) {
    case 'var': {
      let sum = 0;
      let sumSquares = 0;
      for (let p = 0; p < P; p++) {
        sum += texture[p]!;
        sumSquares += texture[p]! * texture[p]!;
      }
      const variance = (sumSquares - (sum * sum) / P) / P;
      return variance !== 0 ? variance : NaN;
    }
    case 'uniform': {
      let changes = 0;
      let ones = 0;
      for (let p = 0; p < P - 1; p++) changes += bits[p] !== bits[p + 1] ? 1 : 0;
      for (let p = 0; p < P; p++) ones += bits[p]!;
      return changes <= 2 ? ones : P + 1;
    }
    case 'default':
    case 'ror': {
      let code = 0;
      for (let p = 0; p < P; p++) code += bits[p]! * 2 ** p;
      if (method === 'default') return code;
      let best = code;
      let rotated = code;
      for (let i = 1; i < P; i++) {
        rotated = Math.floor(rotated / 2) + (rotated % 2) * 2 ** (P - 1);
        best = Math.min(best, rotated);
      }
      return best;
    }
  }
}

/**
 * pyradiomics `getLBP2DImage` for a 3-D image: LBP of every slice perpendicular to numpy axis
 * `force2Ddimension`, written back into an array of the input's type (numpy assignment casts the float
 * codes; integer codes are exact, 'var' values are truncated for integer images). Slice orientation as
 * pyradiomics' `swapaxes(0, axis)`: axis 0 → rows y, cols x; axis 1 → rows z, cols x; axis 2 → rows y,
 * cols z.
 */
export function lbp2DImage<T extends VoxelArray>(image: GridImage<T>, settings: Lbp2DSettings): T {
  const { data, size } = image;
  const [nx, ny, nz] = size;
  const out = new (data.constructor as new (n: number) => T)(data.length);
  // Each slice: (rows, cols) and the buffer offset of (row, col) within slice s.
  const layout =
    settings.force2Ddimension === 0
      ? { slices: nz, rows: ny, cols: nx, at: (s: number, r: number, c: number) => (s * ny + r) * nx + c }
      : settings.force2Ddimension === 1
        ? { slices: ny, rows: nz, cols: nx, at: (s: number, r: number, c: number) => (r * ny + s) * nx + c }
        : { slices: nx, rows: ny, cols: nz, at: (s: number, r: number, c: number) => (c * ny + r) * nx + s };
  const { slices, rows, cols, at } = layout;
  const slice = new Float64Array(rows * cols);
  for (let s = 0; s < slices; s++) {
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) slice[r * cols + c] = data[at(s, r, c)]!;
    const codes = localBinaryPattern(slice, rows, cols, settings.samples, settings.radius, settings.method);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[at(s, r, c)] = codes[r * cols + c]!;
  }
  return out;
}
