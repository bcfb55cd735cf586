import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../../../../../../src/main/engine/io/dicom/parse';
import { listFilesRecursively, loadDicomSeries, scanDicomFiles } from '../../../../../../src/main/engine/io/dicom/series';
import { TAG } from '../../../../../../src/main/engine/io/dicom/tags';
import { CT_IMAGE_STORAGE, encodeCtImage, formatDicomTime, storedPixels, type CtImageSlice } from '../../../../../../src/main/engine/io/dicom/writeImage';
import { TS } from '../../../../../../src/main/engine/io/dicom/transferSyntax';
import { tempDir } from '../../../../../support/tmp';

const ROWS = 5;
const COLS = 7;

function hu(k: number): Float64Array {
  return Float64Array.from({ length: ROWS * COLS }, (_, i) => ((i * 97 + k * 31) % 2100) - 1024);
}

function slice(k: number, overrides: Partial<CtImageSlice> = {}): CtImageSlice {
  return {
    patientName: 'TEST^ONE',
    patientId: 'P1',
    patientSex: 'F',
    patientAge: '061Y',
    studyInstanceUid: '2.25.1',
    studyDate: '20200314',
    studyTime: '101500',
    seriesInstanceUid: '2.25.2',
    seriesNumber: 4,
    seriesDescription: 'PV 5mm',
    frameOfReferenceUid: '2.25.3',
    manufacturer: 'SIEMENS',
    manufacturerModelName: 'SOMATOM Definition AS+',
    institutionName: 'Demo Centre',
    kvp: 120,
    xRayTubeCurrent: 220,
    convolutionKernel: 'B30f',
    sliceThickness: 5,
    contrast: { agent: 'Iohexol 350', route: 'IV', volume: 90, startTime: '101500', ingredient: 'IODINE' },
    acquisitionTime: formatDicomTime(36_000 + 15 * 60 + 70 + 0.1 * k),
    sopInstanceUid: `2.25.10${k}`,
    instanceNumber: k + 1,
    imagePositionPatient: [-166.25, -170.5, -200 + 5 * k],
    pixelSpacing: [3.5, 3.25],
    rows: ROWS,
    columns: COLS,
    rescaleIntercept: -1024,
    rescaleSlope: 1,
    pixels: storedPixels(hu(k), 0, ROWS * COLS, 1, -1024),
    ...overrides,
  };
}

describe('CT Image Storage writer', () => {
  it('writes Part-10 Explicit VR Little Endian CT slices that the series loader reads back exactly', async () => {
    const dir = tempDir();
    for (const k of [2, 0, 3, 1]) writeFileSync(join(dir, `s${k}.dcm`), encodeCtImage(slice(k)));
    const scan = scanDicomFiles(listFilesRecursively(dir));
    expect(scan.skipped).toEqual([]);
    expect(scan.series).toHaveLength(1);
    const s = await loadDicomSeries(scan.series[0]);
    expect(s.volume.size).toEqual([COLS, ROWS, 4]);
    expect(s.volume.spacing).toEqual([3.25, 3.5, 5]);
    expect(s.volume.origin).toEqual([-166.25, -170.5, -200]);
    expect(s.volume.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    for (let k = 0; k < 4; k++) expect(Array.from(s.volume.data.subarray(k * ROWS * COLS, (k + 1) * ROWS * COLS))).toEqual(Array.from(hu(k)));
    expect(s.metadata).toMatchObject({
      modality: 'CT',
      manufacturer: 'SIEMENS',
      manufacturerModelName: 'SOMATOM Definition AS+',
      institutionName: 'Demo Centre',
      convolutionKernel: 'B30f',
      kvp: 120,
      xRayTubeCurrent: 220,
      sliceThickness: 5,
      pixelSpacing: [3.5, 3.25],
      seriesDescription: 'PV 5mm',
      contrastBolusAgent: 'Iohexol 350',
      contrastBolusRoute: 'IV',
      contrastBolusVolume: 90,
      contrastBolusStartTime: '101500',
      contrastBolusIngredient: 'IODINE',
      studyDate: '20200314',
      acquisitionTime: '101610',
      imageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    });
    expect(s.patientId).toBe('P1');
    expect(s.frameOfReferenceUid).toBe('2.25.3');
    expect(s.slices.map((x) => x.instanceNumber)).toEqual([1, 2, 3, 4]);
    expect(s.warnings).toEqual([]);
  });

  it('stores signed 16-bit pixels with the file meta of CT Image Storage', () => {
    const file = parseDicom(encodeCtImage(slice(0, { rescaleIntercept: 0, pixels: storedPixels(hu(0), 0, ROWS * COLS, 1, 0) })));
    expect(file.meta.string(TAG.MediaStorageSOPClassUID)).toBe(CT_IMAGE_STORAGE);
    expect(file.meta.string(TAG.TransferSyntaxUID)).toBe(TS.ExplicitVRLittleEndian);
    const ds = file.dataset;
    expect([ds.number(TAG.BitsAllocated), ds.number(TAG.BitsStored), ds.number(TAG.HighBit), ds.number(TAG.PixelRepresentation)]).toEqual([16, 16, 15, 1]);
    expect(ds.numbers(TAG.ImageOrientationPatient)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(ds.number(0x00201041)).toBe(-200); // SliceLocation
    expect(ds.string(0x00281054)).toBe('HU'); // RescaleType
    expect(ds.string(TAG.PatientAge)).toBe('061Y');
    const pixels = ds.bytesOf(TAG.PixelData)!;
    const view = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);
    expect(view.getInt16(0, true)).toBe(-1024);
  });

  it('rejects a pixel count that does not match rows × columns, and values outside 16 bits', () => {
    expect(() => encodeCtImage(slice(0, { pixels: new Int16Array(3) }))).toThrow(/3 pixels for 5×7/);
    expect(() => storedPixels([40000], 0, 1, 1, 0)).toThrow(/does not fit 16 bits/);
    expect(Array.from(storedPixels([-1000.4, 0.5, 99.6], 0, 3, 0.5, -1024))).toEqual([47, 2049, 2247]);
  });

  it('formats DICOM TM times, with milliseconds only when present', () => {
    expect(formatDicomTime(0)).toBe('000000');
    expect(formatDicomTime(13 * 3600 + 5 * 60 + 7)).toBe('130507');
    expect(formatDicomTime(9 * 3600 + 0.25)).toBe('090000.250');
    expect(formatDicomTime(86_400 + 61)).toBe('000101');
  });
});
