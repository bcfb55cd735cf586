import { z } from 'zod';
import { PatientId, ReaderId } from './imaging';

/** Wire shapes of reading sessions, semantic ratings and the agreement dashboard. */

export const SessionKind = z.enum(['primary', 'inter', 'intra']);
export const SessionTask = z.enum(['delineation', 'semantic', 'both']);
export const ReadingPhase = z.enum(['arterial', 'venous', 'delayed', 'non-contrast']);
const SessionId = z.number().int().positive();

export const Washout = z.object({
  open: z.boolean(),
  availableAt: z.string().nullable(),
  daysLeft: z.number(),
  reason: z.string(),
});

export const SessionSummary = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  readerId: z.number().int(),
  readerName: z.string(),
  kind: SessionKind,
  task: SessionTask,
  phases: z.array(ReadingPhase),
  status: z.enum(['open', 'submitted']),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  repeatOf: z.number().int().nullable(),
  washoutDays: z.number().nullable(),
  washoutOverride: z.string().nullable(),
  subsetSeed: z.number().int().nullable(),
  openedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  patients: z.array(z.string()),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  washout: Washout,
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const ActiveReading = z.object({
  sessionId: z.number().int(),
  readerId: z.number().int(),
  readerName: z.string(),
  kind: SessionKind,
  task: SessionTask,
  phases: z.array(ReadingPhase),
  patients: z.array(z.string()),
});
export type ActiveReading = z.infer<typeof ActiveReading>;

export const SessionProgress = z.object({
  sessionId: z.number().int(),
  readerName: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  patients: z.array(
    z.object({
      patientId: z.string(),
      phases: z.array(z.object({ phase: ReadingPhase, volumeId: z.number().int().nullable(), status: z.string() })),
      rated: z.number().int(),
      done: z.boolean(),
    }),
  ),
});

const PatientChoice = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ ids: z.array(PatientId).min(1).max(100_000) }).strict(),
  z.object({ sameAs: SessionId }).strict(),
  z.object({ subset: z.object({ seed: z.number().int(), size: z.number().int().positive().optional() }).strict() }).strict(),
]);

export const Rating = z.object({ name: z.string(), value: z.number().nullable(), version: z.number().int(), createdAt: z.string() });

const Comparison = z.enum(['inter', 'intra']);
const Nullable = z.number().nullable();

export const MaskAgreementRow = z.object({
  comparison: Comparison,
  patientId: z.string(),
  phase: z.string(),
  reference: z.string(),
  other: z.string(),
  dice: Nullable,
  jaccard: Nullable,
  hausdorffMm: Nullable,
  hd95Mm: Nullable,
  volumeAMm3: z.number(),
  volumeBMm3: z.number(),
  volumeDiffMm3: z.number(),
  volumeDiffPercent: Nullable,
  undefinedReason: z.string().nullable(),
  flags: z.array(z.string()),
});

export const SemanticAgreementRow = z.object({
  comparison: Comparison,
  variable: z.string(),
  scale: z.enum(['categorical', 'ordinal', 'continuous']),
  statistic: z.string(),
  n: z.number().int(),
  missing: z.number().int(),
  value: Nullable,
  lower: Nullable,
  upper: Nullable,
  p: Nullable,
  reason: z.string().nullable(),
});

const VariableName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/);

const PairIcc = z.object({ n: z.number().int(), missingValue: z.number().int(), icc: Nullable, lower: Nullable, upper: Nullable, p: Nullable, reason: z.string().nullable() });
const PassCount = z.object({ group: z.string(), total: z.number().int(), kept: z.number().int(), undefined: z.number().int() });
const RunId = z.number().int().positive();

export const IccDashboard = z.object({
  form: z.object({ model: z.string(), type: z.string(), unit: z.string(), label: z.string() }),
  rule: z.object({ threshold: z.number(), comparison: z.enum(['>', '>=']), required: z.array(Comparison) }),
  readings: z.object({ reference: z.string(), inter: z.string().nullable(), intra: z.string().nullable() }),
  rows: z.array(
    z.object({ feature: z.string(), phase: z.string(), imageType: z.string(), featureClass: z.string(), inter: PairIcc.nullable(), intra: PairIcc.nullable(), kept: z.boolean() }),
  ),
  coverage: z.array(z.object({ comparison: Comparison, expected: z.number().int(), paired: z.number().int(), missingReference: z.array(z.string()), missingOther: z.array(z.string()) })),
  kept: z.number().int(),
  summaries: z.object({ phase: z.array(PassCount), imageType: z.array(PassCount), featureClass: z.array(PassCount) }),
});
export type IccDashboard = z.infer<typeof IccDashboard>;

