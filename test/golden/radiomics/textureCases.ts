import { readFileSync } from 'node:fs';
import type { Vec3 } from '../../../src/main/engine/image/volume';
import { readImage } from '../../../src/main/engine/io/readImage';
import { DEFAULT_SETTINGS, type ExtractionSettings } from '../../../src/main/engine/radiomics/settings';
import { oraclePath } from '../../support/oracle';

/** A pyradiomics test case cropped to the ROI bounding box without padding (algorithms.md §1.4). */
export interface CroppedCase {
  image: Float64Array;
  mask: Uint8Array;
  size: Vec3;
  spacing: Vec3;
}

/**
 * Loads `<case>_image.nrrd` / `<case>_label.nrrd` and crops both to the ROI bounding box. The ROI
 * is label 1, or `roi(image, label)` (1 inside) when given, e.g. after resegmentation.
 */
export function loadCroppedCase(
  name: string,
  roi?: (image: ArrayLike<number>, label: ArrayLike<number>) => Uint8Array,
): CroppedCase {
  const img = readImage(oraclePath('pyradiomics', 'data', `${name}_image.nrrd`));
  const lab0 = readImage(oraclePath('pyradiomics', 'data', `${name}_label.nrrd`));
  const label = 1;
  const lab = roi ? { data: roi(img.data, lab0.data) } : lab0;
  const [nx, ny, nz] = img.size;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (lab.data[i] !== label) continue;
        const c = [x, y, z];
        for (let k = 0; k < 3; k++) {
          lo[k] = Math.min(lo[k]!, c[k]!);
          hi[k] = Math.max(hi[k]!, c[k]!);
        }
      }
    }
  }
  const size: Vec3 = [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1];
  const image = new Float64Array(size[0] * size[1] * size[2]);
  const mask = new Uint8Array(image.length);
  for (let z = 0, o = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) {
      for (let x = 0; x < size[0]; x++, o++) {
        const i = x + lo[0]! + nx * (y + lo[1]! + ny * (z + lo[2]!));
        image[o] = img.data[i]!;
        mask[o] = lab.data[i] === label ? 1 : 0;
      }
    }
  }
  return { image, mask, size, spacing: [...img.spacing] as Vec3 };
}

/** One baseline CSV (transposed: one row per key, one column per test case). */
export interface BaselineTable {
  columns: string[];
  rows: Map<string, string[]>;
}

export function readBaseline(featureClass: string): BaselineTable {
  const text = readFileSync(oraclePath('pyradiomics', 'data', 'baseline', `baseline_${featureClass}.csv`), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const split = (line: string): string[] => {
    // Fields may be double-quoted (the settings dicts contain commas).
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let k = 0; k < line.length; k++) {
      const ch = line[k]!;
      if (quoted) {
        if (ch === '"' && line[k + 1] === '"') {
          cur += '"';
          k++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0]!);
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const f = split(line);
    rows.set(f[0]!, f.slice(1));
  }
  return { columns: header.slice(1), rows };
}

/** Parses a Python dict literal of settings (`diagnostics_Configuration_Settings`). */
export function parsePythonDict(text: string): Record<string, unknown> {
  const json = text
    .replace(/'/g, '"')
    .replace(/\bNone\b/g, 'null')
    .replace(/\bTrue\b/g, 'true')
    .replace(/\bFalse\b/g, 'false');
  return JSON.parse(json) as Record<string, unknown>;
}

/** pyradiomics settings of a baseline column merged over the defaults (keys the texture classes use). */
export function columnSettings(dict: Record<string, unknown>): ExtractionSettings {
  const s: ExtractionSettings = { ...DEFAULT_SETTINGS };
  const pick = <K extends keyof ExtractionSettings>(k: K): void => {
    if (k in dict) s[k] = dict[k] as ExtractionSettings[K];
  };
  for (const k of [
    'binWidth',
    'binCount',
    'force2D',
    'force2Ddimension',
    'distances',
    'symmetricalGLCM',
    'weightingNorm',
    'gldm_a',
    'resegmentRange',
    'resegmentMode',
    'normalize',
    'normalizeScale',
    'resampledPixelSpacing',
    'interpolator',
  ] as const)
    pick(k);
  return s;
}

/**
 * Absolute-mode resegmentation with a lower bound only (pyradiomics `resegmentMask`, range [lo]):
 * ROI ∩ {image ≥ lo}. Enough for the `_flatRegion` columns; other modes belong to the extractor.
 */
export function resegmentLowerBound(image: ArrayLike<number>, label: ArrayLike<number>, lo: number, value = 1): Uint8Array {
  return Uint8Array.from({ length: image.length }, (_, i) => (label[i] === value && image[i]! >= lo ? 1 : 0));
}
