import { z } from 'zod';
import { JobSummary } from '../jobs/events';
import { imagingRoutes } from './imaging';
import { readingRoutes } from './reading';
import { workflowRoutes } from './workflow';

/** Absolute or user-chosen folder path; never empty, bounded length, no NUL bytes. */
const FolderPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((s) => !s.includes('\0'), 'path contains a NUL byte');

export const ProjectSummary = z.object({
  dir: z.string(),
  name: z.string(),
  id: z.string(),
  createdAt: z.string(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const ProjectDetails = ProjectSummary.extend({
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  counts: z.record(z.string(), z.number()),
});
export type ProjectDetails = z.infer<typeof ProjectDetails>;

interface Route {
  input: z.ZodType;
  output: z.ZodType;
}

/**
 * The IPC contract: the only place channels are declared. The preload API, the main-process
 * handler registry, the renderer client and the loopback test bridge are all derived from it.
 */
export const contract = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), host: z.enum(['electron', 'bridge']) }),
  },
  'dialogs.chooseFolder': {
    input: z.object({ purpose: z.enum(['newProject', 'openProject', 'importFolder']) }).strict(),
    output: z.string().nullable(),
  },
  'projects.recent': {
    input: z.object({}).strict(),
    output: z.array(ProjectSummary),
  },
  'projects.create': {
    input: z.object({ dir: FolderPath, name: z.string().min(1).max(200).optional() }).strict(),
    output: ProjectDetails,
  },
  'projects.open': {
    input: z.object({ dir: FolderPath }).strict(),
    output: ProjectDetails,
  },
  'jobs.list': {
    input: z.object({}).strict(),
    output: z.array(JobSummary),
  },
  'jobs.cancel': {
    input: z.object({ jobId: z.number().int().positive() }).strict(),
    output: z.null(),
  },
  // Patients, volumes and segmentations for the viewer (schemas in ./imaging).
  ...imagingRoutes,
  // Reading sessions, semantic ratings and reader agreement (schemas in ./reading).
  ...readingRoutes,
  // Import, jobs, features, clinical table, study results, reports and semantic ratings (schemas in ./workflow).
  ...workflowRoutes,
} as const satisfies Record<string, Route>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

/** Channel names of the contract. */
export const channels = Object.keys(contract) as Channel[];
