/**
 * Gray-level discretisation of the ROI, pyradiomics `imageoperations.getBinEdges` / `binImage` and
 * `base._applyBinning` (design notes: algorithms.md §4; IBSI "fixed bin size" FBS / "fixed bin
 * number" FBN, with pyradiomics' alignment of FBS bins to multiples of the bin width from 0).
 */

/** Which bins to use: `binCount` (when not null) takes precedence over `binWidth` (pyradiomics rule). */
export interface BinningSettings {
  binWidth: number;
  binCount: number | null;
  /** IBSI FBS origin (the `ibsi` mode's resegmentation minimum); absent/null = pyradiomics' alignment. */
  binLowerBound?: number | null;
  /** N_g of the whole ROI when the input is a part of it (IBSI 2D slices): `ng` is at least this. */
  greyLevelCount?: number;
}

/** Result of {@link discretise}. */
export interface Discretised {
  /** Bin index (1-based) of every ROI voxel, 0 outside the ROI; same layout as the input image. */
  bins: Int32Array;
  /** Sorted distinct bin indices present in the ROI (pyradiomics `coefficients['grayLevels']`). */
  grayLevels: Int32Array;
  /** Largest bin index present (pyradiomics `coefficients['Ng']`); not the number of levels. */
  ng: number;
  /** The bin edges `np.digitize` used. */
  edges: Float64Array;
}

const fround = Math.fround;

/**
 * Bin edges of the ROI values, pyradiomics `getBinEdges`.
 *
 * Fixed bin width w (IBSI FBS, pyradiomics alignment):
 * lowBound = mn − (mn mod w) with floored modulo, highBound = mx + 2w, edges =
 * `np.arange(lowBound, highBound, w)`: K = ⌈(highBound − lowBound)/w⌉, e₀ = lowBound,
 * e₁ = lowBound + w, e_k = e₀ + k·(e₁ − e₀) in float64. A single edge (unreachable with the +2w
 * margin, kept as pyradiomics has it) becomes [e₀ − ½, e₀ + ½].
 *
 * Fixed bin count N (IBSI FBN): `np.histogram(v, N)` edges, i.e. `np.linspace(mn, mx, N + 1)`
 * (mn − ½, mx + ½ when mn = mx), e_k = k·step + mn for k < N, e_N = mx, then e_N += 1.
 *
 * For float32 images the scalar arithmetic runs in float32, as numpy ≥ 2 (NEP 50) does: the
 * modulo, lowBound, highBound, K and e₁ for FBS (the edges array itself is float64); the whole
 * linspace and the +1 for FBN. Checked against numpy 2.4 on random float32/float64 data.
 *
 * @param values ROI intensities (float32 values held exactly in doubles when `isFloat32`).
 */
export function binEdges(values: ArrayLike<number>, isFloat32: boolean, settings: BinningSettings): Float64Array {
  const n = values.length;
  if (n === 0) throw new Error('binEdges: empty ROI');
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  const round = isFloat32 ? fround : (x: number): number => x;

  if (settings.binCount !== null) {
    const count = settings.binCount;
    if (!Number.isInteger(count) || count < 1) throw new Error(`binCount must be a positive integer, got ${count}`);
    let first = mn;
    let last = mx;
    if (first === last) {
      first = round(first - 0.5);
      last = round(last + 0.5);
    }
    const step = round(round(last - first) / count);
    const edges = new Float64Array(count + 1);
    for (let k = 0; k < count; k++) edges[k] = round(round(k * step) + first);
    edges[count] = round(last + 1);
    return edges;
  }

  const w = settings.binWidth;
  if (!(w > 0)) throw new Error(`binWidth must be positive, got ${w}`);
  if (settings.binLowerBound != null) return ibsiFixedBinSizeEdges(settings.binLowerBound, mx, w);
  // numpy ≥ 2: a Python scalar meeting a float32 scalar is cast to float32 first.
  const wScalar = round(w);
  let mod = mn % wScalar; // fmod: exact in any precision
  if (mod !== 0 && mod < 0 !== wScalar < 0) mod = round(mod + wScalar);
  const lowBound = round(mn - mod);
  const highBound = round(mx + 2 * w);
  const count = Math.ceil(round(round(highBound - lowBound) / wScalar));
  if (count <= 1) return Float64Array.of(lowBound - 0.5, lowBound + 0.5);
  const edges = new Float64Array(count);
  edges[0] = lowBound;
  edges[1] = round(lowBound + wScalar); // numpy's arange adds start + step on the scalars
  const delta = edges[1]! - lowBound;
  for (let k = 2; k < count; k++) edges[k] = lowBound + k * delta;
  return edges;
}

