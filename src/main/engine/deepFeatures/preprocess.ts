/**
 * Turns one CECT phase and its tumour ROI into the network input of the deep-feature model
 * (the study feeds "the ROI of each phase" to an ImageNet ResNet-18; its exact cropping is not
 * published, so every choice below is a documented, configurable setting recorded with the features).
 *
 * Pipeline, per phase:
 * 1. **Slice**: the axial slice z* with the largest ROI cross-section (most ROI voxels; ties go to the
 *    lowest z). With `neighbourSlices = n`, the HU values of slices z*−n … z*+n (clipped to the
 *    volume) are averaged voxel-wise (a thick-slab mean); the box and the mask come from z* alone.
 * 2. **Box**: the ROI's bounding box in z* (inclusive voxel indices), grown by `margin` on every side
 *    (in voxels, or in mm converted per axis with round(mm / spacing)). With `square`, the shorter side
 *    (in mm) is grown symmetrically (extra voxel on the high side) to the longer side's length.
 *    Parts of the box outside the image read `outsideValueHu` (default −1024 HU, air).
 * 3. **Window**: \( g = \min(1, \max(0, (HU - (L - W/2)) / W)) \), default W = 400, L = 40 HU.
 *    With `maskOutside`, pixels outside the ROI of z* are set to g = 0.
 * 4. **Resize** the windowed crop to the network's H × W with {@link resizeBilinear} (half-pixel centres,
 *    PyTorch `interpolate(mode='bilinear', align_corners=False)`); the box is stretched if not square.
 * 5. **Channels and normalisation**: the grey image is copied to the 3 input channels and each channel c
 *    becomes \( (g - \mu_c) / \sigma_c \) with the manifest's mean/std (ImageNet: μ = (0.485, 0.456, 0.406),
 *    σ = (0.229, 0.224, 0.225)); layout CHW, float32.
 *
 * Image rows are the volume's y index and columns its x index (the voxel-array order).
 */
import type { Volume } from '../image/volume';
import { resizeBilinear } from './bilinear';

export interface HuWindow {
  /** Window width W, HU (> 0). */
  width: number;
  /** Window level (centre) L, HU. */
  level: number;
}

export interface BoxMargin {
  value: number;
  unit: 'mm' | 'voxel';
}

/** Every preprocessing choice; recorded as provenance with the features. */
export interface DeepPreprocessSettings {
  /** ROI voxels: mask value equal to this label, or any non-zero value. */
  label: number | 'nonzero';
  neighbourSlices: number;
  margin: BoxMargin;
  square: boolean;
  window: HuWindow;
  outsideValueHu: number;
  maskOutside: boolean;
  /** Fixed description of the resize convention (for provenance). */
  resize: 'bilinear, half-pixel centres (PyTorch align_corners=False), edge clamp, no antialias';
}

export const DEFAULT_PREPROCESS_SETTINGS: DeepPreprocessSettings = {
  label: 'nonzero',
  neighbourSlices: 0,
  margin: { value: 0, unit: 'voxel' },
  square: false,
  window: { width: 400, level: 40 },
  outsideValueHu: -1024,
  maskOutside: false,
  resize: 'bilinear, half-pixel centres (PyTorch align_corners=False), edge clamp, no antialias',
};

/** Fill in defaults and check ranges. */
export function resolvePreprocessSettings(partial: Partial<Omit<DeepPreprocessSettings, 'resize'>> = {}): DeepPreprocessSettings {
  const s: DeepPreprocessSettings = { ...DEFAULT_PREPROCESS_SETTINGS, ...partial, resize: DEFAULT_PREPROCESS_SETTINGS.resize };
  if (!Number.isInteger(s.neighbourSlices) || s.neighbourSlices < 0) throw new RangeError(`neighbourSlices must be a non-negative integer, got ${s.neighbourSlices}`);
  if (!(s.margin.value >= 0) || !Number.isFinite(s.margin.value)) throw new RangeError(`margin must be a finite value ≥ 0, got ${s.margin.value}`);
  if (s.margin.unit === 'voxel' && !Number.isInteger(s.margin.value)) throw new RangeError(`a margin in voxels must be an integer, got ${s.margin.value}`);
  if (!(s.window.width > 0) || !Number.isFinite(s.window.level)) throw new RangeError(`invalid HU window W${s.window.width}/L${s.window.level}`);
  if (s.label !== 'nonzero' && !Number.isFinite(s.label)) throw new RangeError(`invalid ROI label ${s.label}`);
  return s;
}

