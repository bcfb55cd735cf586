import { describe, expect, it } from 'vitest';
import type { Volume } from '../../../../../../src/main/engine/image/volume';
import { parseDicom } from '../../../../../../src/main/engine/io/dicom/parse';
import { fillPolygonsEvenOdd } from '../../../../../../src/main/engine/io/dicom/rasterise';
import { rasteriseRoi, readRtStruct, type RtRoi } from '../../../../../../src/main/engine/io/dicom/rtstruct';
import { TAG } from '../../../../../../src/main/engine/io/dicom/tags';
import { encodeTestDicom, type TestElement } from '../../../../../support/dicomWriter';

/** 10×8×3 grid, 0.5 mm pixels, 2 mm slices, origin (−2.5, 4, 10). */
const grid: Pick<Volume, 'size' | 'spacing' | 'origin' | 'direction'> = {
  size: [10, 8, 3],
  spacing: [0.5, 0.5, 2],
  origin: [-2.5, 4, 10],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

/** A square contour with corners at voxel indices (x0, y0)–(x1, y1) on slice k, in patient mm. */
function square(x0: number, y0: number, x1: number, y1: number, k: number): number[] {
  const p = (x: number, y: number) => [grid.origin[0] + 0.5 * x, grid.origin[1] + 0.5 * y, grid.origin[2] + 2 * k];
  return [...p(x0, y0), ...p(x1, y0), ...p(x1, y1), ...p(x0, y1)];
}

function roi(contours: { points: number[]; type?: string }[]): RtRoi {
  return { number: 1, name: 'T', contours: contours.map((c) => ({ geometricType: c.type ?? 'CLOSED_PLANAR', points: Float64Array.from(c.points), referencedSopInstanceUids: [] })) };
}

function slice(mask: Volume, k: number): string[] {
  const [nx, ny] = mask.size;
  return Array.from({ length: ny }, (_, y) => Array.from({ length: nx }, (_, x) => (mask.data[x + nx * (y + ny * k)] ? '#' : '.')).join(''));
}

describe('fillPolygonsEvenOdd', () => {
  it('fills centres inside, left edges in, right edges out (half-open)', () => {
    const out = new Uint8Array(6 * 4);
    fillPolygonsEvenOdd([Float64Array.from([1, 1, 4, 1, 4, 3, 1, 3])], 6, 4, out, 0);
    expect(Array.from({ length: 4 }, (_, y) => Array.from(out.subarray(6 * y, 6 * y + 6)).join(''))).toEqual(['000000', '011100', '011100', '000000']);
  });
});

describe('rasteriseRoi', () => {
  it('fills a square, a hole (inner contour) and a second island on the right slices', () => {
    const { mask, warnings } = rasteriseRoi(
      roi([{ points: square(0.6, 0.6, 6.4, 6.4, 1) }, { points: square(2.6, 2.6, 4.4, 4.4, 1) }, { points: square(7.6, 0.6, 9.4, 2.4, 1) }, { points: square(0, 0, 2.2, 1.2, 2) }]),
      grid,
    );
    expect(warnings).toEqual([]);
    expect(slice(mask, 0).every((r) => !r.includes('#'))).toBe(true);
    expect(slice(mask, 1)).toEqual(['..........', '.######.##', '.######.##', '.##..##...', '.##..##...', '.######...', '.######...', '..........']);
    expect(slice(mask, 2)).toEqual(['###.......', '###.......', '..........', '..........', '..........', '..........', '..........', '..........']);
  });

  it('ignores open contours and contours outside the slice range, with warnings', () => {
    const { mask, warnings } = rasteriseRoi(roi([{ points: square(1, 1, 3, 3, 1), type: 'OPEN_PLANAR' }, { points: square(1, 1, 3, 3, 5) }]), grid);
    expect(mask.data.every((v) => v === 0)).toBe(true);
    expect(warnings).toEqual(['ROI "T": 1 open contour(s)/point(s) ignored', 'ROI "T": 1 contour(s) outside the image\'s slice range ignored']);
  });

  it('rejects a contour between slices', () => {
    const pts = square(1, 1, 3, 3, 1).map((v, i) => (i % 3 === 2 ? v + 1 : v));
    expect(() => rasteriseRoi(roi([{ points: pts }]), grid)).toThrow(/ROI "T": a contour lies 0\.500 slices off the image plane/);
  });
});

describe('readRtStruct', () => {
  it('reads ROI names, colours, interpreted types and contours (implicit VR, undefined-length sequences)', () => {
    const contour = (pts: number[], uid: string): TestElement[] => [
      { tag: TAG.ContourImageSequence, vr: 'SQ', value: [[{ tag: TAG.ReferencedSOPInstanceUID, vr: 'UI', value: uid }]] },
      { tag: TAG.ContourGeometricType, vr: 'CS', value: 'CLOSED_PLANAR' },
      { tag: TAG.NumberOfContourPoints, vr: 'IS', value: [pts.length / 3] },
      { tag: TAG.ContourData, vr: 'DS', value: pts },
    ];
    const elements: TestElement[] = [
      { tag: TAG.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.481.3' },
      { tag: TAG.Modality, vr: 'CS', value: 'RTSTRUCT' },
      { tag: TAG.StructureSetLabel, vr: 'SH', value: 'RS' },
      {
        tag: TAG.StructureSetROISequence,
        vr: 'SQ',
        value: [
          [{ tag: TAG.ROINumber, vr: 'IS', value: [3] }, { tag: TAG.ROIName, vr: 'LO', value: 'GTV-1' }],
          [{ tag: TAG.ROINumber, vr: 'IS', value: [7] }, { tag: TAG.ROIName, vr: 'LO', value: 'Liver' }],
        ],
      },
      {
        tag: TAG.ROIContourSequence,
        vr: 'SQ',
        value: [
          [
            { tag: TAG.ReferencedROINumber, vr: 'IS', value: [3] },
            { tag: TAG.ROIDisplayColor, vr: 'IS', value: [255, 0, 0] },
            { tag: TAG.ContourSequence, vr: 'SQ', value: [contour(square(1, 1, 3, 3, 1), '1.1'), contour(square(1, 1, 3, 3, 2), '1.2')] },
          ],
        ],
      },
      { tag: TAG.RTROIObservationsSequence, vr: 'SQ', value: [[{ tag: TAG.ReferencedROINumber, vr: 'IS', value: [3] }, { tag: TAG.RTROIInterpretedType, vr: 'CS', value: 'GTV' }]] },
    ];
    const rs = readRtStruct(parseDicom(encodeTestDicom(elements, { syntax: 'implicit', undefinedLengthSequences: true })));
    expect(rs.label).toBe('RS');
    expect(rs.rois.map((r) => [r.number, r.name, r.color, r.interpretedType, r.contours.length])).toEqual([
      [3, 'GTV-1', [255, 0, 0], 'GTV', 2],
      [7, 'Liver', undefined, undefined, 0],
    ]);
    expect(rs.rois[0].contours[1].referencedSopInstanceUids).toEqual(['1.2']);
    expect(Array.from(rs.rois[0].contours[0].points)).toEqual(square(1, 1, 3, 3, 1));
  });
});
