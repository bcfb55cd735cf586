import type { JobRunner } from './jobQueue';
import type { AppServices } from './appServices';
import { importDicomFolder, type ImportReport } from './dicomImport';

interface ImportParams {
  dir: string;
  centre?: string;
  cohort?: string;
  keepIdentity?: boolean;
}

/**
 * Every job kind the app can run, by name, bound to the services that own the open project.
 * Stages (extraction, study, report) register their runners here as they land.
 */
export function jobRunners(services: AppServices): Record<string, JobRunner<never, unknown, never>> {
  const importDicom: JobRunner<ImportParams, ImportReport, { done: string[] }> = async (ctx) => {
    const project = services.current();
    if (!project) throw new Error('no project is open');
    return importDicomFolder(project, ctx.params.dir, {
      centre: ctx.params.centre,
      cohort: ctx.params.cohort,
      keepIdentity: ctx.params.keepIdentity,
      actor: 'app',
      signal: ctx.signal,
      done: ctx.checkpoint?.done,
      onProgress: (f, m) => ctx.progress(f, m),
      onCommitted: (done) => ctx.commit({ done }),
    });
  };
  return { 'import.dicom': importDicom as JobRunner<never, unknown, never> };
}
