import { describe, expect, it } from 'vitest';
import type { Volume } from '../../../../../../src/main/engine/image/volume';
import { dicomLabToRgb, rgbToDicomLab } from '../../../../../../src/main/engine/io/dicom/cielab';
import { parseDicom } from '../../../../../../src/main/engine/io/dicom/parse';
import { readDicomSeg, segToMasks } from '../../../../../../src/main/engine/io/dicom/seg';
import { TAG } from '../../../../../../src/main/engine/io/dicom/tags';
import { formatDecimalString } from '../../../../../../src/main/engine/io/dicom/write';
import { encodeTestDicom, type TestElement } from '../../../../../support/dicomWriter';

/** Target grid: 6×5×4, 0.5 mm pixels, 2 mm slices, origin (10, 20, 30). */
const grid: Pick<Volume, 'size' | 'spacing' | 'origin' | 'direction'> = {
  size: [6, 5, 4],
  spacing: [0.5, 0.5, 2],
  origin: [10, 20, 30],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

interface Frame {
  segment: number;
  position: number[];
}

function segElements(type: 'BINARY' | 'FRACTIONAL', frames: Frame[], rows: number, cols: number, pixels: Uint8Array, extra: TestElement[] = []): TestElement[] {
  return [
    { tag: TAG.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.66.4' },
    { tag: TAG.Modality, vr: 'CS', value: 'SEG' },
    { tag: TAG.SegmentationType, vr: 'CS', value: type },
    { tag: TAG.Rows, vr: 'US', value: [rows] },
    { tag: TAG.Columns, vr: 'US', value: [cols] },
    { tag: TAG.BitsAllocated, vr: 'US', value: [type === 'BINARY' ? 1 : 8] },
    { tag: TAG.BitsStored, vr: 'US', value: [type === 'BINARY' ? 1 : 8] },
    { tag: TAG.HighBit, vr: 'US', value: [type === 'BINARY' ? 0 : 7] },
    { tag: TAG.PixelRepresentation, vr: 'US', value: [0] },
    { tag: TAG.SamplesPerPixel, vr: 'US', value: [1] },
    { tag: TAG.NumberOfFrames, vr: 'IS', value: [frames.length] },
    {
      tag: TAG.SegmentSequence,
      vr: 'SQ',
      value: [1, 2].map((k) => [
        { tag: TAG.SegmentNumber, vr: 'US', value: [k] },
        { tag: TAG.SegmentLabel, vr: 'LO', value: `S${k}` },
        { tag: TAG.RecommendedDisplayCIELabValue, vr: 'US', value: rgbToDicomLab(k === 1 ? [255, 0, 0] : [0, 0, 255]) },
      ]),
    },
    {
      tag: TAG.SharedFunctionalGroupsSequence,
      vr: 'SQ',
      value: [
        [
          { tag: TAG.PlaneOrientationSequence, vr: 'SQ', value: [[{ tag: TAG.ImageOrientationPatient, vr: 'DS', value: [1, 0, 0, 0, 1, 0] }]] },
          { tag: TAG.PixelMeasuresSequence, vr: 'SQ', value: [[{ tag: TAG.PixelSpacing, vr: 'DS', value: [0.5, 0.5] }, { tag: TAG.SpacingBetweenSlices, vr: 'DS', value: [2] }]] },
        ],
      ],
    },
    {
      tag: TAG.PerFrameFunctionalGroupsSequence,
      vr: 'SQ',
      value: frames.map((f) => [
        { tag: TAG.PlanePositionSequence, vr: 'SQ', value: [[{ tag: TAG.ImagePositionPatient, vr: 'DS', value: f.position }]] },
        { tag: TAG.SegmentIdentificationSequence, vr: 'SQ', value: [[{ tag: TAG.ReferencedSegmentNumber, vr: 'US', value: [f.segment] }]] },
      ]),
    },
    ...extra,
    { tag: TAG.PixelData, vr: 'OB', value: pixels },
  ];
}

/** Bit-packs 0/1 frames consecutively, LSB first. */
function packBits(values: number[]): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, i) => {
    if (v) out[i >> 3] |= 1 << (i & 7);
  });
  return out;
}

