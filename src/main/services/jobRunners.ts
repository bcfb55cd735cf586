import type { JobRunner } from './jobQueue';

/**
 * Every job kind the app can run, by name. Stages (import, extraction, study, report) register
 * their runners here as they land.
 */
export const jobRunners: Record<string, JobRunner<never, unknown, never>> = {};