export const ReadingRun = z.object({ runId: z.number().int(), reader: z.string(), sessionId: z.number().int().nullable(), status: z.string(), createdAt: z.string(), patients: z.number().int() });

export const readingRoutes = {
  'readingSessions.list': {
    input: z.object({}).strict(),
    output: z.array(SessionSummary),
  },
  'readingSessions.create': {
    input: z
      .object({
        coordinatorId: ReaderId,
        readerId: ReaderId,
        kind: SessionKind,
        task: SessionTask,
        phases: z.array(ReadingPhase).min(1).optional(),
        name: z.string().trim().min(1).max(200).optional(),
        patients: PatientChoice.optional(),
        repeatOf: SessionId.nullable().optional(),
        washoutDays: z.number().min(0).max(3650).optional(),
      })
      .strict(),
    output: SessionSummary,
  },
  'readingSessions.overrideWashout': {
    input: z.object({ sessionId: SessionId, coordinatorId: ReaderId, reason: z.string().trim().min(3).max(2000) }).strict(),
    output: SessionSummary,
  },
  /** Start reading: blinding applies until `readingSessions.leave`. */
  'readingSessions.enter': {
    input: z.object({ sessionId: SessionId, readerId: ReaderId }).strict(),
    output: ActiveReading,
  },
  'readingSessions.leave': {
    input: z.object({}).strict(),
    output: z.null(),
  },
  'readingSessions.current': {
    input: z.object({}).strict(),
    output: ActiveReading.nullable(),
  },
  'readingSessions.progress': {
    input: z.object({ sessionId: SessionId }).strict(),
    output: SessionProgress,
  },
  /** The next patient of the active session that is not done (null: all done). */
  'readingSessions.next': {
    input: z.object({}).strict(),
    output: z.object({ patientId: z.string().nullable() }),
  },
  /** Submit the active session (then it is immutable) and leave it. */
  'readingSessions.submit': {
    input: z.object({ incompleteReason: z.string().trim().min(3).max(2000).optional() }).strict(),
    output: SessionSummary,
  },
  /** The active reader's latest ratings of a patient in the active session. */
  'ratings.get': {
    input: z.object({ patientId: PatientId }).strict(),
    output: z.array(Rating),
  },
  'ratings.save': {
    input: z.object({ patientId: PatientId, name: VariableName, value: z.number().finite().nullable(), tool: z.string().trim().min(1).max(40).optional() }).strict(),
    output: Rating,
  },
  /** Mask agreement per patient and phase with adjudication flags (coordinator mode only). */
  'agreement.masks': {
    input: z.object({}).strict(),
    output: z.object({
      rows: z.array(MaskAgreementRow),
      missing: z.array(z.object({ comparison: Comparison, patientId: z.string(), phase: z.string(), missing: z.enum(['reference', 'other', 'both']) })),
    }),
  },
  /** Radiomics feature runs extracted on one reading's masks (to pick for `agreement.icc`). */
  'agreement.runs': {
    input: z.object({}).strict(),
    output: z.array(ReadingRun),
  },
  /** Per-feature ICC, the ICC > threshold filter and pass counts from stored feature runs (coordinator mode only). */
  'agreement.icc': {
    input: z
      .object({
        runs: z.object({ reference: RunId, inter: RunId.optional(), intra: RunId.optional() }).strict(),
        form: z.enum(['A1', 'Ak', 'C1', 'Ck', '1', 'k']).default('A1'),
        threshold: z.number().gt(-1).lt(1).default(0.8),
        atLeast: z.boolean().default(false),
        required: z.array(Comparison).min(1).optional(),
      })
      .strict(),
    output: IccDashboard,
  },
  /** Semantic-rating agreement, Table S1 (coordinator mode only). */
  'agreement.semantic': {
    input: z.object({}).strict(),
    output: z.array(SemanticAgreementRow),
  },
} as const;
