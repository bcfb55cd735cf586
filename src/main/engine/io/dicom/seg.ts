/**
 * DICOM Segmentation import (PS3.3 A.51 Segmentation IOD, C.8.20 Segmentation modules, C.7.6.16
 * Multi-frame Functional Groups): segments with their labels, codes and colours, and the frames
 * placed onto an image grid by their Plane Position (Patient).
 */
import type { Direction, Vec3, Volume } from '../../image/volume';
import { physicalToIndex } from '../../image/volume';
import { dicomLabToRgb } from './cielab';
import type { DicomDataset, DicomFile } from './parse';
import { encapsulatedFrame, pixelFormat } from './pixels';
import { decodeRleFrame } from './rle';
import { TAG } from './tags';
import { TS } from './transferSyntax';

export interface CodedConcept {
  codeValue: string;
  codingSchemeDesignator: string;
  codeMeaning: string;
}

export interface SegSegment {
  number: number;
  label: string;
  description?: string;
  algorithmType?: string;
  algorithmName?: string;
  category?: CodedConcept;
  type?: CodedConcept;
  /** Recommended Display CIELab Value, DICOM-scaled. */
  cielab?: [number, number, number];
  /** The same colour in sRGB 0–255. */
  color?: [number, number, number];
}

export interface SegFrame {
  segmentNumber: number;
  /** Image Position (Patient) of the frame's first pixel, mm. */
  position: Vec3;
  /** Image Orientation (Patient), 6 cosines. */
  orientation: number[];
  referencedSopInstanceUid?: string;
}

export interface DicomSeg {
  path?: string;
  segmentationType: 'BINARY' | 'FRACTIONAL';
  /** PROBABILITY or OCCUPANCY for fractional segmentations. */
  fractionalType?: string;
  /** Stored value that means fraction 1 (fractional only). */
  maxFractionalValue: number;
  rows: number;
  columns: number;
  /** [row spacing, column spacing], mm. */
  pixelSpacing: [number, number];
  /** Spacing Between Slices from the Pixel Measures group, when present. */
  spacingBetweenSlices?: number;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
  frameOfReferenceUid?: string;
  referencedSeriesInstanceUid?: string;
  seriesDescription?: string;
  segments: SegSegment[];
  frames: SegFrame[];
  /**
   * Values of frame `f` (0-based), rows × columns, x fastest: 0/1 for BINARY, stored/MaxFractional
   * in [0, 1] for FRACTIONAL.
   */
  frameValues(f: number): Uint8Array | Float32Array;
}

function code(item: DicomDataset | undefined): CodedConcept | undefined {
  if (!item) return undefined;
  return {
    codeValue: item.string(TAG.CodeValue) ?? '',
    codingSchemeDesignator: item.string(TAG.CodingSchemeDesignator) ?? '',
    codeMeaning: item.string(TAG.CodeMeaning) ?? '',
  };
}

/** A functional group attribute: from the frame's item, else from the shared item (C.7.6.16.1). */
function group(perFrame: DicomDataset | undefined, shared: DicomDataset | undefined, t: number): DicomDataset | undefined {
  return perFrame?.sequence(t)[0] ?? shared?.sequence(t)[0];
}

/**
 * Reads a DICOM SEG: segments, per-frame geometry and (lazily) frame values. Binary frames are
 * bit-packed with no padding between frames (frame f starts at bit f·rows·columns, least
 * significant bit first, PS3.5 §8.1.1); fractional frames are 8-bit.
 * @throws naming the file when it is not a Segmentation or its frames lack position/orientation.
 */
