/**
 * DICOM series import: scan files, group them by StudyInstanceUID/SeriesInstanceUID, and load an
 * image series as a {@link Volume} of modality values (HU for CT) with its scanner metadata.
 * Geometry rules and checks: `seriesGeometry.ts`; voxel type rule: `rescale.ts`.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Volume } from '../../image/volume';
import { decodeWithItk } from './itkDecode';
import { scannerMetadata, timeOfDaySeconds, type ScannerMetadata } from './metadata';
import type { DicomFile } from './parse';
import { isNativelyDecodable, pixelFormat, readStoredFrame, type PixelFormat } from './pixels';
import { readDicomFile, readDicomHeader } from './readFile';
import { allocate } from '../samples';
import { modalityPixelType, writeRescaled, type Rescale } from './rescale';
import { DicomSeriesError, planSeriesGeometry, type SliceGeometry } from './seriesGeometry';
import { TAG } from './tags';

export const SOP_CLASS = {
  RTStructureSet: '1.2.840.10008.5.1.4.1.1.481.3',
  Segmentation: '1.2.840.10008.5.1.4.1.1.66.4',
  MediaStorageDirectory: '1.2.840.10008.1.3.10',
} as const;

export type DicomObjectKind = 'image' | 'rtstruct' | 'seg' | 'other';

/** What a header scan learns about one file. */
export interface DicomInstanceHeader {
  path: string;
  kind: DicomObjectKind;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  modality: string;
  seriesNumber?: number;
  seriesDescription?: string;
  frameOfReferenceUid?: string;
  instanceNumber?: number;
  numberOfFrames: number;
  geometry: SliceGeometry;
  rescale: Rescale;
  /** The header (everything before Pixel Data). */
  file: DicomFile;
}

function classify(file: DicomFile, sopClassUid: string): DicomObjectKind {
  if (sopClassUid === SOP_CLASS.RTStructureSet) return 'rtstruct';
  if (sopClassUid === SOP_CLASS.Segmentation) return 'seg';
  if (sopClassUid === SOP_CLASS.MediaStorageDirectory) return 'other';
  const ds = file.dataset;
  const hasPixels = file.stoppedAtPixelData || ds.has(TAG.PixelData);
  return hasPixels && ds.has(TAG.Rows) && ds.has(TAG.Columns) ? 'image' : 'other';
}

/** Extracts the fields used for grouping, ordering and decoding from a parsed header. */
export function instanceHeader(file: DicomFile): DicomInstanceHeader {
  const ds = file.dataset;
  const path = file.path ?? '(memory)';
  const sopClassUid = ds.string(TAG.SOPClassUID) ?? file.meta.string(TAG.MediaStorageSOPClassUID) ?? '';
  const ps = ds.numbers(TAG.PixelSpacing);
  return {
    path,
    kind: classify(file, sopClassUid),
    sopClassUid,
    sopInstanceUid: ds.string(TAG.SOPInstanceUID) ?? file.meta.string(TAG.MediaStorageSOPInstanceUID) ?? '',
    studyInstanceUid: ds.string(TAG.StudyInstanceUID) ?? '',
    seriesInstanceUid: ds.string(TAG.SeriesInstanceUID) ?? '',
    modality: ds.string(TAG.Modality) ?? '',
    seriesNumber: ds.number(TAG.SeriesNumber),
    seriesDescription: ds.string(TAG.SeriesDescription) || undefined,
    frameOfReferenceUid: ds.string(TAG.FrameOfReferenceUID) || undefined,
    instanceNumber: ds.number(TAG.InstanceNumber),
    numberOfFrames: Math.max(1, Math.trunc(ds.number(TAG.NumberOfFrames) ?? 1)),
    geometry: {
      path,
      rows: ds.number(TAG.Rows) ?? 0,
      columns: ds.number(TAG.Columns) ?? 0,
      pixelSpacing: ps.length >= 2 ? [ps[0], ps[1]] : undefined,
      orientation: ds.numbers(TAG.ImageOrientationPatient),
      position: ds.numbers(TAG.ImagePositionPatient),
    },
    rescale: { slope: ds.number(TAG.RescaleSlope) ?? 1, intercept: ds.number(TAG.RescaleIntercept) ?? 0 },
    file,
  };
}

