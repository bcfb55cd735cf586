/**
 * DICOM series decode timing: synthesises a 512 × 512 × 120 uncompressed CT series (Explicit VR
 * Little Endian, 12-bit unsigned stored, RescaleIntercept −1024, ≈ 63 MB) in a temporary folder,
 * then times the header scan and the full load to an int16 HU volume (target ≤ 1.5 s on the 2-core
 * build machine). With `--itk` it also times @itk-wasm/dicom's readImageDicomFileSeriesNode on the
 * same files for comparison (design/performance.md M8).
 *
 *   node --import tsx bench/dicomDecode.ts [--itk]
 */
import { readImageDicomFileSeriesNode } from '@itk-wasm/dicom';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFilesRecursively, loadDicomSeries, scanDicomFiles } from '../src/main/engine/io/dicom/series';
import { TAG } from '../src/main/engine/io/dicom/tags';
import { newDicomUid } from '../src/main/engine/io/dicom/uid';
import { encodeDicomFile, type WriteElement } from '../src/main/engine/io/dicom/write';

const ROWS = 512;
const COLS = 512;
const SLICES = 120;

function slice(k: number, study: string, series: string, frame: string): Uint8Array {
  const pixels = new Uint16Array(ROWS * COLS);
  for (let y = 0, i = 0; y < ROWS; y++) {
    for (let x = 0; x < COLS; x++, i++) {
      const r = Math.hypot(x - 256, y - 256);
      pixels[i] = r < 200 ? 1024 + 40 + ((x * 7 + y * 13 + k * 31) % 60) : 24;
    }
  }
  const elements: WriteElement[] = [
    { tag: TAG.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2' },
    { tag: TAG.SOPInstanceUID, vr: 'UI', value: newDicomUid() },
    { tag: TAG.Modality, vr: 'CS', value: 'CT' },
    { tag: TAG.Manufacturer, vr: 'LO', value: 'BENCH' },
    { tag: TAG.SeriesDescription, vr: 'LO', value: 'synthetic 512x512x120' },
    { tag: TAG.SliceThickness, vr: 'DS', value: [1.25] },
    { tag: TAG.StudyInstanceUID, vr: 'UI', value: study },
    { tag: TAG.SeriesInstanceUID, vr: 'UI', value: series },
    { tag: TAG.InstanceNumber, vr: 'IS', value: [k + 1] },
    { tag: TAG.ImagePositionPatient, vr: 'DS', value: [-250, -250, -100 + 1.25 * k] },
    { tag: TAG.ImageOrientationPatient, vr: 'DS', value: [1, 0, 0, 0, 1, 0] },
    { tag: TAG.FrameOfReferenceUID, vr: 'UI', value: frame },
    { tag: TAG.SamplesPerPixel, vr: 'US', value: [1] },
    { tag: TAG.PhotometricInterpretation, vr: 'CS', value: 'MONOCHROME2' },
    { tag: TAG.Rows, vr: 'US', value: [ROWS] },
    { tag: TAG.Columns, vr: 'US', value: [COLS] },
    { tag: TAG.PixelSpacing, vr: 'DS', value: [0.9765625, 0.9765625] },
    { tag: TAG.BitsAllocated, vr: 'US', value: [16] },
    { tag: TAG.BitsStored, vr: 'US', value: [12] },
    { tag: TAG.HighBit, vr: 'US', value: [11] },
    { tag: TAG.PixelRepresentation, vr: 'US', value: [0] },
    { tag: TAG.RescaleIntercept, vr: 'DS', value: [-1024] },
    { tag: TAG.RescaleSlope, vr: 'DS', value: [1] },
    { tag: TAG.PixelData, vr: 'OW', value: new Uint8Array(pixels.buffer) },
  ];
  return encodeDicomFile(elements, '2.25.1');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dlrn-bench-dicom-'));
  try {
    const study = newDicomUid();
    const series = newDicomUid();
    const frame = newDicomUid();
    // Files named in reverse z order, as many scanners export them.
    for (let k = 0; k < SLICES; k++) writeFileSync(join(dir, `IM${String(SLICES - k).padStart(4, '0')}.dcm`), slice(k, study, series, frame));

    const runs: number[] = [];
    let scanMs = 0;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      const scan = scanDicomFiles(listFilesRecursively(dir));
      const t1 = performance.now();
      const loaded = await loadDicomSeries(scan.series[0]);
      const t2 = performance.now();
      scanMs = t1 - t0;
      runs.push(t2 - t0);
      if (r === 0) {
        const v = loaded.volume;
        console.log(`volume ${v.size.join('×')} ${v.data.constructor.name}, spacing ${v.spacing.map((s) => s.toFixed(4)).join(' × ')} mm, first HU ${v.data[0]}`);
      }
    }
    const best = Math.min(...runs);
    console.log(`header scan: ${scanMs.toFixed(0)} ms; scan + decode (best of 3): ${best.toFixed(0)} ms (${((ROWS * COLS * SLICES * 2) / 1e6 / (best / 1000)).toFixed(0)} MB/s); runs ${runs.map((t) => t.toFixed(0)).join(', ')} ms`);
    console.log(`target ≤ 1500 ms: ${best <= 1500 ? 'met' : 'NOT met'}`);

    if (process.argv.includes('--itk')) {
      const files = listFilesRecursively(dir);
      const t0 = performance.now();
      const r = await readImageDicomFileSeriesNode({ inputImages: files, singleSortedSeries: false });
      console.log(`@itk-wasm/dicom readImageDicomFileSeriesNode: ${(performance.now() - t0).toFixed(0)} ms (${r.outputImage.size.join('×')})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
