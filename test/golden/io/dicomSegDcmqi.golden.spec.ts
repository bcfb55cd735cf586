/**
 * DICOM SEG import/export against dcmqi's sample (BSD-3-Clause): 3 GE CT slices, the SEG dcmqi
 * made from `liver_seg.nrrd`, and the segment metadata `seg-example.json` it was made with.
 * Our exported SEG is also read back by dcmqi itself (itk-wasm build) as an independent check.
 */
import { readSegmentationNode } from '@itk-wasm/dicom';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Volume } from '../../../src/main/engine/image/volume';
import { parseDicom } from '../../../src/main/engine/io/dicom/parse';
import { readDicomFile } from '../../../src/main/engine/io/dicom/readFile';
import { readDicomSeg, segOwnGrid, segToMasks } from '../../../src/main/engine/io/dicom/seg';
import { encodeDicomSeg, type SegReference } from '../../../src/main/engine/io/dicom/segExport';
import { listFilesRecursively, loadDicomSeries, scanDicomFiles, type LoadedDicomSeries } from '../../../src/main/engine/io/dicom/series';
import { readNrrd } from '../../../src/main/engine/io/nrrd';
import { oraclePath } from '../../support/oracle';
import { tempDir } from '../../support/tmp';

const dir = (...p: string[]): string => oraclePath('dicom', 'dcmqi_ct-3slice_liver', ...p);

interface DcmqiSegmentAttributes {
  labelID: number;
  SegmentLabel: string;
  SegmentAlgorithmType: string;
  SegmentAlgorithmName: string;
  recommendedDisplayRGBValue: [number, number, number];
}

let ct: LoadedDicomSeries;
let liver: Volume;
const example = JSON.parse(readFileSync(dir('seg-example.json'), 'utf8')) as { segmentAttributes: DcmqiSegmentAttributes[][] };
const expected = example.segmentAttributes[0][0];

function differing(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if ((a[i] !== 0) !== (b[i] !== 0)) n++;
  return n;
}

function reference(): SegReference {
  return {
    studyInstanceUid: ct.studyInstanceUid,
    seriesInstanceUid: ct.seriesInstanceUid,
    frameOfReferenceUid: ct.frameOfReferenceUid!,
    slices: ct.slices,
    patientId: ct.patientId,
    patientName: ct.patientName,
  };
}

beforeAll(async () => {
  const scan = scanDicomFiles(listFilesRecursively(dir('ct-3slice')));
  ct = await loadDicomSeries(scan.series[0]);
  liver = readNrrd(dir('liver_seg.nrrd'));
});

describe('dcmqi CT slices', () => {
  it('take the slice spacing from ImagePositionPatient (1.0 mm), not SliceThickness (1.25 mm)', () => {
    expect(ct.metadata.sliceThickness).toBe(1.25);
    expect(Math.abs(ct.volume.spacing[2] - 1)).toBeLessThan(1e-12);
    expect(ct.volume.size).toEqual([512, 512, 3]);
    expect(ct.volume.spacing.slice(0, 2)).toEqual([0.810547, 0.810547]);
  });

  it('share the grid of the label dcmqi segmented (origin to the DS precision of the slices, 3e-6 mm)', () => {
    expect(ct.volume.size).toEqual(liver.size);
    expect(ct.volume.direction).toEqual(liver.direction);
    for (let a = 0; a < 3; a++) {
      expect(Math.abs(ct.volume.origin[a] - liver.origin[a])).toBeLessThan(5e-6);
      expect(Math.abs(ct.volume.spacing[a] - liver.spacing[a])).toBeLessThan(1e-12);
    }
  });

  it('carry the scanner metadata of the GE header', () => {
    expect(ct.metadata).toMatchObject({ manufacturer: 'GE MEDICAL SYSTEMS', manufacturerModelName: 'LightSpeed Ultra', convolutionKernel: 'STANDARD', kvp: 120 });
  });
});

