/**
 * RT Structure Set import (DICOM PS3.3 C.8.8.5 Structure Set, C.8.8.6 ROI Contour, C.8.8.8 RT ROI
 * Observations): ROI names, colours and planar contours, and their rasterisation onto the
 * referenced image grid.
 */
import { physicalToIndex, type Volume } from '../../image/volume';
import type { DicomFile } from './parse';
import { fillPolygonsEvenOdd, type Polygon } from './rasterise';
import { TAG } from './tags';

export interface RtContour {
  /** ContourGeometricType: CLOSED_PLANAR, OPEN_PLANAR, OPEN_NONPLANAR or POINT. */
  geometricType: string;
  /** Patient coordinates (LPS, mm) as x, y, z triples. */
  points: Float64Array;
  /** SOP Instance UIDs of the image(s) the contour was drawn on (Contour Image Sequence). */
  referencedSopInstanceUids: string[];
}

export interface RtRoi {
  number: number;
  name: string;
  /** ROI Display Color, RGB 0–255. */
  color?: [number, number, number];
  frameOfReferenceUid?: string;
  /** RT ROI Interpreted Type (GTV, ORGAN, ...), when recorded. */
  interpretedType?: string;
  contours: RtContour[];
}

export interface RtStructureSet {
  path?: string;
  label?: string;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
  /** Series Instance UIDs of the image series the structure set refers to. */
  referencedSeriesInstanceUids: string[];
  rois: RtRoi[];
}

/** Reads the ROIs and contours of an RTSTRUCT. @throws when the file is not an RT Structure Set. */
export function readRtStruct(file: DicomFile): RtStructureSet {
  const ds = file.dataset;
  const where = file.path ?? 'RTSTRUCT';
  if (ds.string(TAG.Modality) !== 'RTSTRUCT' && !ds.has(TAG.StructureSetROISequence)) {
    throw new Error(`${where}: not an RT Structure Set (Modality ${ds.string(TAG.Modality) ?? 'missing'})`);
  }
  const referencedSeries: string[] = [];
  for (const frame of ds.sequence(TAG.ReferencedFrameOfReferenceSequence)) {
    for (const study of frame.sequence(TAG.RTReferencedStudySequence)) {
      for (const series of study.sequence(TAG.RTReferencedSeriesSequence)) {
        const uid = series.string(TAG.SeriesInstanceUID);
        if (uid) referencedSeries.push(uid);
      }
    }
  }
  const rois = new Map<number, RtRoi>();
  for (const item of ds.sequence(TAG.StructureSetROISequence)) {
    const number = item.number(TAG.ROINumber);
    if (number === undefined) continue;
    rois.set(number, {
      number,
      name: item.string(TAG.ROIName) ?? `ROI ${number}`,
      frameOfReferenceUid: item.string(TAG.ReferencedFrameOfReferenceUID) || undefined,
      contours: [],
    });
  }
  for (const obs of ds.sequence(TAG.RTROIObservationsSequence)) {
    const roi = rois.get(obs.number(TAG.ReferencedROINumber) ?? Number.NaN);
    const type = obs.string(TAG.RTROIInterpretedType);
    if (roi && type) roi.interpretedType = type;
  }
  for (const item of ds.sequence(TAG.ROIContourSequence)) {
    const number = item.number(TAG.ReferencedROINumber);
    if (number === undefined) continue;
    let roi = rois.get(number);
    if (!roi) {
      roi = { number, name: `ROI ${number}`, contours: [] };
      rois.set(number, roi);
    }
    const color = item.numbers(TAG.ROIDisplayColor);
    if (color.length >= 3 && color.slice(0, 3).every(Number.isFinite)) roi.color = [color[0], color[1], color[2]];
    for (const c of item.sequence(TAG.ContourSequence)) {
      const data = c.numbers(TAG.ContourData);
      if (data.length % 3 !== 0 || data.some((v) => !Number.isFinite(v))) {
        throw new Error(`${where}: ROI "${roi.name}" has a contour whose ContourData is not a list of x\\y\\z triples`);
      }
      roi.contours.push({
        geometricType: c.string(TAG.ContourGeometricType) ?? 'CLOSED_PLANAR',
        points: Float64Array.from(data),
        referencedSopInstanceUids: c
          .sequence(TAG.ContourImageSequence)
          .map((r) => r.string(TAG.ReferencedSOPInstanceUID) ?? '')
          .filter((u) => u !== ''),
      });
    }
  }
  return {
    path: file.path,
    label: ds.string(TAG.StructureSetLabel) || undefined,
    studyInstanceUid: ds.string(TAG.StudyInstanceUID) || undefined,
    seriesInstanceUid: ds.string(TAG.SeriesInstanceUID) || undefined,
    sopInstanceUid: ds.string(TAG.SOPInstanceUID) || undefined,
    referencedSeriesInstanceUids: referencedSeries,
    rois: [...rois.values()].sort((a, b) => a.number - b.number),
  };
}

