import { z } from 'zod';
import { JobSummary } from '../jobs/events';
import { PatientId, Phase, ReaderId, VolumeId } from './imaging';

export { SEMANTIC_VARIABLES, type SemanticVariable } from './semanticVariables';

/** Wire shapes of the study workflow: dialogs for files, jobs, features, clinical import, results and reports. */

/**
 * A file or folder path the main process accepts for reading or writing: absolute (POSIX or Windows), bounded,
 * no NUL bytes. The handlers further require it to come from a dialog of this session or to lie in the project.
 */
export const AbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((s) => !s.includes('\0'), 'path contains a NUL byte')
  .refine((s) => s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\'), 'path must be absolute');

/** A study's folder name under `<project>/studies/` (no separators, no dot-dot). */
export const StudyName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\\/\0]+$/, 'a study name has no path separators')
  .refine((s) => s !== '.' && s !== '..', 'not a study name');

export const OpenFilePurpose = z.enum(['clinicalTable', 'extractionParams', 'studyDefinition', 'featureTable']);
export type OpenFilePurpose = z.infer<typeof OpenFilePurpose>;
export const SaveFilePurpose = z.enum(['reportPdf']);
export type SaveFilePurpose = z.infer<typeof SaveFilePurpose>;

const Label = z.string().trim().min(1).max(120);
const RunId = z.number().int().positive();
const ReaderName = z.string().trim().min(1).max(120);
const ExtractPhase = z.enum(['arterial', 'venous', 'delayed', 'non-contrast']);

/** Parameters of each job kind the renderer may start (src/main/services/jobRunners.ts runs them). */
export const JobStart = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('import.dicom'),
      params: z.object({ dir: AbsolutePath, centre: Label.optional(), cohort: Label.optional(), keepIdentity: z.boolean().optional() }).strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('features.extract'),
      params: z
        .object({
          paramsFile: AbsolutePath,
          reader: ReaderName,
          sessionId: z.number().int().positive().optional(),
          phases: z.array(ExtractPhase).min(1).max(4).optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('features.deep'),
      params: z
        .object({
          reader: ReaderName,
          sessionId: z.number().int().positive().optional(),
          /** Without a registered pretrained ResNet-18, use the random-init test network (labelled as such). */
          allowTestNetwork: z.boolean().optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('study.run'),
      params: z
        .object({
          studyFile: AbsolutePath,
          /** Project route: feature runs of this project. */
          runs: z
            .object({ radiomics: RunId, deep: RunId.optional(), icc: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), RunId).optional() })
            .strict()
            .optional(),
          /** Feature-table route: a feature table and a clinical table (CSV/XLSX), as `dlrn study run --features --clinical`. */
          tables: z.object({ features: AbsolutePath, clinical: AbsolutePath, icc: AbsolutePath.optional() }).strict().optional(),
        })
        .strict()
        .refine((p) => (p.runs === undefined) !== (p.tables === undefined), 'give either runs (project route) or tables (feature-table route)'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('report.study'),
      params: z.object({ study: StudyName, out: AbsolutePath }).strict(),
    })
    .strict(),
]);
export type JobStart = z.infer<typeof JobStart>;
export type JobKind = JobStart['kind'];