/**
 * IBSI fixed bin size (IBSI-1 manual §2.7 "Intensity discretisation", Q3RU): bin(x) = ⌊(x − b)/w⌋ + 1 with b the
 * resegmentation minimum, as `np.digitize` edges e_k = b + k·w, k = 0 … ⌊(mx − b)/w⌋ + 1 (float64).
 * Values below b (possible only when b is not the ROI minimum) fall in bin 0.
 */
function ibsiFixedBinSizeEdges(b: number, mx: number, w: number): Float64Array {
  const count = Math.floor((mx - b) / w) + 2;
  const edges = new Float64Array(count);
  for (let k = 0; k < count; k++) edges[k] = b + k * w;
  return edges;
}

/** Bin indices of a list of ROI values (see {@link discretise}). */
export interface DiscretisedValues {
  /** Bin index (1-based) of each value. */
  bins: Int32Array;
  grayLevels: Int32Array;
  ng: number;
  edges: Float64Array;
}

/**
 * Bins ROI values: bin = `np.digitize(v, edges)` with {@link binEdges}, i.e. the number of edges
 * ≤ v (half-open bins [e_{k−1}, e_k), so the minimum lands in bin 1).
 */
export function discretiseValues(values: ArrayLike<number>, isFloat32: boolean, settings: BinningSettings): DiscretisedValues {
  const edges = binEdges(values, isFloat32, settings);
  const count = values.length;
  const bins = new Int32Array(count);
  const k = edges.length;
  const e0 = edges[0]!;
  const span = (edges[k - 1]! - e0) / Math.max(k - 1, 1);
  let ng = 0;
  for (let r = 0; r < count; r++) {
    const v = values[r]!;
    // Guess from the (near-)uniform spacing, then settle against the actual edges.
    let b = Math.floor((v - e0) / span) + 1;
    if (!(b >= 0)) b = 0;
    if (b > k) b = k;
    while (b < k && edges[b]! <= v) b++;
    while (b > 0 && edges[b - 1]! > v) b--;
    bins[r] = b;
    if (b > ng) ng = b;
  }
  if (settings.greyLevelCount !== undefined && settings.greyLevelCount > ng) ng = settings.greyLevelCount;
  const present = new Uint8Array(ng + 1);
  for (let r = 0; r < count; r++) present[bins[r]!] = 1;
  let levels = 0;
  for (let g = 0; g <= ng; g++) levels += present[g]!;
  const grayLevels = new Int32Array(levels);
  for (let g = 0, j = 0; g <= ng; g++) if (present[g]) grayLevels[j++] = g;
  return { bins, grayLevels, ng, edges };
}

/**
 * Discretises the ROI voxels of an image (pyradiomics `binImage` + `_applyBinning`): only ROI
 * voxels are binned ({@link discretiseValues}); voxels outside the ROI get 0.
 *
 * @param image intensities of the cropped grid, x fastest.
 * @param mask nonzero inside the ROI.
 * @param isFloat32 the image type's dtype is float32 (binning arithmetic in float32, algorithms.md §4.4).
 */
export function discretise(
  image: ArrayLike<number>,
  mask: ArrayLike<number>,
  isFloat32: boolean,
  settings: BinningSettings,
): Discretised {
  const n = image.length;
  if (mask.length !== n) throw new Error('discretise: image and mask sizes differ');
  let roiCount = 0;
  for (let i = 0; i < n; i++) if (mask[i] !== 0) roiCount++;
  const roi = new Int32Array(roiCount);
  const values = new Float64Array(roiCount);
  for (let i = 0, r = 0; i < n; i++) {
    if (mask[i] !== 0) {
      roi[r] = i;
      values[r++] = image[i]!;
    }
  }
  const d = discretiseValues(values, isFloat32, settings);
  const bins = new Int32Array(n);
  for (let r = 0; r < roiCount; r++) bins[roi[r]!] = d.bins[r]!;
  return { bins, grayLevels: d.grayLevels, ng: d.ng, edges: d.edges };
}
