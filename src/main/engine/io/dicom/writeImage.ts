/**
 * DICOM CT Image Storage writer (PS3.3 A.3 CT Image IOD), one Part-10 file per slice, Explicit VR
 * Little Endian (via `write.ts`), native 16-bit signed pixels. It writes the modules a CT importer
 * and a radiomics study rely on: Patient, General Study, General Series, Frame of Reference,
 * General Equipment, General/CT Image (incl. Contrast/Bolus), Image Plane, Image Pixel, VOI LUT and
 * SOP Common. Used for the demo cohort and synthetic test series.
 */
import type { Vec3 } from '../../image/volume';
import { DLRN_IMPLEMENTATION_CLASS_UID } from './segExport';
import { TAG } from './tags';
import { encodeDicomFile, type WriteElement } from './write';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** Attributes `tags.ts` does not name. */
const SLICE_LOCATION = 0x00201041;
const WINDOW_CENTER = 0x00281050;
const WINDOW_WIDTH = 0x00281051;
const RESCALE_TYPE = 0x00281054;

export interface CtContrastBolus {
  /** (0018,0010), e.g. "Iohexol 350". */
  agent: string;
  route?: string;
  /** ml */
  volume?: number;
  /** DICOM TM of the injection start (0018,1042). */
  startTime: string;
  ingredient?: string;
}

/** One axial CT slice and the attributes of its patient, study, series and scanner. */
export interface CtImageSlice {
  patientName: string;
  patientId: string;
  patientBirthDate?: string;
  /** "M", "F" or "O". */
  patientSex?: string;
  /** DICOM AS, e.g. "058Y". */
  patientAge?: string;
  studyInstanceUid: string;
  /** DICOM DA (YYYYMMDD); also used as series, acquisition and content date. */
  studyDate: string;
  /** DICOM TM. */
  studyTime: string;
  studyId?: string;
  accessionNumber?: string;
  studyDescription?: string;
  seriesInstanceUid: string;
  seriesNumber: number;
  seriesDescription: string;
  /** DICOM TM of the series; defaults to the acquisition time. */
  seriesTime?: string;
  bodyPartExamined?: string;
  /** Default "HFS". */
  patientPosition?: string;
  protocolName?: string;
  frameOfReferenceUid: string;
  manufacturer: string;
  manufacturerModelName: string;
  institutionName: string;
  stationName?: string;
  softwareVersions?: string;
  /** kV */
  kvp: number;
  /** mA */
  xRayTubeCurrent?: number;
  /** mAs */
  exposure?: number;
  convolutionKernel: string;
  /** Nominal slice thickness, mm. */
  sliceThickness: number;
  contrast?: CtContrastBolus;
  acquisitionNumber?: number;
  /** DICOM TM of this slice's acquisition. */
  acquisitionTime: string;
  sopInstanceUid: string;
  instanceNumber: number;
  /** Centre of the first transmitted pixel, LPS mm. */
  imagePositionPatient: Vec3;
  /** Row and column direction cosines; default axial [1,0,0, 0,1,0]. */
  imageOrientationPatient?: [number, number, number, number, number, number];
  /** [row spacing (between rows), column spacing (between columns)], mm. */
  pixelSpacing: [number, number];
  rows: number;
  columns: number;
  rescaleIntercept: number;
  rescaleSlope: number;
  /** Default window: centre 40, width 400 (abdomen). */
  window?: { center: number; width: number };
  /** Stored values, row by row (columns fastest), rows × columns of them. */
  pixels: Int16Array;
}

/**
 * Stored values sv = (HU − intercept)/slope, rounded, for `count` HU values of `hu` from `offset`.
 * @throws when a value does not fit a signed 16-bit sample.
 */
export function storedPixels(hu: ArrayLike<number>, offset: number, count: number, slope: number, intercept: number): Int16Array {
  const out = new Int16Array(count);
  for (let i = 0; i < count; i++) {
    const sv = Math.round((hu[offset + i] - intercept) / slope);
    if (sv < -32768 || sv > 32767) throw new Error(`storedPixels: HU ${hu[offset + i]} does not fit 16 bits with slope ${slope}, intercept ${intercept}`);
    out[i] = sv;
  }
  return out;
}