export interface DicomSeriesEntry {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  kind: DicomObjectKind;
  modality: string;
  seriesNumber?: number;
  seriesDescription?: string;
  instances: DicomInstanceHeader[];
}

export interface DicomScan {
  series: DicomSeriesEntry[];
  /** Files that are not DICOM or could not be parsed, with the reason (which names the path). */
  skipped: { path: string; reason: string }[];
}

/**
 * Reads the headers of `paths` and groups them by (StudyInstanceUID, SeriesInstanceUID); within a
 * series the objects of one kind (image/RTSTRUCT/SEG/other) are grouped together. Unreadable files
 * are reported in `skipped`, never thrown, so one bad file does not hide a directory's other series.
 */
export function scanDicomFiles(paths: string[]): DicomScan {
  const groups = new Map<string, DicomSeriesEntry>();
  const skipped: DicomScan['skipped'] = [];
  for (const path of paths) {
    let h: DicomInstanceHeader;
    try {
      h = instanceHeader(readDicomHeader(path));
    } catch (e) {
      skipped.push({ path, reason: (e as Error).message });
      continue;
    }
    const key = `${h.studyInstanceUid}|${h.seriesInstanceUid}|${h.kind}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        studyInstanceUid: h.studyInstanceUid,
        seriesInstanceUid: h.seriesInstanceUid,
        kind: h.kind,
        modality: h.modality,
        seriesNumber: h.seriesNumber,
        seriesDescription: h.seriesDescription,
        instances: [],
      };
      groups.set(key, g);
    }
    g.instances.push(h);
  }
  return { series: [...groups.values()], skipped };
}

/** All regular files under `dir`, recursively, sorted by path. */
export function listFilesRecursively(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(dir, rel))
    .filter((p) => statSync(p).isFile())
    .sort();
}

/** A loaded image series. */
export interface LoadedDicomSeries {
  /** Modality values (HU for CT); voxel type per {@link modalityPixelType}. */
  volume: Volume;
  metadata: ScannerMetadata;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid?: string;
  patientId?: string;
  patientName?: string;
  /** The slices in volume z order (index k = voxel plane z = k). */
  slices: { path: string; sopInstanceUid: string; sopClassUid: string; instanceNumber?: number }[];
  warnings: string[];
}

/**
 * Scanner metadata of a series from its headers (no pixel decoding): the first instance's values,
 * with AcquisitionTime the earliest over all instances. Together with the study and series UIDs
 * this is the input of `assignPhases` (phase.ts).
 */
export function seriesMetadata(instances: DicomInstanceHeader[]): ScannerMetadata {
  const metadata = scannerMetadata(instances[0].file.dataset);
  const times = instances
    .map((h) => h.file.dataset.string(TAG.AcquisitionTime))
    .filter((t): t is string => timeOfDaySeconds(t) !== undefined)
    .sort((a, b) => (timeOfDaySeconds(a) as number) - (timeOfDaySeconds(b) as number));
  if (times.length > 0) metadata.acquisitionTime = times[0];
  return metadata;
}

/** "series 3 "ABDOMEN ART" (1.2.3...)" — how errors name a series. */
export function seriesLabel(h: Pick<DicomInstanceHeader, 'seriesNumber' | 'seriesDescription' | 'seriesInstanceUid'>): string {
  const desc = h.seriesDescription ? ` "${h.seriesDescription}"` : '';
  return `series ${h.seriesNumber ?? '?'}${desc} (${h.seriesInstanceUid || 'no SeriesInstanceUID'})`;
}

/**
 * Loads an image series into a volume. Accepts a scanned entry or the file paths of one series.
 * Native and RLE pixel data are decoded in TypeScript; other compressed syntaxes through GDCM
 * (`itkDecode.ts`). Rescale slope/intercept are applied per slice.
 * @throws DicomSeriesError (geometry, mixed series, multi-frame objects) or DicomParseError
 *   (unreadable/truncated file), both naming the series and/or file.
 */
export async function loadDicomSeries(series: DicomSeriesEntry | string[]): Promise<LoadedDicomSeries> {
  const instances = Array.isArray(series) ? series.map((p) => instanceHeader(readDicomHeader(p))) : series.instances;
  if (instances.length === 0) throw new Error('loadDicomSeries: no files');
  const first = instances[0];
  const label = seriesLabel(first);
  for (const h of instances) {
    if (h.seriesInstanceUid !== first.seriesInstanceUid || h.studyInstanceUid !== first.studyInstanceUid) {
      throw new DicomSeriesError('unsupported', label, [first.path, h.path], `${h.path} belongs to another series (${seriesLabel(h)})`);
    }
    if (h.kind !== 'image') {
      throw new DicomSeriesError('unsupported', label, [h.path], `${h.path} is not an image (SOP class ${h.sopClassUid || 'unknown'})`);
    }
    if (h.numberOfFrames > 1) {
      throw new DicomSeriesError('unsupported', label, [h.path], `${h.path} is a multi-frame image (${h.numberOfFrames} frames); only single-frame slice series are supported`);
    }
  }

  const ds0 = first.file.dataset;
  const fallbackSpacing = ds0.number(TAG.SpacingBetweenSlices) ?? ds0.number(TAG.SliceThickness);
  const geometry = planSeriesGeometry(instances.map((h) => h.geometry), label, fallbackSpacing);
  const ordered = geometry.order.map((i) => instances[i]);
  const formats: PixelFormat[] = ordered.map((h) => pixelFormat(h.file));
  const type = modalityPixelType(ordered.map((h, k) => ({ format: formats[k], rescale: h.rescale })));
  const sliceVoxels = geometry.size[0] * geometry.size[1];
  const data = allocate(type, sliceVoxels * ordered.length);

  for (let k = 0; k < ordered.length; k++) {
    const h = ordered[k];
    const file = readDicomFile(h.path);
    if (isNativelyDecodable(file)) {
      const format = pixelFormat(file);
      writeRescaled(readStoredFrame(file, format, 0), h.rescale, data, k * sliceVoxels);
    } else {
      const decoded = await decodeWithItk(h.path);
      if (decoded.size[0] * decoded.size[1] !== sliceVoxels) {
        throw new DicomSeriesError('unsupported', label, [h.path], `${h.path}: decoded ${decoded.size[0]}×${decoded.size[1]} pixels, header says ${geometry.size[0]}×${geometry.size[1]}`);
      }
      writeRescaled(decoded.values, { slope: 1, intercept: 0 }, data, k * sliceVoxels);
    }
  }

  const warnings = [...geometry.warnings];
  const frames = new Set(ordered.map((h) => h.frameOfReferenceUid ?? ''));
  if (frames.size > 1) warnings.push(`${label}: slices carry ${frames.size} different FrameOfReferenceUIDs`);
  const tilt = ds0.number(TAG.GantryDetectorTilt);
  if (tilt) warnings.push(`${label}: GantryDetectorTilt is ${tilt}°, but the slice positions form a regular (unsheared) stack, used as is`);

  const metadata = seriesMetadata(ordered);

  return {
    volume: { size: geometry.size, spacing: geometry.spacing, origin: geometry.origin, direction: geometry.direction, data },
    metadata,
    studyInstanceUid: first.studyInstanceUid,
    seriesInstanceUid: first.seriesInstanceUid,
    frameOfReferenceUid: ordered[0].frameOfReferenceUid,
    patientId: ds0.string(TAG.PatientID) || undefined,
    patientName: ds0.string(TAG.PatientName) || undefined,
    slices: ordered.map((h) => ({ path: h.path, sopInstanceUid: h.sopInstanceUid, sopClassUid: h.sopClassUid, instanceNumber: h.instanceNumber })),
    warnings,
  };
}