/** What the network expects (a subset of the model manifest's `input`). */
export interface NetworkInputSpec {
  size: [3, number, number];
  mean: [number, number, number];
  std: [number, number, number];
}

/** Where the patient/phase came from, for error messages. */
export interface RoiContext {
  patient?: string;
  phase?: string;
}

/** Inclusive voxel-index box in one axial slice (may extend beyond the image). */
export interface SliceBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface PreprocessedRoi {
  /** Network input, CHW float32 (3 × H × W). */
  tensor: Float32Array;
  /** Windowed grey image at the network resolution (H × W, values in [0, 1]). */
  grey: Float32Array;
  /** Windowed grey crop at the box's own resolution (`box` width × height). */
  crop: Float32Array;
  /** Axial slice index z*. */
  slice: number;
  /** Slices averaged (inclusive). */
  slab: [number, number];
  box: SliceBox;
  /** ROI voxels in slice z*. */
  roiPixels: number;
}

/** The ROI is empty (no voxel with the requested label). */
export class EmptyRoiError extends Error {
  override name = 'EmptyRoiError';
}

function where(ctx: RoiContext): string {
  const parts = [ctx.patient !== undefined ? `patient ${ctx.patient}` : undefined, ctx.phase !== undefined ? `phase ${ctx.phase}` : undefined].filter(Boolean);
  return parts.length ? ` for ${parts.join(', ')}` : '';
}

function isRoi(label: number | 'nonzero'): (v: number) => boolean {
  return label === 'nonzero' ? (v) => v !== 0 : (v) => v === label;
}

/** ROI voxel count of every axial slice. */
export function roiAreaPerSlice(mask: Volume, label: number | 'nonzero'): Int32Array {
  const [nx, ny, nz] = mask.size;
  const inRoi = isRoi(label);
  const area = new Int32Array(nz);
  const plane = nx * ny;
  for (let z = 0; z < nz; z++) {
    let n = 0;
    for (let i = z * plane; i < (z + 1) * plane; i++) if (inRoi(mask.data[i])) n++;
    area[z] = n;
  }
  return area;
}

/** Index of the largest value (first on ties), or −1 when every value is 0. */
export function largestCrossSection(area: Int32Array): number {
  let best = -1;
  let bestArea = 0;
  for (let z = 0; z < area.length; z++) {
    if (area[z] > bestArea) {
      bestArea = area[z];
      best = z;
    }
  }
  return best;
}

/** Bounding box of the ROI in slice z (the slice must contain ROI voxels). */
export function roiBoxInSlice(mask: Volume, z: number, label: number | 'nonzero'): SliceBox {
  const [nx, ny] = mask.size;
  const inRoi = isRoi(label);
  const box: SliceBox = { x0: nx, x1: -1, y0: ny, y1: -1 };
  const base = z * nx * ny;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      if (!inRoi(mask.data[base + y * nx + x])) continue;
      if (x < box.x0) box.x0 = x;
      if (x > box.x1) box.x1 = x;
      if (y < box.y0) box.y0 = y;
      if (y > box.y1) box.y1 = y;
    }
  }
  return box;
}

/** Grow a box by the margin and, optionally, to a square in mm (see the module comment). */
export function expandBox(box: SliceBox, spacing: [number, number], margin: BoxMargin, square: boolean): SliceBox {
  const mx = margin.unit === 'voxel' ? margin.value : Math.round(margin.value / spacing[0]);
  const my = margin.unit === 'voxel' ? margin.value : Math.round(margin.value / spacing[1]);
  const b = { x0: box.x0 - mx, x1: box.x1 + mx, y0: box.y0 - my, y1: box.y1 + my };
  if (!square) return b;
  const widthMm = (b.x1 - b.x0 + 1) * spacing[0];
  const heightMm = (b.y1 - b.y0 + 1) * spacing[1];
  if (widthMm < heightMm) {
    const extra = Math.round(heightMm / spacing[0]) - (b.x1 - b.x0 + 1);
    if (extra > 0) {
      b.x0 -= Math.floor(extra / 2);
      b.x1 += extra - Math.floor(extra / 2);
    }
  } else if (heightMm < widthMm) {
    const extra = Math.round(widthMm / spacing[1]) - (b.y1 - b.y0 + 1);
    if (extra > 0) {
      b.y0 -= Math.floor(extra / 2);
      b.y1 += extra - Math.floor(extra / 2);
    }
  }
  return b;
}

