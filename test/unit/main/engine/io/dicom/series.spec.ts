import { gdcmReadImageNode, gdcmWriteImageNode } from '@itk-wasm/image-io';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DicomSeriesError } from '../../../../../../src/main/engine/io/dicom/seriesGeometry';
import { listFilesRecursively, loadDicomSeries, scanDicomFiles } from '../../../../../../src/main/engine/io/dicom/series';
import { TAG } from '../../../../../../src/main/engine/io/dicom/tags';
import { writeCtSlice, type TestSlice, type TestSyntax, type WriteOptions } from '../../../../../support/dicomWriter';
import { tempDir } from '../../../../../support/tmp';

const ROWS = 6;
const COLS = 7;

function stored(k: number): Int16Array {
  return Int16Array.from({ length: ROWS * COLS }, (_, i) => ((i * 53 + k * 101) % 3000) - 200);
}

/** Writes a synthetic axial series, slice k at z = z0 + k·dz, in shuffled file order. */
function writeSeries(
  dir: string,
  n: number,
  opts: { dz?: number; syntax?: TestSyntax; slice?: (k: number) => Partial<TestSlice>; write?: WriteOptions } = {},
): string[] {
  const dz = opts.dz ?? 2.5;
  const paths: string[] = [];
  for (let k = 0; k < n; k++) {
    const s: TestSlice = {
      rows: ROWS,
      columns: COLS,
      position: [-10, 20, 5 + k * dz],
      pixelSpacing: [0.8, 0.75],
      pixels: stored(k),
      intercept: -1024,
      slope: 1,
      sopUid: `1.2.826.0.1.3680043.9.7433.2.${k + 1}`,
      instanceNumber: n - k,
      ...opts.slice?.(k),
    };
    // File names deliberately not in z order.
    paths.push(writeCtSlice(join(dir, `IM${String((k * 7) % n).padStart(3, '0')}_${k}.dcm`), s, { syntax: opts.syntax, ...opts.write }));
  }
  return paths;
}

async function loadError(paths: string[]): Promise<DicomSeriesError> {
  try {
    await loadDicomSeries(scanDicomFiles(paths).series[0]);
  } catch (e) {
    if (e instanceof DicomSeriesError) return e;
    throw e;
  }
  throw new Error('expected a DicomSeriesError');
}

