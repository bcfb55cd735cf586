import { z } from 'zod';

export const JobStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;

/** Everything a job pushes to listeners (renderer, CLI progress bar) on the `job.event` channel. */
export const JobEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    jobId: z.number().int(),
    progress: z.number().min(0).max(1),
    message: z.string().nullable(),
    etaSeconds: z.number().nullable(),
  }),
  z.object({ type: z.literal('started'), jobId: z.number().int(), kind: z.string() }),
  z.object({ type: z.literal('done'), jobId: z.number().int(), result: z.unknown() }),
  z.object({ type: z.literal('failed'), jobId: z.number().int(), error: z.string() }),
  z.object({ type: z.literal('cancelled'), jobId: z.number().int() }),
]);
export type JobEvent = z.infer<typeof JobEvent>;

export const JobSummary = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: JobStatus,
  progress: z.number(),
  message: z.string().nullable(),
  etaSeconds: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobSummary = z.infer<typeof JobSummary>;
