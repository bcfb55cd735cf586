import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { HandlerError } from '../../../shared/ipc/result';
import type { ClinicalImportOutcome, JobResult, JobStart } from '../../../shared/ipc/workflow';
import { readClinicalCsv, type ClinicalTable } from '../../engine/io/clinicalTable';
import { parseStudyDefinition, type StudyDefinition } from '../../engine/study/definition';
import { readClinicalXlsx } from '../../engine/io/clinicalXlsx';
import { activeReading, guardNotReading, guardPatient } from '../../services/blinding';
import { ClinicalImportError, importClinicalTable } from '../../services/clinicalImport';
import { featureTablePage, listFeatureRuns } from '../../services/featureRuns';
import { phaseReview, setVolumePhase } from '../../services/phaseReview';
import { saveSemanticRatings, semanticRatings } from '../../services/semanticForm';
import { ServiceError } from '../../services/serviceError';
import { listStudies, predictWithNomogram, reportOutline, resultsPath, studyFigure, studySummary } from '../../services/studyResults';
import type { Project } from '../../storage/project';
import type { HandlerContext } from '../context';
import { allowedPath, rememberChosen } from './chosenPaths';
import type { Handler } from './index';

const ACTOR = 'app';

function projectOf(ctx: HandlerContext): Project {
  const p = ctx.services.current();
  if (!p) throw new HandlerError('conflict', 'no project is open');
  return p;
}

function queueOf(ctx: HandlerContext) {
  const q = ctx.services.jobs();
  if (!q) throw new HandlerError('conflict', 'no project is open');
  return q;
}

/** Run a service call, turning its refusals into typed IPC errors. */
async function run<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ServiceError) throw new HandlerError(err.kind, err.message);
    throw err;
  }
}

function existing(path: string, kind: 'file' | 'folder'): string {
  if (!existsSync(path)) throw new HandlerError('not_found', `${path} does not exist`);
  const isDir = statSync(path).isDirectory();
  if (kind === 'folder' ? !isDir : isDir) throw new HandlerError('invalid_input', `${path} is not a ${kind}`);
  return path;
}

/** Check a job request's paths and project references and turn it into the runner's parameters. */
function jobParams(ctx: HandlerContext, req: JobStart): { kind: JobStart['kind']; params: unknown } {
  const project = projectOf(ctx);
  const read = (path: string, what: string, kind: 'file' | 'folder' = 'file') => existing(allowedPath(ctx, path, 'read', what), kind);
  switch (req.kind) {
    case 'import.dicom':
      return { kind: req.kind, params: { ...req.params, dir: read(req.params.dir, 'import folder', 'folder') } };
    case 'features.extract':
      if (!project.db.prepare('SELECT 1 FROM readers WHERE name = ?').get(req.params.reader)) throw new HandlerError('not_found', `reader '${req.params.reader}' is not in this project`);
      return { kind: req.kind, params: { ...req.params, paramsFile: read(req.params.paramsFile, 'parameter file') } };
    case 'features.deep':
      if (!project.db.prepare('SELECT 1 FROM readers WHERE name = ?').get(req.params.reader)) throw new HandlerError('not_found', `reader '${req.params.reader}' is not in this project`);
      return { kind: req.kind, params: req.params };
    case 'study.run': {
      const { studyFile, runs, tables } = req.params;
      if (runs) {
        const ids = [runs.radiomics, ...(runs.deep !== undefined ? [runs.deep] : []), ...Object.values(runs.icc ?? {})];
        for (const id of ids) {
          if (!project.db.prepare("SELECT 1 FROM feature_runs WHERE id = ? AND status = 'done'").get(id)) throw new HandlerError('not_found', `feature run ${id} is not a finished run of this project`);
        }
      }
      return {
        kind: req.kind,
        params: {
          studyFile: read(studyFile, 'study definition'),
          ...(runs ? { runs } : {}),
          ...(tables
            ? {
                tables: {
                  features: read(tables.features, 'feature table'),
                  clinical: read(tables.clinical, 'clinical table'),
                  ...(tables.icc ? { icc: read(tables.icc, 'ICC ratings table') } : {}),
                },
              }
            : {}),
        },
      };
    }
    case 'report.study': {
      const resultsFile = resultsPath(project, req.params.study);
      if (!existsSync(resultsFile)) throw new HandlerError('not_found', `study '${req.params.study}' has no results in this project (run it first)`);
      const out = allowedPath(ctx, req.params.out, 'write', 'report file');
      if (extname(out).toLowerCase() !== '.pdf') throw new HandlerError('invalid_input', `${out}: the report is a PDF; choose a name ending in .pdf`);
      return { kind: req.kind, params: { resultsFile, out } };
    }
  }
}

function startJob(ctx: HandlerContext, req: JobStart): { jobId: number } {
  guardNotReading(ctx.services, 'starting a job');
  const q = queueOf(ctx);
  const { kind, params } = jobParams(ctx, req);
  const jobId = q.enqueue(kind, params);
  void q.drain();
  return { jobId };
}

function readClinicalFile(path: string): ClinicalTable {
  const bytes = readFileSync(path);
  const ext = extname(path).toLowerCase();
  return ext === '.xlsx' || ext === '.xls' ? readClinicalXlsx(bytes, path) : readClinicalCsv(bytes.toString('utf8'), path);
}