export function readDicomSeg(file: DicomFile): DicomSeg {
  const ds = file.dataset;
  const where = file.path ?? 'DICOM SEG';
  if (ds.string(TAG.Modality) !== 'SEG' && !ds.has(TAG.SegmentSequence)) {
    throw new Error(`${where}: not a DICOM Segmentation (Modality ${ds.string(TAG.Modality) ?? 'missing'})`);
  }
  const typeText = ds.string(TAG.SegmentationType);
  if (typeText !== 'BINARY' && typeText !== 'FRACTIONAL') throw new Error(`${where}: unsupported SegmentationType ${typeText ?? 'missing'}`);
  const pf = pixelFormat(file);
  const expectedBits = typeText === 'BINARY' ? 1 : 8;
  if (pf.bitsAllocated !== expectedBits) throw new Error(`${where}: ${typeText} segmentation with BitsAllocated ${pf.bitsAllocated} (expected ${expectedBits})`);

  const segments: SegSegment[] = ds.sequence(TAG.SegmentSequence).map((s) => {
    const lab = s.numbers(TAG.RecommendedDisplayCIELabValue);
    const cielab = lab.length >= 3 ? ([lab[0], lab[1], lab[2]] as [number, number, number]) : undefined;
    return {
      number: s.number(TAG.SegmentNumber) ?? 0,
      label: s.string(TAG.SegmentLabel) ?? '',
      description: s.string(TAG.SegmentDescription) || undefined,
      algorithmType: s.string(TAG.SegmentAlgorithmType) || undefined,
      algorithmName: s.string(TAG.SegmentAlgorithmName) || undefined,
      category: code(s.sequence(TAG.SegmentedPropertyCategoryCodeSequence)[0]),
      type: code(s.sequence(TAG.SegmentedPropertyTypeCodeSequence)[0]),
      cielab,
      color: cielab ? dicomLabToRgb(cielab) : undefined,
    };
  });

  const shared = ds.sequence(TAG.SharedFunctionalGroupsSequence)[0];
  const perFrame = ds.sequence(TAG.PerFrameFunctionalGroupsSequence);
  if (perFrame.length !== pf.numberOfFrames) {
    throw new Error(`${where}: ${perFrame.length} per-frame functional group items for ${pf.numberOfFrames} frames`);
  }
  const measures = group(undefined, shared, TAG.PixelMeasuresSequence) ?? group(perFrame[0], undefined, TAG.PixelMeasuresSequence);
  const ps = measures?.numbers(TAG.PixelSpacing) ?? [];
  if (ps.length < 2 || !(ps[0] > 0) || !(ps[1] > 0)) throw new Error(`${where}: no Pixel Measures (PixelSpacing)`);

  const frames: SegFrame[] = perFrame.map((item, f) => {
    const position = group(item, shared, TAG.PlanePositionSequence)?.numbers(TAG.ImagePositionPatient) ?? [];
    const orientation = group(item, shared, TAG.PlaneOrientationSequence)?.numbers(TAG.ImageOrientationPatient) ?? [];
    if (position.length < 3 || orientation.length < 6) {
      throw new Error(`${where}: frame ${f + 1} has no Plane Position/Orientation (Patient)`);
    }
    const source = group(item, shared, TAG.DerivationImageSequence)?.sequence(TAG.SourceImageSequence)[0];
    return {
      segmentNumber: group(item, shared, TAG.SegmentIdentificationSequence)?.number(TAG.ReferencedSegmentNumber) ?? 1,
      position: [position[0], position[1], position[2]],
      orientation: orientation.slice(0, 6),
      referencedSopInstanceUid: source?.string(TAG.ReferencedSOPInstanceUID) || undefined,
    };
  });

  const pixelCount = pf.rows * pf.columns;
  const pixelElement = ds.element(TAG.PixelData);
  if (!pixelElement) throw new Error(`${where}: no Pixel Data`);
  const syntax = file.transferSyntax;
  if (syntax.encapsulated && syntax.uid !== TS.RLELossless) {
    throw new Error(`${where}: ${syntax.name} compressed segmentations are not supported (native or RLE only)`);
  }
  const maxFractionalValue = ds.number(TAG.MaximumFractionalValue) ?? 255;

  const frameValues = (f: number): Uint8Array | Float32Array => {
    if (f < 0 || f >= pf.numberOfFrames) throw new Error(`${where}: frame ${f + 1} out of range`);
    if (typeText === 'BINARY') {
      const out = new Uint8Array(pixelCount);
      let bytes: Uint8Array;
      let bit0: number;
      if (syntax.encapsulated) {
        // RLE-compressed binary frames are byte-padded per frame: decode one bit plane of ceil(n/8) bytes.
        bytes = decodeRleFrame(encapsulatedFrame(file, f, pf.numberOfFrames), Math.ceil(pixelCount / 8), 1, `${where} frame ${f + 1}`);
        bit0 = 0;
      } else {
        bytes = ds.bytes.subarray(pixelElement.offset, pixelElement.offset + pixelElement.length);
        bit0 = f * pixelCount;
        if (Math.ceil((bit0 + pixelCount) / 8) > bytes.length) throw new Error(`${where}: Pixel Data too short for frame ${f + 1}`);
      }
      for (let i = 0; i < pixelCount; i++) {
        const b = bit0 + i;
        out[i] = (bytes[b >>> 3] >>> (b & 7)) & 1;
      }
      return out;
    }
    const bytes = syntax.encapsulated
      ? decodeRleFrame(encapsulatedFrame(file, f, pf.numberOfFrames), pixelCount, 1, `${where} frame ${f + 1}`)
      : ds.bytes.subarray(pixelElement.offset + f * pixelCount, pixelElement.offset + (f + 1) * pixelCount);
    if (bytes.length < pixelCount) throw new Error(`${where}: Pixel Data too short for frame ${f + 1}`);
    const out = new Float32Array(pixelCount);
    for (let i = 0; i < pixelCount; i++) out[i] = bytes[i] / maxFractionalValue;
    return out;
  };

  return {
    path: file.path,
    segmentationType: typeText,
    fractionalType: ds.string(TAG.SegmentationFractionalType) || undefined,
    maxFractionalValue,
    rows: pf.rows,
    columns: pf.columns,
    pixelSpacing: [ps[0], ps[1]],
    spacingBetweenSlices: measures?.number(TAG.SpacingBetweenSlices),
    studyInstanceUid: ds.string(TAG.StudyInstanceUID) || undefined,
    seriesInstanceUid: ds.string(TAG.SeriesInstanceUID) || undefined,
    sopInstanceUid: ds.string(TAG.SOPInstanceUID) || undefined,
    frameOfReferenceUid: ds.string(TAG.FrameOfReferenceUID) || undefined,
    referencedSeriesInstanceUid: ds.sequence(TAG.ReferencedSeriesSequence)[0]?.string(TAG.SeriesInstanceUID) || undefined,
    seriesDescription: ds.string(TAG.SeriesDescription) || undefined,
    segments,
    frames,
    frameValues,
  };
}

