/**
 * DICOM Segmentation export (PS3.3 A.51): a BINARY SEG from a label volume on the grid of a
 * referenced image series. One frame per (segment, slice) that contains the segment, ordered by
 * segment then slice, as dcmqi writes them; dimensions ReferencedSegmentNumber and
 * ImagePositionPatient.
 */
import { indexToPhysical, type Volume } from '../../image/volume';
import { rgbToDicomLab } from './cielab';
import type { CodedConcept } from './seg';
import { TAG } from './tags';
import { newDicomUid } from './uid';
import { encodeDicomFile, type WriteElement } from './write';

/** Implementation Class UID of files written by DLRN Studio. */
export const DLRN_IMPLEMENTATION_CLASS_UID = '2.25.276823089349820834815174878793670153680';
const SEGMENTATION_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.66.4';
const CT_IMAGE_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.2';

/** SNOMED CT "Tissue", dcmqi's default category and type. */
export const TISSUE: CodedConcept = { codeValue: '85756007', codingSchemeDesignator: 'SCT', codeMeaning: 'Tissue' };

export interface SegExportSegment {
  /** Voxel value of this segment in the label volume. */
  labelValue: number;
  label: string;
  description?: string;
  /** sRGB 0–255; stored as Recommended Display CIELab Value. */
  color?: [number, number, number];
  category?: CodedConcept;
  type?: CodedConcept;
  algorithmType?: 'MANUAL' | 'SEMIAUTOMATIC' | 'AUTOMATIC';
  algorithmName?: string;
}

/** The image series the label volume was drawn on (its slices in volume z order). */
export interface SegReference {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  slices: { sopInstanceUid: string; sopClassUid?: string }[];
  patientName?: string;
  patientId?: string;
  patientBirthDate?: string;
  patientSex?: string;
  studyDate?: string;
  studyTime?: string;
  studyId?: string;
  accessionNumber?: string;
}

export interface SegExportOptions {
  seriesDescription?: string;
  seriesNumber?: number;
  contentLabel?: string;
  contentCreatorName?: string;
  /** Software version recorded in the equipment module. */
  softwareVersion?: string;
  /** Creation time (defaults to now). */
  now?: Date;
  /** UIDs to use (default: new 2.25 UIDs). */
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
}

function code(c: CodedConcept): WriteElement[] {
  return [
    { tag: TAG.CodeValue, vr: 'SH', value: c.codeValue },
    { tag: TAG.CodingSchemeDesignator, vr: 'SH', value: c.codingSchemeDesignator },
    { tag: TAG.CodeMeaning, vr: 'LO', value: c.codeMeaning },
  ];
}

function dicomDateTime(d: Date): { date: string; time: string } {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return {
    date: `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`,
    time: `${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`,
  };
}

/**
 * Encodes a BINARY DICOM SEG. Segment k (1-based, in `segments` order) covers the voxels whose
 * label equals its `labelValue`. The SEG's plane positions are computed from the label volume's
 * geometry: IPP(z) = origin + D·(0, 0, z·spacing_z); orientation from D's first two columns.
 * Frames are bit-packed least significant bit first without padding between frames (PS3.5 §8.1.1).
 * @throws when the volume's slice count differs from the reference's, or a segment is empty.
 */