/** DICOM TM "HHMMSS" (or "HHMMSS.FFF" when fractional) of seconds after midnight (wraps at 24 h). */
export function formatDicomTime(secondsAfterMidnight: number): string {
  const ms = Math.round(secondsAfterMidnight * 1000) % 86_400_000;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const frac = ms % 1000;
  const base = `${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}${String(s).padStart(2, '0')}`;
  return frac ? `${base}.${String(frac).padStart(3, '0')}` : base;
}

/**
 * Encodes one slice as a Part-10 CT Image Storage file: BitsAllocated/BitsStored 16, HighBit 15,
 * PixelRepresentation 1 (two's complement), MONOCHROME2, RescaleType HU, ImageType
 * ORIGINAL\PRIMARY\AXIAL; SliceLocation = IPP · (row × column) normal.
 * @throws when the pixel count differs from rows × columns.
 */
export function encodeCtImage(s: CtImageSlice): Uint8Array {
  if (s.pixels.length !== s.rows * s.columns) throw new Error(`encodeCtImage: ${s.pixels.length} pixels for ${s.rows}×${s.columns}`);
  const iop = s.imageOrientationPatient ?? [1, 0, 0, 0, 1, 0];
  const normal = [iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]];
  const ipp = s.imagePositionPatient;
  const sliceLocation = ipp[0] * normal[0] + ipp[1] * normal[1] + ipp[2] * normal[2];
  const window = s.window ?? { center: 40, width: 400 };
  const optional = (tag: number, vr: string, value: string | number | undefined): WriteElement[] =>
    value === undefined ? [] : [{ tag, vr, value: typeof value === 'number' ? [value] : value }];
  const dataset: WriteElement[] = [
    { tag: TAG.SpecificCharacterSet, vr: 'CS', value: 'ISO_IR 192' },
    { tag: TAG.ImageType, vr: 'CS', value: ['ORIGINAL', 'PRIMARY', 'AXIAL'] },
    { tag: TAG.SOPClassUID, vr: 'UI', value: CT_IMAGE_STORAGE },
    { tag: TAG.SOPInstanceUID, vr: 'UI', value: s.sopInstanceUid },
    { tag: TAG.StudyDate, vr: 'DA', value: s.studyDate },
    { tag: TAG.SeriesDate, vr: 'DA', value: s.studyDate },
    { tag: TAG.AcquisitionDate, vr: 'DA', value: s.studyDate },
    { tag: TAG.ContentDate, vr: 'DA', value: s.studyDate },
    { tag: TAG.StudyTime, vr: 'TM', value: s.studyTime },
    { tag: TAG.SeriesTime, vr: 'TM', value: s.seriesTime ?? s.acquisitionTime },
    { tag: TAG.AcquisitionTime, vr: 'TM', value: s.acquisitionTime },
    { tag: TAG.ContentTime, vr: 'TM', value: s.acquisitionTime },
    { tag: TAG.AccessionNumber, vr: 'SH', value: s.accessionNumber ?? '' },
    { tag: TAG.Modality, vr: 'CS', value: 'CT' },
    { tag: TAG.Manufacturer, vr: 'LO', value: s.manufacturer },
    { tag: TAG.InstitutionName, vr: 'LO', value: s.institutionName },
    { tag: TAG.ReferringPhysicianName, vr: 'PN', value: '' },
    ...optional(TAG.StationName, 'SH', s.stationName),
    ...optional(TAG.StudyDescription, 'LO', s.studyDescription),
    { tag: TAG.SeriesDescription, vr: 'LO', value: s.seriesDescription },
    { tag: TAG.ManufacturerModelName, vr: 'LO', value: s.manufacturerModelName },
    { tag: TAG.PatientName, vr: 'PN', value: s.patientName },
    { tag: TAG.PatientID, vr: 'LO', value: s.patientId },
    { tag: TAG.PatientBirthDate, vr: 'DA', value: s.patientBirthDate ?? '' },
    { tag: TAG.PatientSex, vr: 'CS', value: s.patientSex ?? '' },
    ...optional(TAG.PatientAge, 'AS', s.patientAge),
    ...(s.contrast
      ? [
          { tag: TAG.ContrastBolusAgent, vr: 'LO', value: s.contrast.agent },
          ...optional(TAG.ContrastBolusRoute, 'LO', s.contrast.route),
          ...optional(TAG.ContrastBolusVolume, 'DS', s.contrast.volume),
          { tag: TAG.ContrastBolusStartTime, vr: 'TM', value: s.contrast.startTime },
          ...optional(TAG.ContrastBolusIngredient, 'CS', s.contrast.ingredient),
        ]
      : []),
    ...optional(TAG.BodyPartExamined, 'CS', s.bodyPartExamined),
    { tag: TAG.SliceThickness, vr: 'DS', value: [s.sliceThickness] },
    { tag: TAG.KVP, vr: 'DS', value: [s.kvp] },
    ...optional(TAG.ProtocolName, 'LO', s.protocolName),
    ...optional(TAG.SoftwareVersions, 'LO', s.softwareVersions),
    ...optional(TAG.XRayTubeCurrent, 'IS', s.xRayTubeCurrent),
    ...optional(TAG.Exposure, 'IS', s.exposure),
    { tag: TAG.ConvolutionKernel, vr: 'SH', value: s.convolutionKernel },
    { tag: TAG.PatientPosition, vr: 'CS', value: s.patientPosition ?? 'HFS' },
    { tag: TAG.StudyInstanceUID, vr: 'UI', value: s.studyInstanceUid },
    { tag: TAG.SeriesInstanceUID, vr: 'UI', value: s.seriesInstanceUid },
    { tag: TAG.StudyID, vr: 'SH', value: s.studyId ?? '' },
    { tag: TAG.SeriesNumber, vr: 'IS', value: [s.seriesNumber] },
    { tag: TAG.AcquisitionNumber, vr: 'IS', value: [s.acquisitionNumber ?? 1] },
    { tag: TAG.InstanceNumber, vr: 'IS', value: [s.instanceNumber] },
    { tag: TAG.ImagePositionPatient, vr: 'DS', value: [...ipp] },
    { tag: TAG.ImageOrientationPatient, vr: 'DS', value: [...iop] },
    { tag: TAG.FrameOfReferenceUID, vr: 'UI', value: s.frameOfReferenceUid },
    { tag: TAG.PositionReferenceIndicator, vr: 'LO', value: '' },
    { tag: SLICE_LOCATION, vr: 'DS', value: [sliceLocation] },
    { tag: TAG.SamplesPerPixel, vr: 'US', value: [1] },
    { tag: TAG.PhotometricInterpretation, vr: 'CS', value: 'MONOCHROME2' },
    { tag: TAG.Rows, vr: 'US', value: [s.rows] },
    { tag: TAG.Columns, vr: 'US', value: [s.columns] },
    { tag: TAG.PixelSpacing, vr: 'DS', value: [...s.pixelSpacing] },
    { tag: TAG.BitsAllocated, vr: 'US', value: [16] },
    { tag: TAG.BitsStored, vr: 'US', value: [16] },
    { tag: TAG.HighBit, vr: 'US', value: [15] },
    { tag: TAG.PixelRepresentation, vr: 'US', value: [1] },
    { tag: WINDOW_CENTER, vr: 'DS', value: [window.center] },
    { tag: WINDOW_WIDTH, vr: 'DS', value: [window.width] },
    { tag: TAG.RescaleIntercept, vr: 'DS', value: [s.rescaleIntercept] },
    { tag: TAG.RescaleSlope, vr: 'DS', value: [s.rescaleSlope] },
    { tag: RESCALE_TYPE, vr: 'LO', value: 'HU' },
    { tag: TAG.PixelData, vr: 'OW', value: new Uint8Array(s.pixels.buffer, s.pixels.byteOffset, s.pixels.byteLength) },
  ];
  return encodeDicomFile(dataset, DLRN_IMPLEMENTATION_CLASS_UID);
}
