import { z } from 'zod';

/** Wire shapes of the patient list, volumes and segmentations (viewer and segmentation tools). */

export const Phase = z.enum(['non-contrast', 'arterial', 'venous', 'delayed', 'unassigned']);
export type Phase = z.infer<typeof Phase>;

export const SegmentationStatus = z.enum(['not_started', 'in_progress', 'completed', 'flagged']);
export type SegmentationStatus = z.infer<typeof SegmentationStatus>;

export const PixelType = z.enum(['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64']);
export type PixelType = z.infer<typeof PixelType>;

const Vec3 = z.tuple([z.number(), z.number(), z.number()]);
const Size3 = z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]);

export const PatientId = z.string().min(1).max(64);
export const VolumeId = z.number().int().positive();
export const ReaderId = z.number().int().positive();
/** Segment label: one segmentation row per (volume, reader, label), versioned. */
export const SegmentLabel = z.number().int().min(1).max(255);

export const ReaderStatus = z.object({
  readerId: z.number().int(),
  readerName: z.string(),
  status: SegmentationStatus,
});
export type ReaderStatus = z.infer<typeof ReaderStatus>;

export const PatientRow = z.object({
  id: z.string(),
  centre: z.string().nullable(),
  cohort: z.string().nullable(),
  phases: z.array(Phase),
  readers: z.array(ReaderStatus),
  /** Table-1 clinical variables recorded for this patient, out of `total`; null (hidden) during a reading session. */
  clinical: z.object({ present: z.number().int(), total: z.number().int() }).nullable(),
  /** Whether the outcome is recorded; null (hidden) during a reading session. */
  outcome: z.boolean().nullable(),
});
export type PatientRow = z.infer<typeof PatientRow>;

export const VolumeInfo = z.object({
  id: z.number().int(),
  patientId: z.string(),
  phase: Phase,
  seriesDescription: z.string().nullable(),
  size: Size3,
  spacing: Vec3,
});
export type VolumeInfo = z.infer<typeof VolumeInfo>;

export const VolumeHeader = z.object({
  volumeId: z.number().int(),
  hash: z.string(),
  size: Size3,
  spacing: Vec3,
  origin: Vec3,
  direction: z.array(z.number()).length(9),
  pixelType: PixelType,
  /** Where the raw little-endian voxels (x fastest) are fetched; built by the main process. */
  url: z.string(),
});
export type VolumeHeader = z.infer<typeof VolumeHeader>;

export const SegmentInfo = z.object({
  id: z.number().int(),
  volumeId: z.number().int(),
  readerId: z.number().int(),
  label: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  status: SegmentationStatus,
  /** Content hash of the binary (0/1, uint8) mask on the volume's grid; null before any drawing. */
  hash: z.string().nullable(),
  url: z.string().nullable(),
  createdAt: z.string(),
});
export type SegmentInfo = z.infer<typeof SegmentInfo>;

export const Reader = z.object({ id: z.number().int(), name: z.string(), role: z.enum(['reader', 'coordinator']) });
export type Reader = z.infer<typeof Reader>;

const SegmentName = z.string().trim().min(1).max(120);

export const imagingRoutes = {
  'patients.list': {
    input: z.object({}).strict(),
    output: z.array(PatientRow),
  },
  'readers.list': {
    input: z.object({}).strict(),
    output: z.array(Reader),
  },
  'readers.create': {
    input: z.object({ name: z.string().trim().min(1).max(120) }).strict(),
    output: Reader,
  },
  'volumes.forPatient': {
    input: z.object({ patientId: PatientId }).strict(),
    output: z.array(VolumeInfo),
  },
  'volumes.header': {
    input: z.object({ volumeId: VolumeId }).strict(),
    output: VolumeHeader,
  },
  'segmentations.get': {
    input: z.object({ volumeId: VolumeId, readerId: ReaderId }).strict(),
    output: z.array(SegmentInfo),
  },
  'segmentations.save': {
    input: z
      .object({
        volumeId: VolumeId,
        readerId: ReaderId,
        label: SegmentLabel,
        name: SegmentName,
        /** The version the edits started from (null: none saved yet); a newer one on disk is a conflict. */
        baseVersion: z.number().int().positive().nullable(),
        status: SegmentationStatus.optional(),
        autosave: z.boolean().default(false),
        /** Drawing tool of the edit (brush, eraser, threshold, polygon, …), recorded in the audit log. */
        tool: z.string().trim().min(1).max(40).optional(),
        /** Binary mask (0/1), one byte per voxel in the volume's order; travels as bytes, never JSON. */
        mask: z.instanceof(Uint8Array),
      })
      .strict(),
    output: SegmentInfo,
  },
  'segmentations.setStatus': {
    input: z.object({ volumeId: VolumeId, readerId: ReaderId, label: SegmentLabel, name: SegmentName, status: SegmentationStatus }).strict(),
    output: SegmentInfo,
  },
} as const;
