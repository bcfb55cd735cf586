/**
 * Scanner and acquisition metadata of an image series, as recorded for a study's Table of
 * acquisition parameters and for phase assignment (PS3.3 C.7.3.1 General Series, C.8.2.1 CT Image,
 * C.7.6.4 Contrast/Bolus, C.7.5.1 General Equipment).
 */
import type { DicomDataset } from './parse';
import { TAG } from './tags';

export interface ScannerMetadata {
  modality?: string;
  manufacturer?: string;
  manufacturerModelName?: string;
  institutionName?: string;
  stationName?: string;
  /** Convolution kernel (0018,1210); multiple values joined with "\". */
  convolutionKernel?: string;
  /** Peak kilovoltage (0018,0060), kV. */
  kvp?: number;
  /** Tube current (0018,1151), mA. */
  xRayTubeCurrent?: number;
  /** Exposure (0018,1152), mAs. */
  exposure?: number;
  /** Nominal reconstructed slice thickness (0018,0050), mm — not the slice spacing. */
  sliceThickness?: number;
  /** Spacing Between Slices (0018,0088) as recorded, mm (the volume uses spacing from positions). */
  spacingBetweenSlices?: number;
  /** Pixel Spacing (0028,0030): [row spacing, column spacing], mm. */
  pixelSpacing?: [number, number];
  seriesDescription?: string;
  studyDescription?: string;
  protocolName?: string;
  seriesNumber?: number;
  bodyPartExamined?: string;
  patientPosition?: string;
  imageType: string[];
  /** Contrast/Bolus Agent (0018,0010); empty or absent for a non-contrast series. */
  contrastBolusAgent?: string;
  contrastBolusRoute?: string;
  /** ml */
  contrastBolusVolume?: number;
  /** Contrast/Bolus Start Time (0018,1042), DICOM TM "HHMMSS.FFFFFF". */
  contrastBolusStartTime?: string;
  contrastBolusStopTime?: string;
  /** ml of diluted agent */
  contrastBolusTotalDose?: number;
  contrastBolusIngredient?: string;
  studyDate?: string;
  studyTime?: string;
  seriesDate?: string;
  seriesTime?: string;
  acquisitionDate?: string;
  /** Earliest Acquisition Time (0008,0032) over the series' slices, DICOM TM. */
  acquisitionTime?: string;
  contentTime?: string;
}

function text(ds: DicomDataset, t: number): string | undefined {
  const s = ds.string(t);
  return s === undefined || s === '' ? undefined : s;
}

/** Metadata from one slice's dataset (series-level values are identical on every slice). */
export function scannerMetadata(ds: DicomDataset): ScannerMetadata {
  const ps = ds.numbers(TAG.PixelSpacing);
  return {
    modality: text(ds, TAG.Modality),
    manufacturer: text(ds, TAG.Manufacturer),
    manufacturerModelName: text(ds, TAG.ManufacturerModelName),
    institutionName: text(ds, TAG.InstitutionName),
    stationName: text(ds, TAG.StationName),
    convolutionKernel: text(ds, TAG.ConvolutionKernel),
    kvp: ds.number(TAG.KVP),
    xRayTubeCurrent: ds.number(TAG.XRayTubeCurrent),
    exposure: ds.number(TAG.Exposure),
    sliceThickness: ds.number(TAG.SliceThickness),
    spacingBetweenSlices: ds.number(TAG.SpacingBetweenSlices),
    pixelSpacing: ps.length >= 2 && ps.every(Number.isFinite) ? [ps[0], ps[1]] : undefined,
    seriesDescription: text(ds, TAG.SeriesDescription),
    studyDescription: text(ds, TAG.StudyDescription),
    protocolName: text(ds, TAG.ProtocolName),
    seriesNumber: ds.number(TAG.SeriesNumber),
    bodyPartExamined: text(ds, TAG.BodyPartExamined),
    patientPosition: text(ds, TAG.PatientPosition),
    imageType: ds.strings(TAG.ImageType),
    contrastBolusAgent: text(ds, TAG.ContrastBolusAgent),
    contrastBolusRoute: text(ds, TAG.ContrastBolusRoute),
    contrastBolusVolume: ds.number(TAG.ContrastBolusVolume),
    contrastBolusStartTime: text(ds, TAG.ContrastBolusStartTime),
    contrastBolusStopTime: text(ds, TAG.ContrastBolusStopTime),
    contrastBolusTotalDose: ds.number(TAG.ContrastBolusTotalDose),
    contrastBolusIngredient: text(ds, TAG.ContrastBolusIngredient),
    studyDate: text(ds, TAG.StudyDate),
    studyTime: text(ds, TAG.StudyTime),
    seriesDate: text(ds, TAG.SeriesDate),
    seriesTime: text(ds, TAG.SeriesTime),
    acquisitionDate: text(ds, TAG.AcquisitionDate),
    acquisitionTime: text(ds, TAG.AcquisitionTime),
    contentTime: text(ds, TAG.ContentTime),
  };
}

/**
 * Seconds since midnight of a DICOM TM value ("HHMMSS.FFFFFF", components after HH optional; the
 * retired "HH:MM:SS" form is accepted). Undefined when unparsable.
 */
export function timeOfDaySeconds(tm: string | undefined): number | undefined {
  if (!tm) return undefined;
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d+)?$/.exec(tm.trim().replace(/:/g, ''));
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  const s = m[3] ? Number(m[3]) : 0;
  const frac = m[4] ? Number(m[4]) : 0;
  if (h > 23 || min > 59 || s > 60) return undefined;
  return h * 3600 + min * 60 + s + frac;
}