/** Frame placement tolerance: index coordinates within this of an integer. */
export const SEG_FRAME_INDEX_TOLERANCE = 0.01;

type Grid = Pick<Volume, 'size' | 'spacing' | 'origin' | 'direction'>;

/**
 * The SEG's own grid, for use without the referenced series: frame orientation and pixel spacing;
 * the slice axis runs from the lowest to the highest frame position along the normal. Its spacing
 * is the smallest distance between distinct frame positions, divided by the whole number of
 * Spacing Between Slices it spans when that attribute is present (frames of a sparse segment may
 * skip slices); the attribute's own value is used when it agrees with the positions to 1e-4.
 */
export function segOwnGrid(seg: DicomSeg): Grid {
  const o = seg.frames[0].orientation;
  const r: Vec3 = [o[0], o[1], o[2]];
  const c: Vec3 = [o[3], o[4], o[5]];
  const n: Vec3 = [r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]];
  const d = seg.frames.map((f) => n[0] * f.position[0] + n[1] * f.position[1] + n[2] * f.position[2]);
  const sorted = [...d].sort((a, b) => a - b);
  const distinct = sorted.filter((v, k) => k === 0 || v - sorted[k - 1] > 1e-3);
  const recorded = seg.spacingBetweenSlices;
  let spacing = recorded && recorded > 0 ? recorded : 1;
  if (distinct.length > 1) {
    let step = Infinity;
    for (let k = 1; k < distinct.length; k++) step = Math.min(step, distinct[k] - distinct[k - 1]);
    const slicesPerStep = recorded && recorded > 0 ? Math.max(1, Math.round(step / recorded)) : 1;
    const fromPositions = step / slicesPerStep;
    spacing = recorded && Math.abs(fromPositions - recorded) <= 1e-4 * recorded ? recorded : fromPositions;
  }
  const first = seg.frames[d.indexOf(sorted[0])];
  const nz = Math.round((distinct[distinct.length - 1] - distinct[0]) / spacing) + 1;
  const direction: Direction = [r[0], c[0], n[0], r[1], c[1], n[1], r[2], c[2], n[2]];
  return { size: [seg.columns, seg.rows, nz], spacing: [seg.pixelSpacing[1], seg.pixelSpacing[0], spacing], origin: [...first.position], direction };
}

export interface SegmentMask {
  segment: SegSegment;
  /** Uint8 0/1 for BINARY, Float32 fractions for FRACTIONAL, on the target grid. */
  mask: Volume<Uint8Array> | Volume<Float32Array>;
}

