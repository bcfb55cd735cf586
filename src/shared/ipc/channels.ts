import type { Channel } from './contract';

/**
 * Channel names without the zod schemas, for the sandboxed preload (which forwards calls and
 * leaves validation to the main process). A test checks this list equals the contract's keys.
 */
export const channelNames = [
  'app.info',
  'dialogs.chooseFolder',
  'projects.recent',
  'projects.create',
  'projects.open',
  'jobs.list',
  'jobs.cancel',
  'patients.list',
  'readers.list',
  'readers.create',
  'volumes.forPatient',
  'volumes.header',
  'segmentations.get',
  'segmentations.save',
  'segmentations.setStatus',
  'readingSessions.list',
  'readingSessions.create',
  'readingSessions.overrideWashout',
  'readingSessions.enter',
  'readingSessions.leave',
  'readingSessions.current',
  'readingSessions.progress',
  'readingSessions.next',
  'readingSessions.submit',
  'ratings.get',
  'ratings.save',
  'agreement.masks',
  'agreement.semantic',
  'agreement.runs',
  'agreement.icc',
  'dialogs.openFile',
  'dialogs.saveFile',
  'jobs.start',
  'jobs.result',
  'volumes.phaseReview',
  'volumes.setPhase',
  'clinical.import',
  'features.runs',
  'features.table',
  'study.list',
  'study.inputs',
  'study.results',
  'results.figure',
  'report.preview',
  'report.export',
  'nomogram.predict',
  'semantic.get',
  'semantic.save',
] as const satisfies readonly Channel[];

/** The push channel for job events. */
export const JOB_EVENT_CHANNEL = 'job.event';
