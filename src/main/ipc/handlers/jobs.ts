import { HandlerError } from '../../../shared/ipc/result';
import type { HandlerContext } from '../context';
import type { Handler } from './index';

function queueOf(ctx: HandlerContext) {
  const q = ctx.services.jobs();
  if (!q) throw new HandlerError('conflict', 'no project is open');
  return q;
}

export const jobHandlers: { 'jobs.list': Handler<'jobs.list'>; 'jobs.cancel': Handler<'jobs.cancel'> } = {
  'jobs.list': async (_input, ctx) => queueOf(ctx).list(),
  'jobs.cancel': async (input, ctx) => {
    queueOf(ctx).cancel(input.jobId);
    return null;
  },
};
