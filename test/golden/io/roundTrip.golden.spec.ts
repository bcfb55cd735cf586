/**
 * Round trips NRRD ↔ NIfTI ↔ DICOM SEG on oracle labels: dcmqi's liver label (on its CT's grid),
 * the IBSI CT-phantom mask (CC BY-NC 3.0, test use only) and pyradiomics' brain1 label (y axis −1).
 * Labels must survive exactly. Geometry survives exactly through NRRD; NIfTI stores float32, so the
 * first trip through NIfTI rounds geometry to float32 (and later trips are exact); DICOM SEG
 * stores positions as ≤ 16-character decimal strings, exact for geometry that came from DICOM.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Volume } from '../../../src/main/engine/image/volume';
import { parseDicom } from '../../../src/main/engine/io/dicom/parse';
import { masksToLabelVolume, readDicomSeg, segOwnGrid, segToMasks } from '../../../src/main/engine/io/dicom/seg';
import { encodeDicomSeg, type SegReference } from '../../../src/main/engine/io/dicom/segExport';
import { listFilesRecursively, loadDicomSeries, scanDicomFiles, type LoadedDicomSeries } from '../../../src/main/engine/io/dicom/series';
import { decodeNifti, readNifti } from '../../../src/main/engine/io/nifti';
import { encodeNifti } from '../../../src/main/engine/io/niftiWrite';
import { decodeNrrd, readNrrd } from '../../../src/main/engine/io/nrrd';
import { encodeNrrd } from '../../../src/main/engine/io/nrrdWrite';
import { oraclePath } from '../../support/oracle';

const viaNrrd = (v: Volume): Volume => decodeNrrd(encodeNrrd(v), 'mem.nrrd')[0];
const viaNifti = (v: Volume): Volume => decodeNifti(encodeNifti(v), 'mem.nii')[0];

function expectSameGeometry(a: Volume, b: Volume): void {
  expect(a.size).toEqual(b.size);
  expect(a.spacing).toEqual(b.spacing);
  expect(a.origin).toEqual(b.origin);
  expect(a.direction).toEqual(b.direction);
}

function expectSameLabels(a: Volume, b: Volume): void {
  expect(a.data.length).toBe(b.data.length);
  let differ = 0;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) differ++;
  expect(differ).toBe(0);
}

let ct: LoadedDicomSeries;
let liver: Volume;

beforeAll(async () => {
  ct = await loadDicomSeries(scanDicomFiles(listFilesRecursively(oraclePath('dicom', 'dcmqi_ct-3slice_liver', 'ct-3slice'))).series[0]);
  liver = readNrrd(oraclePath('dicom', 'dcmqi_ct-3slice_liver', 'liver_seg.nrrd'));
});

function reference(): SegReference {
  return { studyInstanceUid: ct.studyInstanceUid, seriesInstanceUid: ct.seriesInstanceUid, frameOfReferenceUid: ct.frameOfReferenceUid!, slices: ct.slices };
}

describe('NRRD and NIfTI writers on oracle labels', () => {
  it('dcmqi liver label: NRRD → NRRD is exact', () => {
    const back = viaNrrd(liver);
    expectSameGeometry(back, liver);
    expectSameLabels(back, liver);
    expect(back.data).toBeInstanceOf(Int16Array);
  });

  it('dcmqi liver label: NRRD → NIfTI rounds geometry to float32 only; NIfTI → NRRD → NIfTI is then exact', () => {
    const nii = viaNifti(liver);
    expectSameLabels(nii, liver);
    expect(nii.spacing).toEqual(liver.spacing.map(Math.fround));
    expect(nii.origin).toEqual(liver.origin.map(Math.fround));
    expect(nii.direction).toEqual(liver.direction);
    const again = viaNifti(viaNrrd(nii));
    expectSameGeometry(again, nii);
    expectSameLabels(again, nii);
  });

  it('IBSI CT-phantom mask: NIfTI → NRRD → NIfTI is exact', () => {
    const mask = readNifti(oraclePath('ibsi', 'data_sets', 'ibsi_1_ct_radiomics_phantom', 'nifti', 'mask', 'mask.nii.gz'));
    const back = viaNifti(viaNrrd(mask));
    expectSameGeometry(back, mask);
    expectSameLabels(back, mask);
  });

  it('pyradiomics brain1 label (direction y = −1): NRRD → NIfTI → NRRD keeps the direction and labels', () => {
    const label = readNrrd(oraclePath('pyradiomics', 'data', 'brain1_label.nrrd'));
    const back = viaNrrd(viaNifti(label));
    expect(back.direction).toEqual(label.direction);
    expect(back.spacing).toEqual(label.spacing.map(Math.fround));
    expect(back.origin).toEqual(label.origin.map(Math.fround));
    expectSameLabels(back, label);
  });
});

describe('DICOM SEG round trips', () => {
  it('liver: NRRD → NIfTI → NRRD → SEG → mask on the CT grid and on the SEG’s own grid', () => {
    const label = viaNrrd(viaNifti(liver));
    const seg = readDicomSeg(parseDicom(encodeDicomSeg(label, reference(), [{ labelValue: 1, label: 'Liver' }])));
    expectSameLabels(segToMasks(seg, ct.volume).masks[0].mask, liver);
    const own = segOwnGrid(seg);
    // The SEG writes positions from the float32-rounded NIfTI geometry, as ≤ 16-character DS values.
    own.origin.forEach((x, a) => expect(Math.abs(x - label.origin[a])).toBeLessThan(1e-12 * Math.max(1, Math.abs(x))));
    own.spacing.forEach((x, a) => expect(Math.abs(x - label.spacing[a]) / x).toBeLessThan(1e-13));
    expect(own.direction).toEqual(label.direction);
    expectSameLabels(segToMasks(seg, own).masks[0].mask, liver);
  });

  it('geometry from DICOM survives SEG export/import exactly (SEG’s own grid = CT grid)', () => {
    const onCt: Volume = { ...ct.volume, data: liver.data };
    const seg = readDicomSeg(parseDicom(encodeDicomSeg(onCt, reference(), [{ labelValue: 1, label: 'Liver' }])));
    const own = segOwnGrid(seg);
    expect(own.origin).toEqual(ct.volume.origin);
    expect(own.direction).toEqual(ct.volume.direction);
    expect(own.spacing.slice(0, 2)).toEqual(ct.volume.spacing.slice(0, 2));
    expect(Math.abs(own.spacing[2] - ct.volume.spacing[2])).toBeLessThan(1e-12);
  });

  it('two segments of one label volume come back as the same label volume', () => {
    const data = new Uint8Array(liver.data.length);
    for (let i = 0; i < data.length; i++) if (liver.data[i]) data[i] = i % 512 < 300 ? 1 : 2;
    const labels: Volume = { ...liver, data };
    const bytes = encodeDicomSeg(labels, reference(), [
      { labelValue: 1, label: 'Liver right', color: [221, 130, 101] },
      { labelValue: 2, label: 'Liver left', color: [144, 238, 144], algorithmType: 'AUTOMATIC', algorithmName: 'threshold' },
    ]);
    const seg = readDicomSeg(parseDicom(bytes));
    expect(seg.segments.map((s) => [s.number, s.label, s.color])).toEqual([
      [1, 'Liver right', [221, 130, 101]],
      [2, 'Liver left', [144, 238, 144]],
    ]);
    const { labels: back, overlappingVoxels } = masksToLabelVolume(segToMasks(seg, ct.volume).masks);
    expect(overlappingVoxels).toBe(0);
    expectSameLabels(back, labels);
  });
});
