import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JobRunner } from './jobQueue';
import type { AppServices } from './appServices';
import { appVersion } from '../appInfo';
import { importDicomFolder, type ImportReport } from './dicomImport';
import { runDeepFeatures, type DeepRunReport } from './deepFeatureRun';
import { runFeatureExtraction, type ExtractionRunReport } from './featureExtraction';
import type { ProjectStudyRuns } from './projectStudySource';
import { softwareInfo } from './studyRunner';
import { runStudyInPool, type StudyWorkerData } from './studyJob';
import type { Project } from '../storage/project';
import { parseStudyDefinition } from '../engine/study/definition';
import { analysisStages } from '../engine/study/pipeline';
import { writeStudyReport } from '../export/pdf/studyReport';

interface ImportParams {
  dir: string;
  centre?: string;
  cohort?: string;
  keepIdentity?: boolean;
}

interface ExtractParams {
  /** A pyradiomics parameter file. */
  paramsFile: string;
  reader: string;
  sessionId?: number;
  phases?: string[];
}

interface DeepParams {
  reader: string;
  sessionId?: number;
  allowTestNetwork?: boolean;
}

interface StudyParams {
  studyFile: string;
  /** Project route: the project's feature runs. Exactly one of `runs` and `tables`. */
  runs?: ProjectStudyRuns;
  /** Feature-table route (`dlrn study run --features --clinical [--icc]`): CSV files. */
  tables?: { features: string; clinical: string; icc?: string };
  /** Output folder; default <project>/studies/<study file name>. */
  outDir?: string;
}

interface ReportParams {
  resultsFile: string;
  out: string;
}

function studyData(project: Project, p: StudyParams): StudyWorkerData {
  if (p.tables) return { kind: 'tables', ...p.tables };
  if (p.runs) return { kind: 'project', dir: project.dir, runs: p.runs };
  throw new Error('study.run needs either feature runs (project route) or tables (feature-table route)');
}

function openProject(services: AppServices) {
  const project = services.current();
  if (!project) throw new Error('no project is open');
  return project;
}

/**
 * Every job kind the app can run, by name, bound to the services that own the open project and
 * the compute pool. Each runner reports progress, honours cancellation and, where a unit of work
 * is committed, records a checkpoint so an interrupted job resumes.
 */
export function jobRunners(services: AppServices): Record<string, JobRunner<never, unknown, never>> {
  const importDicom: JobRunner<ImportParams, ImportReport, { done: string[] }> = async (ctx) =>
    importDicomFolder(openProject(services), ctx.params.dir, {
      centre: ctx.params.centre,
      cohort: ctx.params.cohort,
      keepIdentity: ctx.params.keepIdentity,
      actor: 'app',
      signal: ctx.signal,
      done: ctx.checkpoint?.done,
      onProgress: (f, m) => ctx.progress(f, m),
      onCommitted: (done) => ctx.commit({ done }),
    });

  const extract: JobRunner<ExtractParams, ExtractionRunReport, { runId: number }> = async (ctx) => {
    const project = openProject(services);
    return runFeatureExtraction(project, services.pool(), {
      paramsText: readFileSync(ctx.params.paramsFile, 'utf8'),
      masks: { reader: ctx.params.reader, sessionId: ctx.params.sessionId },
      phases: ctx.params.phases,
      appVersion: appVersion(),
      signal: ctx.signal,
      resume: ctx.checkpoint,
      onRunCreated: (runId) => ctx.commit({ runId }),
      onProgress: (f, m) => ctx.progress(f, m),
    });
  };

  // Inference runs in the crash-isolated inference host; a cancelled run leaves no rows behind.
  const deep: JobRunner<DeepParams, DeepRunReport> = async (ctx) =>
    runDeepFeatures(openProject(services), {
      reader: ctx.params.reader,
      sessionId: ctx.params.sessionId,
      allowTestNetwork: ctx.params.allowTestNetwork ?? false,
      appVersion: appVersion(),
      signal: ctx.signal,
      onProgress: (f, m) => ctx.progress(f, m),
    });

  // The data are read and the stages run in the compute pool; results are written here once it has finished.
  const study: JobRunner<StudyParams, { outDir: string; files: string[] }> = async (ctx) => {
    const project = openProject(services);
    const studyFile = resolve(ctx.params.studyFile);
    const definitionText = readFileSync(studyFile, 'utf8');
    const definition = parseStudyDefinition(definitionText, studyFile);
    const outDir = ctx.params.outDir ?? join(project.dir, 'studies', studyFile.split(/[\\/]/).pop()!.replace(/\.ya?ml$/i, ''));
    const total = analysisStages(definition).length + 1;
    const stages = new Set<string>();
    ctx.progress(0, 'loading data');
    const files = await runStudyInPool(
      services.pool(),
      { definitionText, definitionPath: studyFile, data: studyData(project, ctx.params), outDir, software: softwareInfo() },
      {
        signal: ctx.signal,
        onStage: (e) => {
          stages.add(e.stage);
          ctx.progress(Math.min(0.99, stages.size / total), `stage ${e.stage}`);
        },
      },
    );
    return { outDir, files };
  };

  const report: JobRunner<ReportParams, { out: string; bytes: number }> = async (ctx) => {
    const bytes = await writeStudyReport(ctx.params.resultsFile, ctx.params.out, { reporterVersion: appVersion() });
    return { out: ctx.params.out, bytes };
  };

  return {
    'import.dicom': importDicom as JobRunner<never, unknown, never>,
    'features.extract': extract as JobRunner<never, unknown, never>,
    'features.deep': deep as JobRunner<never, unknown, never>,
    'study.run': study as JobRunner<never, unknown, never>,
    'report.study': report as JobRunner<never, unknown, never>,
  };
}