/** Contour points farther than this (in slices) from the nearest slice plane are an error. */
export const CONTOUR_OFF_PLANE_TOLERANCE = 0.25;

/** Image grid of the referenced series. */
export type ImageGrid = Pick<Volume, 'size' | 'spacing' | 'origin' | 'direction'>;

/**
 * Rasterises the closed planar contours of an ROI onto the referenced image grid:
 * each contour is mapped to continuous voxel indices (inverse of p = origin + D·diag(spacing)·idx),
 * assigned to the slice k = round(z-index) of its points, and filled in that slice at voxel centres
 * with the even–odd rule over all of the ROI's contours in that slice ({@link fillPolygonsEvenOdd}),
 * so holes drawn as inner contours and several islands per slice work. This is the centre-sampling,
 * even–odd rasterisation of plastimatch and of pyradiomics' DICOM tooling; on the IBSI CT phantom
 * it reproduces the IBSI reference ROI voxel count.
 * Open contours and points are ignored (reported in `warnings`); contours outside the grid are
 * dropped with a warning.
 * @throws when a contour is not parallel to the slices (points off a slice plane by more than
 *   {@link CONTOUR_OFF_PLANE_TOLERANCE} slice).
 */
export function rasteriseRoi(roi: RtRoi, grid: ImageGrid): { mask: Volume<Uint8Array>; warnings: string[] } {
  const [nx, ny, nz] = grid.size;
  const perSlice = new Map<number, Polygon[]>();
  const warnings: string[] = [];
  let skippedOpen = 0;
  let outside = 0;
  for (const contour of roi.contours) {
    if (contour.geometricType !== 'CLOSED_PLANAR') {
      skippedOpen++;
      continue;
    }
    const m = contour.points.length / 3;
    if (m < 3) continue;
    const poly = new Float64Array(2 * m);
    let zSum = 0;
    const zs = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const idx = physicalToIndex(grid, [contour.points[3 * k], contour.points[3 * k + 1], contour.points[3 * k + 2]]);
      poly[2 * k] = idx[0];
      poly[2 * k + 1] = idx[1];
      zs[k] = idx[2];
      zSum += idx[2];
    }
    const slice = Math.round(zSum / m);
    const offPlane = zs.reduce((worst, z) => Math.max(worst, Math.abs(z - slice)), 0);
    if (offPlane > CONTOUR_OFF_PLANE_TOLERANCE) {
      throw new Error(
        `ROI "${roi.name}": a contour lies ${offPlane.toFixed(3)} slices off the image plane ${slice}; contours must be drawn on the referenced series' slices`,
      );
    }
    if (slice < 0 || slice >= nz) {
      outside++;
      continue;
    }
    const list = perSlice.get(slice) ?? [];
    list.push(poly);
    perSlice.set(slice, list);
  }
  if (skippedOpen > 0) warnings.push(`ROI "${roi.name}": ${skippedOpen} open contour(s)/point(s) ignored`);
  if (outside > 0) warnings.push(`ROI "${roi.name}": ${outside} contour(s) outside the image's slice range ignored`);
  const data = new Uint8Array(nx * ny * nz);
  for (const [k, polygons] of perSlice) fillPolygonsEvenOdd(polygons, nx, ny, data, k * nx * ny);
  return {
    mask: { size: [...grid.size], spacing: [...grid.spacing], origin: [...grid.origin], direction: [...grid.direction], data },
    warnings,
  };
}