function importClinical(ctx: HandlerContext, file: string, createMissing: boolean): ClinicalImportOutcome {
  guardNotReading(ctx.services, 'clinical data');
  const project = projectOf(ctx);
  const path = existing(allowedPath(ctx, file, 'read', 'clinical table'), 'file');
  let table: ClinicalTable;
  try {
    table = readClinicalFile(path);
  } catch (err) {
    // A table the reader cannot take at all (no id column, two columns for one variable, bad CSV).
    return { imported: false, errors: [{ line: 1, patientId: null, column: '(table)', message: err instanceof Error ? err.message : String(err) }] };
  }
  try {
    const r = importClinicalTable(project, table, path, { createMissing, actor: ACTOR });
    return { imported: true, rows: r.imported, created: r.created, variables: r.variables };
  } catch (err) {
    if (err instanceof ClinicalImportError) return { imported: false, errors: err.errors };
    throw err;
  }
}

/** In a reading, only the active reader's own ratings of session patients. */
function guardRatings(ctx: HandlerContext, patientId: string, readerId: number) {
  guardPatient(ctx.services, patientId);
  const reading = activeReading(ctx.services);
  if (reading && reading.readerId !== readerId) {
    throw new ServiceError('forbidden', `reader ${readerId}'s ratings are hidden while '${reading.readerName}' reads session ${reading.sessionId} (leave the reading session first)`);
  }
  return reading;
}

export const workflowHandlers: {
  'dialogs.openFile': Handler<'dialogs.openFile'>;
  'dialogs.saveFile': Handler<'dialogs.saveFile'>;
  'jobs.start': Handler<'jobs.start'>;
  'jobs.result': Handler<'jobs.result'>;
  'volumes.phaseReview': Handler<'volumes.phaseReview'>;
  'volumes.setPhase': Handler<'volumes.setPhase'>;
  'clinical.import': Handler<'clinical.import'>;
  'features.runs': Handler<'features.runs'>;
  'features.table': Handler<'features.table'>;
  'study.list': Handler<'study.list'>;
  'study.inputs': Handler<'study.inputs'>;
  'study.results': Handler<'study.results'>;
  'results.figure': Handler<'results.figure'>;
  'report.preview': Handler<'report.preview'>;
  'report.export': Handler<'report.export'>;
  'nomogram.predict': Handler<'nomogram.predict'>;
  'semantic.get': Handler<'semantic.get'>;
  'semantic.save': Handler<'semantic.save'>;
} = {
  'dialogs.openFile': async (input, ctx) => rememberChosen(ctx, await ctx.dialogs.openFile(input.purpose), 'read'),
  'dialogs.saveFile': async (input, ctx) => rememberChosen(ctx, await ctx.dialogs.saveFile(input.purpose, input.defaultName), 'write'),
  'jobs.start': async (input, ctx) => run(() => startJob(ctx, input)),
  'jobs.result': async (input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'job results');
      const q = queueOf(ctx);
      let job;
      try {
        job = q.get(input.jobId);
      } catch {
        throw new ServiceError('not_found', `job ${input.jobId} is not in this project`);
      }
      const value = job.status === 'done' ? q.result(input.jobId) : undefined;
      return { job, result: value === undefined || value === null ? null : ({ kind: job.kind, value } as JobResult) };
    }),
  'volumes.phaseReview': async (_input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'phase review');
      return phaseReview(projectOf(ctx));
    }),
  'volumes.setPhase': async (input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'changing a volume\'s phase');
      return setVolumePhase(projectOf(ctx), input.volumeId, input.phase, ACTOR);
    }),
  'clinical.import': async (input, ctx) => run(() => importClinical(ctx, input.file, input.createMissing ?? false)),
  'features.runs': async (_input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'feature runs');
      return listFeatureRuns(projectOf(ctx));
    }),
  'features.table': async (input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'feature values');
      return featureTablePage(projectOf(ctx), input);
    }),
  'study.list': async (_input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'study results');
      return listStudies(projectOf(ctx));
    }),
  'study.inputs': async (input, ctx) =>
    run(() => {
      const path = existing(allowedPath(ctx, input.studyFile, 'read', 'study definition'), 'file');
      let definition: StudyDefinition;
      try {
        definition = parseStudyDefinition(readFileSync(path, 'utf8'), path);
      } catch (err) {
        throw new HandlerError('invalid_input', err instanceof Error ? err.message : String(err));
      }
      const icc = definition.icc;
      return { iccRaters: [...new Set([...(icc?.inter ?? []), ...(icc?.intra ?? [])])] };
    }),
  'study.results': async (input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'study results');
      return studySummary(projectOf(ctx), input.study);
    }),
  'results.figure': async (input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'study results');
      return studyFigure(projectOf(ctx), input.study, input.kind, { cohort: input.cohort, model: input.model });
    }),
  'report.preview': async (input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'study results');
      return reportOutline(projectOf(ctx), input.study);
    }),
  'report.export': async (input, ctx) => run(() => startJob(ctx, { kind: 'report.study', params: { study: input.study, out: input.out } })),
  'nomogram.predict': async (input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'study models');
      return predictWithNomogram(projectOf(ctx), input.study, input.values);
    }),
  'semantic.get': async (input, ctx) =>
    run(() => {
      const reading = guardRatings(ctx, input.patientId, input.readerId);
      return semanticRatings(projectOf(ctx), input.patientId, input.readerId, reading);
    }),
  'semantic.save': async (input, ctx) =>
    run(() => {
      const reading = guardRatings(ctx, input.patientId, input.readerId);
      return saveSemanticRatings(projectOf(ctx), input.patientId, input.readerId, input.values, reading);
    }),
};