export const ImportReport = z.object({
  patients: z.number().int(),
  seriesImported: z.number().int(),
  seriesAlreadyPresent: z.number().int(),
  segmentationsImported: z.number().int(),
  review: z.array(z.object({ seriesInstanceUid: z.string(), label: z.string(), patientId: z.string(), reason: z.string() })),
  errors: z.array(z.object({ path: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ExtractionReport = z.object({
  runId: z.number().int(),
  extracted: z.number().int(),
  skipped: z.number().int(),
  failed: z.array(z.object({ patientId: z.string(), phase: z.string(), reason: z.string() })),
  features: z.number().int(),
});
export type ExtractionReport = z.infer<typeof ExtractionReport>;

export const DeepRunReport = z.object({
  runId: z.number().int(),
  /** The network's title, or the test network's label. */
  model: z.string(),
  provider: z.string(),
  patients: z.number().int(),
  failed: z.array(z.object({ patientId: z.string(), reason: z.string() })),
});
export type DeepRunReport = z.infer<typeof DeepRunReport>;

/** A finished job's result, by kind (null while it has none). */
export const JobResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('import.dicom'), value: ImportReport }),
  z.object({ kind: z.literal('features.extract'), value: ExtractionReport }),
  z.object({ kind: z.literal('features.deep'), value: DeepRunReport }),
  z.object({ kind: z.literal('study.run'), value: z.object({ outDir: z.string(), files: z.array(z.string()) }) }),
  z.object({ kind: z.literal('report.study'), value: z.object({ out: z.string(), bytes: z.number().int() }) }),
]);
export type JobResult = z.infer<typeof JobResult>;

export const PhaseReviewRow = z.object({
  volumeId: z.number().int(),
  patientId: z.string(),
  seriesDescription: z.string().nullable(),
  phase: Phase,
  /** How the phase was set: the automatic rule's basis, 'manual', or 'none' (unassigned). */
  basis: z.string(),
});
export type PhaseReviewRow = z.infer<typeof PhaseReviewRow>;

export const ClinicalRowError = z.object({ line: z.number().int(), patientId: z.string().nullable(), column: z.string(), message: z.string() });
export type ClinicalRowError = z.infer<typeof ClinicalRowError>;

export const ClinicalImportOutcome = z.discriminatedUnion('imported', [
  z.object({ imported: z.literal(true), rows: z.number().int(), created: z.number().int(), variables: z.array(z.string()) }),
  /** Nothing was imported: every problem, by line and column. */
  z.object({ imported: z.literal(false), errors: z.array(ClinicalRowError) }),
]);
export type ClinicalImportOutcome = z.infer<typeof ClinicalImportOutcome>;

export const FeatureRun = z.object({
  id: z.number().int(),
  kind: z.enum(['radiomics', 'deep']),
  status: z.enum(['running', 'done', 'failed']),
  createdAt: z.string(),
  softwareVersion: z.string(),
  /** Mask selection of a radiomics run (reader name, session). */
  reader: z.string().nullable(),
  sessionId: z.number().int().nullable(),
  patients: z.number().int(),
  phases: z.array(z.string()),
  features: z.number().int(),
});
export type FeatureRun = z.infer<typeof FeatureRun>;

export const FeatureTablePage = z.object({
  runId: z.number().int(),
  totalPatients: z.number().int(),
  totalColumns: z.number().int(),
  offset: z.number().int(),
  columnOffset: z.number().int(),
  /** `<phase prefix>_<feature>` as in the study's feature table. */
  columns: z.array(z.string()),
  rows: z.array(z.object({ patientId: z.string(), values: z.array(z.number().nullable()) })),
});
export type FeatureTablePage = z.infer<typeof FeatureTablePage>;

export const Cohort = z.enum(['training', 'validation']);
export type Cohort = z.infer<typeof Cohort>;

const Interval = z.object({ estimate: z.number(), lower: z.number().nullable(), upper: z.number().nullable() });

export const StudyListEntry = z.object({ study: z.string(), name: z.string(), modifiedAt: z.string() });
export type StudyListEntry = z.infer<typeof StudyListEntry>;

export const NomogramPredictor = z.object({
  name: z.string(),
  label: z.string(),
  /** Categorical predictor levels (codes); null = numeric. */
  levels: z.array(z.number()).nullable(),
  /** Range of the nomogram axis (its tick values). */
  min: z.number(),
  max: z.number(),
});
export type NomogramPredictor = z.infer<typeof NomogramPredictor>;

export const StudySummary = z.object({
  study: z.string(),
  name: z.string(),
  software: z.string(),
  outcome: z.string(),
  cohorts: z.array(z.object({ cohort: Cohort, n: z.number().int(), events: z.number().int(), nonEvents: z.number().int() })),
  /** AUC with its DeLong CI and sensitivity/specificity at the chosen threshold, per model and cohort. */
  performance: z.array(
    z.object({ model: z.string(), label: z.string(), cohort: Cohort, auc: Interval, sensitivity: Interval.nullable(), specificity: Interval.nullable(), accuracy: Interval.nullable() }),
  ),
  dlrnFormula: z.string(),
  predictors: z.array(NomogramPredictor),
  hasSurvival: z.boolean(),
  warnings: z.array(z.string()),
});
export type StudySummary = z.infer<typeof StudySummary>;

export const FigureKind = z.enum(['roc', 'calibration', 'dca', 'km', 'nomogram']);
export type FigureKind = z.infer<typeof FigureKind>;

export const RenderedFigure = z.object({
  kind: FigureKind,
  /** Standalone SVG document (shown as an <img> data: URL, never inlined as markup); null when skipped. */
  svg: z.string().nullable(),
  title: z.string(),
  caption: z.string(),
  /** Why there is nothing to draw (e.g. no survival analysis). */
  skipped: z.string().nullable(),
});
export type RenderedFigure = z.infer<typeof RenderedFigure>;

export const ReportOutlineItem = z.object({ kind: z.enum(['heading', 'figure', 'table']), text: z.string(), level: z.number().int().nullable() });
export type ReportOutlineItem = z.infer<typeof ReportOutlineItem>;

export const NomogramPrediction = z.object({
  predictors: z.array(z.object({ name: z.string(), label: z.string(), value: z.number(), points: z.number() })),
  totalPoints: z.number(),
  linearPredictor: z.number(),
  probability: z.number(),
  lower: z.number(),
  upper: z.number(),
  confLevel: z.number(),
  riskGroup: z.object({ level: z.enum(['high', 'low']), cut: z.number(), rule: z.string() }).nullable(),
  /** The nomogram with this patient marked (SVG document). */
  svg: z.string(),
});
export type NomogramPrediction = z.infer<typeof NomogramPrediction>;

const Binary = z.union([z.literal(0), z.literal(1)]).nullable();
export const SemanticValues = z
  .object({
    necrosis: Binary,
    enhancement_degree: Binary,
    enhancement_pattern: Binary,
    contours: Binary,
    adjacent_organ_involvement: Binary,
    tumour_size_mm: z.number().finite().min(0).max(1000).nullable(),
  })
  .strict();
export type SemanticValues = z.infer<typeof SemanticValues>;

export const workflowRoutes = {
  'dialogs.openFile': {
    input: z.object({ purpose: OpenFilePurpose }).strict(),
    output: z.string().nullable(),
  },
  'dialogs.saveFile': {
    input: z.object({ purpose: SaveFilePurpose, defaultName: z.string().trim().min(1).max(200).regex(/^[^\\/\0]+$/).optional() }).strict(),
    output: z.string().nullable(),
  },
  'jobs.start': {
    input: JobStart,
    output: z.object({ jobId: z.number().int() }),
  },
  'jobs.result': {
    input: z.object({ jobId: z.number().int().positive() }).strict(),
    output: z.object({ job: JobSummary, result: JobResult.nullable() }),
  },
  'volumes.phaseReview': {
    input: z.object({}).strict(),
    output: z.array(PhaseReviewRow),
  },
  'volumes.setPhase': {
    input: z.object({ volumeId: VolumeId, phase: Phase }).strict(),
    output: PhaseReviewRow,
  },
  'clinical.import': {
    input: z.object({ file: AbsolutePath, createMissing: z.boolean().optional() }).strict(),
    output: ClinicalImportOutcome,
  },
  'features.runs': {
    input: z.object({}).strict(),
    output: z.array(FeatureRun),
  },
  'features.table': {
    input: z
      .object({
        runId: RunId,
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(200),
        columnOffset: z.number().int().min(0).default(0),
        columnLimit: z.number().int().min(1).max(100).default(40),
        /** Case-insensitive substring of the column name. */
        filter: z.string().max(200).optional(),
      })
      .strict(),
    output: FeatureTablePage,
  },
  'study.list': {
    input: z.object({}).strict(),
    output: z.array(StudyListEntry),
  },
  /** What a study definition asks of the project route: the rating labels its ICC filter compares. */
  'study.inputs': {
    input: z.object({ studyFile: AbsolutePath }).strict(),
    output: z.object({ iccRaters: z.array(z.string()) }).strict(),
  },
  'study.results': {
    input: z.object({ study: StudyName }).strict(),
    output: StudySummary,
  },
  'results.figure': {
    input: z.object({ study: StudyName, kind: FigureKind, cohort: Cohort.optional(), model: z.string().max(100).optional() }).strict(),
    output: RenderedFigure,
  },
  'report.preview': {
    input: z.object({ study: StudyName }).strict(),
    output: z.array(ReportOutlineItem),
  },
  'report.export': {
    input: z.object({ study: StudyName, out: AbsolutePath }).strict(),
    output: z.object({ jobId: z.number().int() }),
  },
  'nomogram.predict': {
    input: z.object({ study: StudyName, values: z.record(z.string().max(200), z.number().finite()) }).strict(),
    output: NomogramPrediction,
  },
  'semantic.get': {
    input: z.object({ patientId: PatientId, readerId: ReaderId }).strict(),
    output: SemanticValues,
  },
  'semantic.save': {
    input: z.object({ patientId: PatientId, readerId: ReaderId, values: SemanticValues }).strict(),
    output: SemanticValues,
  },
} as const;