/**
 * Places every frame onto `grid` (the referenced image series, or {@link segOwnGrid}): the frame's
 * first pixel maps to continuous index physicalToIndex(grid, IPP), which must be integral within
 * {@link SEG_FRAME_INDEX_TOLERANCE} (frames are slices of the grid, possibly shifted in-plane by
 * whole pixels); the frame's orientation and pixel spacing must equal the grid's. Pixels falling
 * outside the grid are dropped with a warning.
 * @throws naming the SEG when a frame does not lie on the grid.
 */
export function segToMasks(seg: DicomSeg, grid: Grid): { masks: SegmentMask[]; warnings: string[] } {
  const where = seg.path ?? 'DICOM SEG';
  const [nx, ny, nz] = grid.size;
  const d = grid.direction;
  const gridRow = [d[0], d[3], d[6]];
  const gridCol = [d[1], d[4], d[7]];
  const warnings: string[] = [];
  if (Math.abs(seg.pixelSpacing[1] - grid.spacing[0]) > 1e-4 * grid.spacing[0] || Math.abs(seg.pixelSpacing[0] - grid.spacing[1]) > 1e-4 * grid.spacing[1]) {
    throw new Error(`${where}: pixel spacing ${seg.pixelSpacing.join('\\')} differs from the image grid's ${grid.spacing[1]}\\${grid.spacing[0]}`);
  }
  const fractional = seg.segmentationType === 'FRACTIONAL';
  const byNumber = new Map<number, SegmentMask>();
  for (const segment of seg.segments) {
    const data = fractional ? new Float32Array(nx * ny * nz) : new Uint8Array(nx * ny * nz);
    const mask = { size: [...grid.size], spacing: [...grid.spacing], origin: [...grid.origin], direction: [...grid.direction], data } as SegmentMask['mask'];
    byNumber.set(segment.number, { segment, mask });
  }
  let clipped = 0;
  seg.frames.forEach((frame, f) => {
    const o = frame.orientation;
    if ([0, 1, 2].some((k) => Math.abs(o[k] - gridRow[k]) > 1e-4 || Math.abs(o[k + 3] - gridCol[k]) > 1e-4)) {
      throw new Error(`${where}: frame ${f + 1} orientation ${o.join('\\')} differs from the image grid's`);
    }
    const idx = physicalToIndex(grid, frame.position);
    const ri = idx.map(Math.round);
    if (idx.some((v, k) => Math.abs(v - ri[k]) > SEG_FRAME_INDEX_TOLERANCE)) {
      throw new Error(`${where}: frame ${f + 1} at (${frame.position.join(', ')}) is not on the image grid (index ${idx.map((v) => v.toFixed(3)).join(', ')})`);
    }
    const target = byNumber.get(frame.segmentNumber);
    if (!target) throw new Error(`${where}: frame ${f + 1} refers to segment ${frame.segmentNumber}, which the Segment Sequence does not define`);
    const [x0, y0, z] = ri;
    if (z < 0 || z >= nz) {
      clipped++;
      return;
    }
    const values = seg.frameValues(f);
    const out = target.mask.data;
    for (let y = 0; y < seg.rows; y++) {
      const gy = y0 + y;
      for (let x = 0; x < seg.columns; x++) {
        const v = values[x + seg.columns * y];
        if (v === 0) continue;
        const gx = x0 + x;
        if (gx < 0 || gx >= nx || gy < 0 || gy >= ny) {
          clipped++;
          continue;
        }
        out[gx + nx * (gy + ny * z)] = v;
      }
    }
  });
  if (clipped > 0) warnings.push(`${where}: ${clipped} frame(s)/pixel(s) outside the image grid dropped`);
  return { masks: [...byNumber.values()], warnings };
}

/**
 * One label volume from binary segment masks: voxel = segment number of the last segment (in
 * Segment Sequence order) covering it, 0 elsewhere; overlaps are counted in `overlappingVoxels`.
 */
export function masksToLabelVolume(masks: SegmentMask[]): { labels: Volume<Uint16Array>; overlappingVoxels: number } {
  if (masks.length === 0) throw new Error('masksToLabelVolume: no segments');
  const g = masks[0].mask;
  const labels = new Uint16Array(g.data.length);
  let overlappingVoxels = 0;
  for (const { segment, mask } of masks) {
    const data = mask.data;
    for (let i = 0; i < data.length; i++) {
      if (data[i] >= 0.5) {
        if (labels[i] !== 0) overlappingVoxels++;
        labels[i] = segment.number;
      }
    }
  }
  return { labels: { size: [...g.size], spacing: [...g.spacing], origin: [...g.origin], direction: [...g.direction], data: labels }, overlappingVoxels };
}