describe('dcmqi SEG import', () => {
  it('places the frames on the CT grid exactly as liver_seg.nrrd', () => {
    const seg = readDicomSeg(readDicomFile(dir('liver.dcm')));
    const { masks, warnings } = segToMasks(seg, ct.volume);
    expect(warnings).toEqual([]);
    expect(masks).toHaveLength(1);
    expect(differing(masks[0].mask.data, liver.data)).toBe(0);
  });

  it('without the CT, builds the SEG’s own grid, equal to the label’s', () => {
    const seg = readDicomSeg(readDicomFile(dir('liver.dcm')));
    const grid = segOwnGrid(seg);
    expect(grid.size).toEqual(liver.size);
    expect(grid.origin).toEqual(liver.origin);
    expect(grid.spacing).toEqual(liver.spacing);
    expect(differing(segToMasks(seg, grid).masks[0].mask.data, liver.data)).toBe(0);
  });

  it('reads the segment attributes dcmqi was given (seg-example.json)', () => {
    const [segment] = readDicomSeg(readDicomFile(dir('liver.dcm'))).segments;
    expect(segment.number).toBe(expected.labelID);
    expect(segment.label).toBe(expected.SegmentLabel);
    expect(segment.algorithmType).toBe(expected.SegmentAlgorithmType);
    expect(segment.algorithmName).toBe(expected.SegmentAlgorithmName);
    expect(segment.color).toEqual(expected.recommendedDisplayRGBValue);
  });
});

describe('SEG export', () => {
  let bytes: Uint8Array;
  beforeAll(() => {
    bytes = encodeDicomSeg(liver, reference(), [
      {
        labelValue: 1,
        label: expected.SegmentLabel,
        color: expected.recommendedDisplayRGBValue,
        algorithmType: 'SEMIAUTOMATIC',
        algorithmName: expected.SegmentAlgorithmName,
      },
    ]);
  });

  it('re-imports identically on the CT grid', () => {
    const seg = readDicomSeg(parseDicom(bytes));
    expect(seg.frames.map((f) => f.referencedSopInstanceUid)).toEqual(ct.slices.map((s) => s.sopInstanceUid));
    expect(seg.referencedSeriesInstanceUid).toBe(ct.seriesInstanceUid);
    expect(seg.segments[0]).toMatchObject({ number: 1, label: 'Liver', color: expected.recommendedDisplayRGBValue, algorithmType: 'SEMIAUTOMATIC' });
    const { masks } = segToMasks(seg, ct.volume);
    expect(differing(masks[0].mask.data, liver.data)).toBe(0);
  });

  it('stores the colour as dcmqi does (the same CIELab triple as dcmqi’s SEG)', () => {
    const ours = readDicomSeg(parseDicom(bytes)).segments[0].cielab;
    const theirs = readDicomSeg(readDicomFile(dir('liver.dcm'))).segments[0].cielab;
    expect(ours).toEqual(theirs);
  });

  it('is read by dcmqi (itk-wasm) with the same voxels, geometry and segment attributes', async () => {
    const path = join(tempDir('dlrn-seg-'), 'liver-export.dcm');
    writeFileSync(path, bytes);
    const r = await readSegmentationNode(path);
    const img = r.segImage;
    expect(img.size).toEqual(liver.size);
    for (let a = 0; a < 3; a++) {
      expect(Math.abs(img.origin[a] - liver.origin[a])).toBeLessThan(5e-6);
      expect(Math.abs(img.spacing[a] - liver.spacing[a])).toBeLessThan(1e-6);
    }
    expect(differing(img.data as ArrayLike<number>, liver.data)).toBe(0);
    const info = r.metaInfo as unknown as { segmentAttributes: DcmqiSegmentAttributes[][] };
    expect(info.segmentAttributes[0][0]).toMatchObject({
      labelID: 1,
      SegmentLabel: 'Liver',
      SegmentAlgorithmType: 'SEMIAUTOMATIC',
      recommendedDisplayRGBValue: expected.recommendedDisplayRGBValue,
    });
  });
});