describe('loadDicomSeries on synthetic series', () => {
  for (const syntax of ['implicit', 'explicit', 'bigEndian', 'rle'] as const) {
    it(`reads a ${syntax} series: order, geometry and HU values`, async () => {
      const dir = tempDir();
      writeSeries(dir, 5, { syntax });
      const scan = scanDicomFiles(listFilesRecursively(dir));
      expect(scan.skipped).toEqual([]);
      expect(scan.series).toHaveLength(1);
      const s = await loadDicomSeries(scan.series[0]);
      expect(s.volume.size).toEqual([COLS, ROWS, 5]);
      expect(s.volume.spacing[0]).toBe(0.75);
      expect(s.volume.spacing[1]).toBe(0.8);
      expect(s.volume.spacing[2]).toBeCloseTo(2.5, 12);
      expect(s.volume.origin).toEqual([-10, 20, 5]);
      // signed 16-bit stored with intercept −1024 → int32, as GDCM chooses
      expect(s.volume.data).toBeInstanceOf(Int32Array);
      for (let k = 0; k < 5; k++) {
        const expected = Array.from(stored(k), (v) => v - 1024);
        expect(Array.from(s.volume.data.subarray(k * ROWS * COLS, (k + 1) * ROWS * COLS))).toEqual(expected);
      }
      expect(s.slices.map((x) => x.instanceNumber)).toEqual([5, 4, 3, 2, 1]);
    });
  }

  it('gives int16 for 12-bit unsigned data with intercept −1000 and float32 for a fractional slope', async () => {
    const dir = tempDir();
    writeSeries(dir, 3, { slice: () => ({ signed: false, bitsStored: 12, intercept: -1000, pixels: Uint16Array.from({ length: ROWS * COLS }, (_, i) => i * 90) }) });
    const s = await loadDicomSeries(listFilesRecursively(dir));
    expect(s.volume.data).toBeInstanceOf(Int16Array);
    expect(s.volume.data[1]).toBe(90 - 1000);
    const dir2 = tempDir();
    writeSeries(dir2, 3, { slice: (k) => ({ slope: 0.5, intercept: -1000 + k }) });
    const f = await loadDicomSeries(listFilesRecursively(dir2));
    expect(f.volume.data).toBeInstanceOf(Float32Array);
    expect(f.volume.data[2 * ROWS * COLS + 3]).toBe(0.5 * stored(2)[3] - 998);
  });

  it('takes the slice spacing from positions, not SliceThickness', async () => {
    const dir = tempDir();
    writeSeries(dir, 4, { dz: 1, slice: () => ({ extra: [{ tag: TAG.SliceThickness, vr: 'DS', value: [1.25] }] }) });
    const s = await loadDicomSeries(listFilesRecursively(dir));
    expect(s.volume.spacing[2]).toBeCloseTo(1, 12);
    expect(s.metadata.sliceThickness).toBe(1.25);
  });

  it('extracts scanner and contrast metadata', async () => {
    const dir = tempDir();
    writeSeries(dir, 2, {
      slice: (k) => ({
        seriesDescription: 'ABD ARTERIAL 1.0 B30f',
        extra: [
          { tag: TAG.Manufacturer, vr: 'LO', value: 'SIEMENS' },
          { tag: TAG.ManufacturerModelName, vr: 'LO', value: 'SOMATOM Force' },
          { tag: TAG.ConvolutionKernel, vr: 'SH', value: 'Br40d\\3' },
          { tag: TAG.KVP, vr: 'DS', value: [100] },
          { tag: TAG.InstitutionName, vr: 'LO', value: 'General Hospital' },
          { tag: TAG.ContrastBolusAgent, vr: 'LO', value: 'Iohexol' },
          { tag: TAG.ContrastBolusStartTime, vr: 'TM', value: '101500' },
          { tag: TAG.AcquisitionTime, vr: 'TM', value: k === 0 ? '101535.5' : '101533.25' },
        ],
      }),
    });
    const m = (await loadDicomSeries(listFilesRecursively(dir))).metadata;
    expect(m).toMatchObject({
      manufacturer: 'SIEMENS',
      manufacturerModelName: 'SOMATOM Force',
      convolutionKernel: 'Br40d\\3',
      kvp: 100,
      institutionName: 'General Hospital',
      seriesDescription: 'ABD ARTERIAL 1.0 B30f',
      contrastBolusAgent: 'Iohexol',
      contrastBolusStartTime: '101500',
      acquisitionTime: '101533.25',
      pixelSpacing: [0.8, 0.75],
    });
  });

  it('groups files by study and series and reports non-DICOM files', () => {
    const dir = tempDir();
    writeSeries(dir, 3);
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    writeSeries(sub, 2, { slice: (k) => ({ seriesUid: '1.2.826.0.1.3680043.9.7433.1.2', sopUid: `1.2.826.0.1.3680043.9.7433.3.${k}` }) });
    writeFileSync(join(dir, 'readme.txt'), 'not dicom');
    const scan = scanDicomFiles(listFilesRecursively(dir));
    expect(scan.series.map((s) => s.instances.length).sort()).toEqual([2, 3]);
    expect(scan.skipped).toHaveLength(1);
    expect(scan.skipped[0].reason).toMatch(/readme\.txt: not a DICOM file/);
  });

  it('error: a missing slice (gap) names the series and the neighbouring files', async () => {
    const dir = tempDir();
    const paths = writeSeries(dir, 6);
    const e = await loadError(paths.filter((_, k) => k !== 2));
    expect(e.kind).toBe('gap');
    expect(e.message).toContain('"synthetic"');
    expect(e.message).toContain(paths[1]);
    expect(e.message).toContain(paths[3]);
  });

  it('error: a duplicated position names both files', async () => {
    const dir = tempDir();
    const paths = writeSeries(dir, 4, { slice: (k) => (k === 3 ? { position: [-10, 20, 5 + 2 * 2.5] } : {}) });
    const e = await loadError(paths);
    expect(e.kind).toBe('duplicate-position');
    expect(e.message).toContain(paths[2]);
    expect(e.message).toContain(paths[3]);
  });

  it('error: a slice of another size names that file', async () => {
    const dir = tempDir();
    const paths = writeSeries(dir, 4, { slice: (k) => (k === 1 ? { rows: 3, columns: 2, pixels: new Int16Array(6) } : {}) });
    const e = await loadError(paths);
    expect(e.kind).toBe('mixed-size');
    expect(e.message).toContain(`${paths[1]} is 2×3`);
  });

  it('error: a gantry-tilted (sheared) stack', async () => {
    const dir = tempDir();
    const paths = writeSeries(dir, 5, { slice: (k) => ({ position: [-10, 20 + k * 2.5 * Math.tan(0.3), 5 + k * 2.5] }) });
    const e = await loadError(paths);
    expect(e.kind).toBe('gantry-tilt');
    expect(e.message).toMatch(/gantry tilt ≈ 17\.19°/);
  });

  it('error: a truncated file names its path', async () => {
    const dir = tempDir();
    const paths = writeSeries(dir, 3);
    const bytes = readFileSync(paths[1]);
    writeFileSync(paths[1], bytes.subarray(0, bytes.length - 10));
    await expect(loadDicomSeries(paths)).rejects.toThrow(new RegExp(`^${paths[1]}: truncated DICOM data`));
    // a file cut inside its header is reported by the scan, naming the path
    writeFileSync(paths[2], bytes.subarray(0, 200));
    const scan = scanDicomFiles(paths);
    expect(scan.skipped.map((s) => s.path)).toEqual([paths[2]]);
    expect(scan.skipped[0].reason).toMatch(new RegExp(`^${paths[2]}: truncated`));
  });

  it('decodes JPEG 2000 compressed slices through GDCM (itk-wasm)', async () => {
    const dir = tempDir();
    const pixels = Uint16Array.from({ length: ROWS * COLS }, (_, i) => (i * 97) % 4000);
    const [plain] = writeSeries(dir, 1, { slice: () => ({ signed: false, bitsStored: 12, intercept: -1000, pixels }) });
    const image = (await gdcmReadImageNode(plain)).image;
    const compressed = join(dir, 'j2k.dcm');
    await gdcmWriteImageNode(image, compressed, { useCompression: true });
    expect(readFileSync(compressed).includes(Buffer.from('1.2.840.10008.1.2.4.90'))).toBe(true);
    const s = await loadDicomSeries([compressed]);
    expect(Array.from(s.volume.data)).toEqual(Array.from(pixels, (v) => v - 1000));
  });
});
