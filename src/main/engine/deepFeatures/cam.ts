/**
 * Class-activation maps for a deep-learning radiomics signature (CAM, Zhou et al., CVPR 2016, applied
 * to the signature instead of a classifier head). Deep feature k is the global average of channel k
 * of the last conv block, \( f_k = \frac{1}{hw}\sum_{ij} A_k(i,j) \), so a signature that weights the
 * selected features by \( w_k \) (LASSO coefficients) scores
 * \( \sum_k w_k f_k = \frac{1}{hw}\sum_{ij} S(i,j) \) with \( S = \sum_k w_k A_k \): S is the spatial
 * distribution of the image's contribution to the score. The displayed map is
 * \( M = \mathrm{ReLU}(S) \) (the regions that push the score up), upsampled with {@link resizeBilinear}
 * to the ROI box the network saw and divided by its maximum (an all-zero map stays zero).
 * Feature standardisation before the signature only rescales \( w_k \) and adds a constant, which
 * changes the map's scale, not its shape — pass the weights in the scale of the raw features.
 */
import type { Volume } from '../image/volume';
import type { RasterImage } from '../image/png';
import { resizeBilinear } from './bilinear';
import { parseDeepFeatureName } from './naming';
import { applyWindow, cropSlabMean, type HuWindow, type PreprocessedRoi, type SliceBox } from './preprocess';

export interface CamWeight {
  /** Channel of the last conv block (= deep-feature index). */
  channel: number;
  weight: number;
}

/**
 * The weights of one phase's deep features in a signature given as feature name → coefficient
 * (names as in {@link parseDeepFeatureName}; other features — radiomics, other phases — are ignored).
 */
export function camWeightsFromCoefficients(coefficients: Iterable<[string, number]>, phase: string, stem: string): CamWeight[] {
  const out: CamWeight[] = [];
  for (const [name, weight] of coefficients) {
    const p = parseDeepFeatureName(name);
    if (p && p.phase === phase && p.stem === stem && weight !== 0) out.push({ channel: p.index, weight });
  }
  return out;
}

export interface WeightedActivation {
  /** S = Σ_k w_k A_k on the conv grid (h × w, row-major). */
  map: Float64Array;
  /** mean(S) = Σ_k w_k f_k: this image's contribution to the signature's linear predictor. */
  contribution: number;
}

/**
 * S for image `imageIndex` of a last-conv-block tensor `layer` of shape [N, C, h, w].
 */
export function weightedActivation(layer: Float32Array, channels: number, h: number, w: number, weights: readonly CamWeight[], imageIndex = 0): WeightedActivation {
  const plane = h * w;
  const base = imageIndex * channels * plane;
  if (base + channels * plane > layer.length) throw new RangeError(`image ${imageIndex} is outside a tensor of ${layer.length} values`);
  const map = new Float64Array(plane);
  for (const { channel, weight } of weights) {
    if (!Number.isInteger(channel) || channel < 0 || channel >= channels) throw new RangeError(`channel ${channel} is outside 0..${channels - 1}`);
    const off = base + channel * plane;
    for (let i = 0; i < plane; i++) map[i] += weight * layer[off + i];
  }
  let sum = 0;
  for (let i = 0; i < plane; i++) sum += map[i];
  return { map, contribution: sum / plane };
}

/** M = ReLU(S), resized to `outWidth` × `outHeight` and divided by its maximum (values in [0, 1]). */
export function activationHeatmap(map: ArrayLike<number>, h: number, w: number, outWidth: number, outHeight: number): Float32Array {
  const relu = Float64Array.from(map, (v) => (v > 0 ? v : 0));
  const up = resizeBilinear(relu, w, h, outWidth, outHeight);
  let max = 0;
  for (let i = 0; i < up.length; i++) if (up[i] > max) max = up[i];
  if (max > 0) for (let i = 0; i < up.length; i++) up[i] /= max;
  return up;
}

/**
 * MATLAB-style "jet" colour of t ∈ [0, 1]: r = clamp(1.5 − |4t − 3|), g = clamp(1.5 − |4t − 2|),
 * b = clamp(1.5 − |4t − 1|), each in [0, 1].
 */
export function jet(t: number): [number, number, number] {
  const c = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
  return [c(1.5 - Math.abs(4 * t - 3)), c(1.5 - Math.abs(4 * t - 2)), c(1.5 - Math.abs(4 * t - 1))];
}

/**
 * RGB overlay of a heat map (box-sized, values in [0, 1]) on a grey slice (nx × ny, values in [0, 1]):
 * inside the box, pixel = (1 − αh)·grey + αh·jet(h); elsewhere the grey value. Parts of the box outside
 * the slice are dropped.
 */
export function overlayHeatmap(grey: Float32Array, nx: number, ny: number, heat: Float32Array, box: SliceBox, alpha = 0.5): RasterImage {
  const bw = box.x1 - box.x0 + 1;
  const bh = box.y1 - box.y0 + 1;
  if (heat.length !== bw * bh) throw new RangeError(`heat map of ${heat.length} values for a ${bw}×${bh} box`);
  const data = new Uint8Array(nx * ny * 3);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const g = grey[y * nx + x];
      let rgb: [number, number, number] = [g, g, g];
      const i = x - box.x0;
      const j = y - box.y0;
      if (i >= 0 && j >= 0 && i < bw && j < bh) {
        const h = heat[j * bw + i];
        const a = alpha * h;
        const col = jet(h);
        rgb = [(1 - a) * g + a * col[0], (1 - a) * g + a * col[1], (1 - a) * g + a * col[2]];
      }
      const o = 3 * (y * nx + x);
      for (let c = 0; c < 3; c++) data[o + c] = Math.round(255 * Math.min(1, Math.max(0, rgb[c])));
    }
  }
  return { width: nx, height: ny, channels: 3, data };
}

/**
 * The activation map of one preprocessed ROI over its whole windowed axial slice (the slab mean the
 * network saw, windowed like its input), ready for {@link encodePng}. `peak` = max ReLU(S) on the conv
 * grid: 0 means no region raises the score and the overlay shows the plain slice.
 */
export function renderActivationOverlay(
  image: Volume,
  roi: PreprocessedRoi,
  layer: Float32Array,
  layerShape: { channels: number; h: number; w: number; imageIndex?: number },
  weights: readonly CamWeight[],
  window: HuWindow,
  alpha = 0.5,
): { png: RasterImage; contribution: number; peak: number } {
  const [nx, ny] = image.size;
  const whole: SliceBox = { x0: 0, x1: nx - 1, y0: 0, y1: ny - 1 };
  const grey = applyWindow(cropSlabMean(image, roi.slab[0], roi.slab[1], whole, 0), window);
  const s = weightedActivation(layer, layerShape.channels, layerShape.h, layerShape.w, weights, layerShape.imageIndex ?? 0);
  const heat = activationHeatmap(s.map, layerShape.h, layerShape.w, roi.box.x1 - roi.box.x0 + 1, roi.box.y1 - roi.box.y0 + 1);
  const peak = s.map.reduce((m, v) => (v > m ? v : m), 0);
  return { png: overlayHeatmap(grey, nx, ny, heat, roi.box, alpha), contribution: s.contribution, peak };
}