describe('readDicomSeg + segToMasks', () => {
  it('places bit-packed binary frames of two segments, with an in-plane offset, frames not byte aligned', () => {
    // 3×3 frames (9 bits each, so frame 2 starts mid-byte), shifted by (+2, +1) pixels.
    const f1 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    const f2 = [0, 1, 0, 1, 1, 1, 0, 1, 0];
    const frames: Frame[] = [
      { segment: 1, position: [11, 20.5, 32] },
      { segment: 2, position: [11, 20.5, 36] },
    ];
    const seg = readDicomSeg(parseDicom(encodeTestDicom(segElements('BINARY', frames, 3, 3, packBits([...f1, ...f2])))));
    expect(seg.segments.map((s) => [s.number, s.label, s.color])).toEqual([
      [1, 'S1', [255, 0, 0]],
      [2, 'S2', [0, 0, 255]],
    ]);
    const { masks, warnings } = segToMasks(seg, grid);
    expect(warnings).toEqual([]);
    const at = (m: Volume, x: number, y: number, z: number) => m.data[x + 6 * (y + 5 * z)];
    const s1 = masks[0].mask;
    expect([at(s1, 2, 1, 1), at(s1, 3, 2, 1), at(s1, 4, 3, 1)]).toEqual([1, 1, 1]);
    expect(Array.from(s1.data).reduce((a, b) => a + b, 0)).toBe(3);
    const s2 = masks[1].mask;
    expect([at(s2, 3, 1, 3), at(s2, 2, 2, 3), at(s2, 3, 2, 3), at(s2, 4, 2, 3), at(s2, 3, 3, 3)]).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(s2.data).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('scales fractional frames by MaximumFractionalValue', () => {
    const values = Uint8Array.from([0, 50, 100, 200]);
    const seg = readDicomSeg(
      parseDicom(
        encodeTestDicom(
          segElements('FRACTIONAL', [{ segment: 1, position: [10, 20, 30] }], 2, 2, values, [
            { tag: TAG.MaximumFractionalValue, vr: 'US', value: [200] },
            { tag: TAG.SegmentationFractionalType, vr: 'CS', value: 'PROBABILITY' },
          ]),
        ),
      ),
    );
    expect(seg.segmentationType).toBe('FRACTIONAL');
    expect(seg.fractionalType).toBe('PROBABILITY');
    const m = segToMasks(seg, grid).masks[0].mask;
    expect(m.data).toBeInstanceOf(Float32Array);
    expect([m.data[0], m.data[1], m.data[6], m.data[7]]).toEqual([0, 0.25, 0.5, 1]);
  });

  it('rejects a frame between slices and clips pixels outside the grid with a warning', () => {
    const off = readDicomSeg(parseDicom(encodeTestDicom(segElements('BINARY', [{ segment: 1, position: [10, 20, 31] }], 1, 1, Uint8Array.of(1)))));
    expect(() => segToMasks(off, grid)).toThrow(/frame 1 at \(10, 20, 31\) is not on the image grid/);
    const outside = readDicomSeg(parseDicom(encodeTestDicom(segElements('BINARY', [{ segment: 1, position: [12.5, 20, 30] }], 1, 2, Uint8Array.of(3)))));
    const r = segToMasks(outside, grid);
    expect(r.warnings[0]).toMatch(/1 frame\(s\)\/pixel\(s\) outside the image grid dropped/);
  });
});

describe('colours and DS formatting', () => {
  it('round-trips sRGB through DICOM CIELab', () => {
    for (const rgb of [
      [0, 0, 0],
      [255, 255, 255],
      [221, 130, 101],
      [12, 200, 77],
    ] as [number, number, number][])
      expect(dicomLabToRgb(rgbToDicomLab(rgb))).toEqual(rgb);
  });

  it('formats DS values in at most 16 characters', () => {
    expect(formatDecimalString(-235.2)).toBe('-235.2');
    expect(formatDecimalString(0.8105469942092896)).toBe('0.81054699420929');
    expect(formatDecimalString(-127.69000000000001)).toBe('-127.69');
    expect(formatDecimalString(1e-20).length).toBeLessThanOrEqual(16);
    expect(Number(formatDecimalString(1e-20))).toBe(1e-20);
  });
});