export function encodeDicomSeg(labels: Volume, reference: SegReference, segments: SegExportSegment[], options: SegExportOptions = {}): Uint8Array {
  const [nx, ny, nz] = labels.size;
  if (reference.slices.length !== nz) {
    throw new Error(`SEG export: the label volume has ${nz} slices but the reference series has ${reference.slices.length}`);
  }
  if (segments.length === 0) throw new Error('SEG export: no segments');
  const d = labels.direction;
  const sliceVoxels = nx * ny;
  const frames: { segment: number; z: number }[] = [];
  segments.forEach((s, k) => {
    let any = false;
    for (let z = 0; z < nz; z++) {
      const slice = labels.data.subarray(z * sliceVoxels, (z + 1) * sliceVoxels);
      if (slice.some((v) => v === s.labelValue)) {
        frames.push({ segment: k + 1, z });
        any = true;
      }
    }
    if (!any) throw new Error(`SEG export: segment "${s.label}" (label ${s.labelValue}) has no voxels`);
  });

  const frameBits = sliceVoxels;
  const pixelBytes = new Uint8Array(Math.ceil((frames.length * frameBits) / 8));
  frames.forEach((f, i) => {
    const value = segments[f.segment - 1].labelValue;
    const base = f.z * sliceVoxels;
    const bit0 = i * frameBits;
    for (let p = 0; p < sliceVoxels; p++) {
      if (labels.data[base + p] === value) {
        const b = bit0 + p;
        pixelBytes[b >>> 3] |= 1 << (b & 7);
      }
    }
  });

  const now = dicomDateTime(options.now ?? new Date());
  const dimensionOrganizationUid = newDicomUid();
  const refClass = (k: number): string => reference.slices[k].sopClassUid ?? CT_IMAGE_SOP_CLASS;

  const segmentItems: WriteElement[][] = segments.map((s, k) => [
    { tag: TAG.SegmentNumber, vr: 'US', value: [k + 1] },
    { tag: TAG.SegmentLabel, vr: 'LO', value: s.label },
    ...(s.description ? [{ tag: TAG.SegmentDescription, vr: 'ST', value: s.description }] : []),
    { tag: TAG.SegmentAlgorithmType, vr: 'CS', value: s.algorithmType ?? 'MANUAL' },
    ...(s.algorithmType && s.algorithmType !== 'MANUAL' ? [{ tag: TAG.SegmentAlgorithmName, vr: 'LO', value: s.algorithmName ?? 'DLRN Studio' }] : []),
    { tag: TAG.SegmentedPropertyCategoryCodeSequence, vr: 'SQ', value: [code(s.category ?? TISSUE)] },
    { tag: TAG.SegmentedPropertyTypeCodeSequence, vr: 'SQ', value: [code(s.type ?? TISSUE)] },
    ...(s.color ? [{ tag: TAG.RecommendedDisplayCIELabValue, vr: 'US', value: rgbToDicomLab(s.color) }] : []),
  ]);

  const perFrame: WriteElement[][] = frames.map((f) => [
    {
      tag: TAG.DerivationImageSequence,
      vr: 'SQ',
      value: [
        [
          {
            tag: TAG.SourceImageSequence,
            vr: 'SQ',
            value: [
              [
                { tag: TAG.ReferencedSOPClassUID, vr: 'UI', value: refClass(f.z) },
                { tag: TAG.ReferencedSOPInstanceUID, vr: 'UI', value: reference.slices[f.z].sopInstanceUid },
                {
                  tag: TAG.PurposeOfReferenceCodeSequence,
                  vr: 'SQ',
                  value: [code({ codeValue: '121322', codingSchemeDesignator: 'DCM', codeMeaning: 'Source image for image processing operation' })],
                },
              ],
            ],
          },
          { tag: TAG.DerivationCodeSequence, vr: 'SQ', value: [code({ codeValue: '113076', codingSchemeDesignator: 'DCM', codeMeaning: 'Segmentation' })] },
        ],
      ],
    },
    { tag: TAG.FrameContentSequence, vr: 'SQ', value: [[{ tag: TAG.DimensionIndexValues, vr: 'UL', value: [f.segment, f.z + 1] }]] },
    { tag: TAG.PlanePositionSequence, vr: 'SQ', value: [[{ tag: TAG.ImagePositionPatient, vr: 'DS', value: indexToPhysical(labels, [0, 0, f.z]) }]] },
    { tag: TAG.SegmentIdentificationSequence, vr: 'SQ', value: [[{ tag: TAG.ReferencedSegmentNumber, vr: 'US', value: [f.segment] }]] },
  ]);

  const shared: WriteElement[] = [
    { tag: TAG.PlaneOrientationSequence, vr: 'SQ', value: [[{ tag: TAG.ImageOrientationPatient, vr: 'DS', value: [d[0], d[3], d[6], d[1], d[4], d[7]] }]] },
    {
      tag: TAG.PixelMeasuresSequence,
      vr: 'SQ',
      value: [
        [
          { tag: TAG.SliceThickness, vr: 'DS', value: [labels.spacing[2]] },
          { tag: TAG.SpacingBetweenSlices, vr: 'DS', value: [labels.spacing[2]] },
          { tag: TAG.PixelSpacing, vr: 'DS', value: [labels.spacing[1], labels.spacing[0]] },
        ],
      ],
    },
  ];

  const dataset: WriteElement[] = [
    { tag: TAG.SpecificCharacterSet, vr: 'CS', value: 'ISO_IR 192' },
    { tag: TAG.ImageType, vr: 'CS', value: ['DERIVED', 'PRIMARY'] },
    { tag: TAG.SOPClassUID, vr: 'UI', value: SEGMENTATION_SOP_CLASS },
    { tag: TAG.SOPInstanceUID, vr: 'UI', value: options.sopInstanceUid ?? newDicomUid() },
    { tag: TAG.StudyDate, vr: 'DA', value: reference.studyDate ?? '' },
    { tag: TAG.SeriesDate, vr: 'DA', value: now.date },
    { tag: TAG.ContentDate, vr: 'DA', value: now.date },
    { tag: TAG.StudyTime, vr: 'TM', value: reference.studyTime ?? '' },
    { tag: TAG.SeriesTime, vr: 'TM', value: now.time },
    { tag: TAG.ContentTime, vr: 'TM', value: now.time },
    { tag: TAG.AccessionNumber, vr: 'SH', value: reference.accessionNumber ?? '' },
    { tag: TAG.Modality, vr: 'CS', value: 'SEG' },
    { tag: TAG.Manufacturer, vr: 'LO', value: 'DLRN Studio' },
    { tag: TAG.ReferringPhysicianName, vr: 'PN', value: '' },
    { tag: TAG.SeriesDescription, vr: 'LO', value: options.seriesDescription ?? 'Segmentation' },
    { tag: TAG.ManufacturerModelName, vr: 'LO', value: 'DLRN Studio' },
    {
      tag: TAG.ReferencedSeriesSequence,
      vr: 'SQ',
      value: [
        [
          { tag: TAG.SeriesInstanceUID, vr: 'UI', value: reference.seriesInstanceUid },
          {
            tag: TAG.ReferencedInstanceSequence,
            vr: 'SQ',
            value: reference.slices.map((s, k) => [
              { tag: TAG.ReferencedSOPClassUID, vr: 'UI', value: refClass(k) },
              { tag: TAG.ReferencedSOPInstanceUID, vr: 'UI', value: s.sopInstanceUid },
            ]),
          },
        ],
      ],
    },
    { tag: TAG.PatientName, vr: 'PN', value: reference.patientName ?? '' },
    { tag: TAG.PatientID, vr: 'LO', value: reference.patientId ?? '' },
    { tag: TAG.PatientBirthDate, vr: 'DA', value: reference.patientBirthDate ?? '' },
    { tag: TAG.PatientSex, vr: 'CS', value: reference.patientSex ?? '' },
    { tag: TAG.DeviceSerialNumber, vr: 'LO', value: '0' },
    { tag: TAG.SoftwareVersions, vr: 'LO', value: options.softwareVersion ?? '0' },
    { tag: TAG.StudyInstanceUID, vr: 'UI', value: reference.studyInstanceUid },
    { tag: TAG.SeriesInstanceUID, vr: 'UI', value: options.seriesInstanceUid ?? newDicomUid() },
    { tag: TAG.StudyID, vr: 'SH', value: reference.studyId ?? '' },
    { tag: TAG.SeriesNumber, vr: 'IS', value: [options.seriesNumber ?? 300] },
    { tag: TAG.InstanceNumber, vr: 'IS', value: [1] },
    { tag: TAG.FrameOfReferenceUID, vr: 'UI', value: reference.frameOfReferenceUid },
    { tag: TAG.PositionReferenceIndicator, vr: 'LO', value: '' },
    { tag: TAG.DimensionOrganizationSequence, vr: 'SQ', value: [[{ tag: TAG.DimensionOrganizationUID, vr: 'UI', value: dimensionOrganizationUid }]] },
    {
      tag: TAG.DimensionIndexSequence,
      vr: 'SQ',
      value: [
        [
          { tag: TAG.DimensionOrganizationUID, vr: 'UI', value: dimensionOrganizationUid },
          { tag: TAG.DimensionIndexPointer, vr: 'AT', value: [TAG.ReferencedSegmentNumber] },
          { tag: TAG.FunctionalGroupPointer, vr: 'AT', value: [TAG.SegmentIdentificationSequence] },
          { tag: TAG.DimensionDescriptionLabel, vr: 'LO', value: 'ReferencedSegmentNumber' },
        ],
        [
          { tag: TAG.DimensionOrganizationUID, vr: 'UI', value: dimensionOrganizationUid },
          { tag: TAG.DimensionIndexPointer, vr: 'AT', value: [TAG.ImagePositionPatient] },
          { tag: TAG.FunctionalGroupPointer, vr: 'AT', value: [TAG.PlanePositionSequence] },
          { tag: TAG.DimensionDescriptionLabel, vr: 'LO', value: 'ImagePositionPatient' },
        ],
      ],
    },
    { tag: TAG.SamplesPerPixel, vr: 'US', value: [1] },
    { tag: TAG.PhotometricInterpretation, vr: 'CS', value: 'MONOCHROME2' },
    { tag: TAG.NumberOfFrames, vr: 'IS', value: [frames.length] },
    { tag: TAG.Rows, vr: 'US', value: [ny] },
    { tag: TAG.Columns, vr: 'US', value: [nx] },
    { tag: TAG.BitsAllocated, vr: 'US', value: [1] },
    { tag: TAG.BitsStored, vr: 'US', value: [1] },
    { tag: TAG.HighBit, vr: 'US', value: [0] },
    { tag: TAG.PixelRepresentation, vr: 'US', value: [0] },
    { tag: TAG.LossyImageCompression, vr: 'CS', value: '00' },
    { tag: TAG.SegmentationType, vr: 'CS', value: 'BINARY' },
    { tag: TAG.SegmentSequence, vr: 'SQ', value: segmentItems },
    { tag: TAG.ContentLabel, vr: 'CS', value: options.contentLabel ?? 'SEGMENTATION' },
    { tag: TAG.ContentDescription, vr: 'LO', value: options.seriesDescription ?? 'Segmentation' },
    { tag: TAG.ContentCreatorName, vr: 'PN', value: options.contentCreatorName ?? '' },
    { tag: TAG.SharedFunctionalGroupsSequence, vr: 'SQ', value: [shared] },
    { tag: TAG.PerFrameFunctionalGroupsSequence, vr: 'SQ', value: perFrame },
    { tag: TAG.PixelData, vr: 'OB', value: pixelBytes },
  ];
  return encodeDicomFile(dataset, DLRN_IMPLEMENTATION_CLASS_UID);
}