/** Mean HU over slices z0…z1 inside the box (outside the image: `outside`). Row-major, x fastest. */
export function cropSlabMean(image: Volume, z0: number, z1: number, box: SliceBox, outside: number): Float32Array {
  const [nx, ny] = image.size;
  const w = box.x1 - box.x0 + 1;
  const h = box.y1 - box.y0 + 1;
  const out = new Float32Array(w * h);
  const count = z1 - z0 + 1;
  for (let j = 0; j < h; j++) {
    const y = box.y0 + j;
    for (let i = 0; i < w; i++) {
      const x = box.x0 + i;
      if (x < 0 || y < 0 || x >= nx || y >= ny) {
        out[j * w + i] = outside;
        continue;
      }
      let s = 0;
      for (let z = z0; z <= z1; z++) s += image.data[x + nx * (y + ny * z)];
      out[j * w + i] = s / count;
    }
  }
  return out;
}

/** Linear HU window to [0, 1], in place (formula in the module comment). */
export function applyWindow(values: Float32Array, window: HuWindow): Float32Array {
  const lower = window.level - window.width / 2;
  for (let i = 0; i < values.length; i++) {
    const g = (values[i] - lower) / window.width;
    values[i] = g < 0 ? 0 : g > 1 ? 1 : g;
  }
  return values;
}

/** Grey H × W image → CHW tensor with per-channel (g − μ_c)/σ_c. */
export function toNetworkTensor(grey: Float32Array, mean: readonly number[], std: readonly number[]): Float32Array {
  const n = grey.length;
  const out = new Float32Array(3 * n);
  for (let c = 0; c < 3; c++) {
    const m = mean[c];
    const s = std[c];
    for (let i = 0; i < n; i++) out[c * n + i] = (grey[i] - m) / s;
  }
  return out;
}

function checkGrids(image: Volume, mask: Volume, ctx: RoiContext): void {
  const same = image.size.every((v, i) => v === mask.size[i]);
  if (!same) throw new RangeError(`mask grid ${mask.size.join('×')} differs from image grid ${image.size.join('×')}${where(ctx)}`);
  for (let i = 0; i < 3; i++) {
    if (Math.abs(image.spacing[i] - mask.spacing[i]) > 1e-4 * Math.max(1, image.spacing[i])) {
      throw new RangeError(`mask spacing ${mask.spacing.join(', ')} differs from image spacing ${image.spacing.join(', ')}${where(ctx)}`);
    }
  }
}

/**
 * Full pipeline for one phase (steps 1–5 of the module comment). Throws {@link EmptyRoiError} naming the
 * patient and phase when the mask has no ROI voxel.
 */
export function preprocessRoi(image: Volume, mask: Volume, input: NetworkInputSpec, settings: DeepPreprocessSettings, ctx: RoiContext = {}): PreprocessedRoi {
  checkGrids(image, mask, ctx);
  const area = roiAreaPerSlice(mask, settings.label);
  const z = largestCrossSection(area);
  if (z < 0) {
    const what = settings.label === 'nonzero' ? 'no non-zero voxel' : `no voxel with label ${settings.label}`;
    throw new EmptyRoiError(`empty ROI${where(ctx)}: the mask has ${what}`);
  }
  const nz = image.size[2];
  const slab: [number, number] = [Math.max(0, z - settings.neighbourSlices), Math.min(nz - 1, z + settings.neighbourSlices)];
  const box = expandBox(roiBoxInSlice(mask, z, settings.label), [image.spacing[0], image.spacing[1]], settings.margin, settings.square);
  const crop = applyWindow(cropSlabMean(image, slab[0], slab[1], box, settings.outsideValueHu), settings.window);
  const w = box.x1 - box.x0 + 1;
  const h = box.y1 - box.y0 + 1;
  if (settings.maskOutside) {
    const inRoi = isRoi(settings.label);
    const [nx, ny] = mask.size;
    for (let j = 0; j < h; j++) {
      for (let i = 0; i < w; i++) {
        const x = box.x0 + i;
        const y = box.y0 + j;
        const inside = x >= 0 && y >= 0 && x < nx && y < ny && inRoi(mask.data[x + nx * (y + ny * z)]);
        if (!inside) crop[j * w + i] = 0;
      }
    }
  }
  const [, outH, outW] = input.size;
  const grey = resizeBilinear(crop, w, h, outW, outH);
  return { tensor: toNetworkTensor(grey, input.mean, input.std), grey, crop, slice: z, slab, box, roiPixels: area[z] };
}
