/**
 * Radiomics case inputs straight from DICOM, as pyradiomics' `pyradiomics-dcm` takes them: the
 * image as a folder holding one image series, the mask as an RT Structure Set or a DICOM
 * Segmentation (a file, or a folder holding exactly one), with the structure or segment chosen by
 * name. RTSTRUCT contours are rasterised onto the image grid ({@link rasteriseRoi}); SEG frames are
 * placed on it by position ({@link segToMasks}); the result is a 0/1 mask with label 1. NRRD/NIfTI
 * files are read as usual, so any image/mask combination works (e.g. a NIfTI image with an RTSTRUCT).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Volume } from '../../image/volume';
import { readImage, readImageChannels } from '../readImage';
import { readDicomFile } from './readFile';
import { rasteriseRoi, readRtStruct, type ImageGrid } from './rtstruct';
import { readDicomSeg, segToMasks } from './seg';
import { listFilesRecursively, loadDicomSeries, scanDicomFiles, seriesLabel, type DicomSeriesEntry } from './series';

/** A DICOM input that cannot be used as given (no series, several series, unknown ROI name, …). */
export class DicomInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DicomInputError';
  }
}

/** Whether a path is a DICOM input: a folder, or a file with the 'DICM' preamble marker or a .dcm name. */
export function isDicomInput(path: string): boolean {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return false;
  }
  if (stat.isDirectory()) return true;
  if (/\.dcm$/i.test(path)) return true;
  const fd = openSync(path, 'r');
  try {
    const magic = Buffer.alloc(4);
    return readSync(fd, magic, 0, 4, 128) === 4 && magic.toString('latin1') === 'DICM';
  } finally {
    closeSync(fd);
  }
}

function scan(path: string): DicomSeriesEntry[] {
  const files = statSync(path).isDirectory() ? listFilesRecursively(path) : [path];
  return scanDicomFiles(files).series;
}

/**
 * The image of a case: the single image series of a DICOM folder (modality values, e.g. HU), or an
 * NRRD/NIfTI file. @throws DicomInputError when the folder holds no image series, or several.
 */
export async function readImageInput(path: string): Promise<{ image: Volume; warnings: string[] }> {
  if (!isDicomInput(path)) return { image: readImage(path), warnings: [] };
  const images = scan(path).filter((s) => s.kind === 'image');
  if (images.length === 0) throw new DicomInputError(`${path}: no DICOM image series found`);
  if (images.length > 1) {
    throw new DicomInputError(`${path}: ${images.length} image series found (${images.map(seriesLabel).join('; ')}); give the folder of one series`);
  }
  const loaded = await loadDicomSeries(images[0]!);
  return { image: loaded.volume, warnings: loaded.warnings };
}

/** Pick a name: exact match, else a unique case-insensitive match; `null` request = the only one. */
function choose(names: string[], requested: string | null, what: string, where: string): number {
  if (requested === null) {
    if (names.length === 1) return 0;
    throw new DicomInputError(`${where}: ${names.length} ${what}s (${names.join(', ')}); choose one with --roi NAME`);
  }
  const exact = names.indexOf(requested);
  if (exact >= 0) return exact;
  const folded = names.map((n, i) => [n.toLowerCase(), i] as const).filter(([n]) => n === requested.toLowerCase());
  if (folded.length === 1) return folded[0]![1];
  throw new DicomInputError(`${where}: no ${what} named '${requested}'; available: ${names.join(', ') || 'none'}`);
}

/**
 * The mask channels of a case on `grid` (the image's). A DICOM mask (RTSTRUCT or SEG file, or a folder
 * holding exactly one such object) gives the chosen structure/segment as a 0/1 volume (label 1;
 * fractional segments kept where ≥ 0.5); an NRRD/NIfTI label map is read as is (`roi` must then be null).
 * @throws DicomInputError naming the available structures/segments when `roi` matches none.
 */
export function readMaskInput(path: string, grid: ImageGrid, roi: string | null): { maskChannels: Volume[]; roiName: string | null; warnings: string[] } {
  if (!isDicomInput(path)) {
    if (roi !== null) throw new DicomInputError(`--roi applies to RTSTRUCT or DICOM SEG masks; ${path} is a label map (use --label)`);
    return { maskChannels: readImageChannels(path), roiName: null, warnings: [] };
  }
  const objects = scan(path).filter((s) => s.kind === 'rtstruct' || s.kind === 'seg').flatMap((s) => s.instances.map((h) => ({ kind: s.kind, path: h.path })));
  if (objects.length === 0) throw new DicomInputError(`${path}: no RTSTRUCT or DICOM SEG found`);
  if (objects.length > 1) throw new DicomInputError(`${path}: ${objects.length} RTSTRUCT/SEG objects found (${objects.map((o) => o.path).join(', ')}); give one file`);
  const { kind, path: file } = objects[0]!;
  if (kind === 'rtstruct') {
    const rs = readRtStruct(readDicomFile(file));
    const chosen = rs.rois[choose(rs.rois.map((r) => r.name), roi, 'structure', file)]!;
    const { mask, warnings } = rasteriseRoi(chosen, grid);
    if (!mask.data.some((v) => v !== 0)) throw new DicomInputError(`${file}: structure '${chosen.name}' covers no voxel of the image grid`);
    return { maskChannels: [mask], roiName: chosen.name, warnings };
  }
  const seg = readDicomSeg(readDicomFile(file));
  const chosen = seg.segments[choose(seg.segments.map((s) => s.label), roi, 'segment', file)]!;
  const { masks, warnings } = segToMasks(seg, grid);
  const source = masks.find((m) => m.segment.number === chosen.number)!.mask;
  const data = new Uint8Array(source.data.length);
  for (let i = 0; i < data.length; i++) data[i] = source.data[i]! >= 0.5 ? 1 : 0;
  return { maskChannels: [{ ...source, data }], roiName: chosen.label, warnings };
}

/** Image and mask of a case from any mix of DICOM and NRRD/NIfTI inputs ({@link readImageInput}, {@link readMaskInput}). */
export async function readCaseInputs(
  imagePath: string,
  maskPath: string,
  roi: string | null = null,
): Promise<{ image: Volume; maskChannels: Volume[]; roiName: string | null; warnings: string[] }> {
  const { image, warnings } = await readImageInput(imagePath);
  const mask = readMaskInput(maskPath, image, roi);
  return { image, maskChannels: mask.maskChannels, roiName: mask.roiName, warnings: [...warnings, ...mask.warnings] };
}
