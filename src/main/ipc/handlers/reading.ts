import { HandlerError } from '../../../shared/ipc/result';
import type { SessionSummary } from '../../../shared/ipc/reading';
import { describeSource, iccFromRuns, maskAgreementReport, readingRuns, semanticAgreementReport } from '../../services/agreement';
import { parseIccForm } from '../../engine/reading/featureIcc';
import { activeReading, guardNotReading, guardPatient } from '../../services/blinding';
import { audit } from '../../services/audit';
import {
  createSession,
  enterSession,
  getSession,
  listSessions,
  nextPatient,
  overrideWashout,
  readerRatings,
  saveRating,
  sessionProgress,
  sessionWashout,
  submitSession,
  type ReadingContext,
  type SessionInfo,
} from '../../services/readingSessions';
import { ServiceError } from '../../services/serviceError';
import type { Project } from '../../storage/project';
import type { HandlerContext } from '../context';
import type { Handler } from './index';

function projectOf(ctx: HandlerContext): Project {
  const p = ctx.services.current();
  if (!p) throw new HandlerError('conflict', 'no project is open');
  return p;
}

/** Run a service call, turning its refusals into typed IPC errors. */
async function run<T>(fn: () => T): Promise<T> {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ServiceError) throw new HandlerError(err.kind, err.message);
    throw err;
  }
}

function reading(ctx: HandlerContext): ReadingContext {
  const r = activeReading(ctx.services);
  if (!r) throw new ServiceError('conflict', 'no reading session is active: enter one first');
  return r;
}

function summary(project: Project, s: SessionInfo): SessionSummary {
  const p = sessionProgress(project, s.id);
  return { ...s, progress: { done: p.done, total: p.total }, washout: sessionWashout(project, s, new Date()) };
}

function active(r: ReadingContext) {
  return { sessionId: r.sessionId, readerId: r.readerId, readerName: r.readerName, kind: r.kind, task: r.task, phases: r.phases, patients: [...r.patients] };
}

export const readingHandlers: {
  'readingSessions.list': Handler<'readingSessions.list'>;
  'readingSessions.create': Handler<'readingSessions.create'>;
  'readingSessions.overrideWashout': Handler<'readingSessions.overrideWashout'>;
  'readingSessions.enter': Handler<'readingSessions.enter'>;
  'readingSessions.leave': Handler<'readingSessions.leave'>;
  'readingSessions.current': Handler<'readingSessions.current'>;
  'readingSessions.progress': Handler<'readingSessions.progress'>;
  'readingSessions.next': Handler<'readingSessions.next'>;
  'readingSessions.submit': Handler<'readingSessions.submit'>;
  'ratings.get': Handler<'ratings.get'>;
  'ratings.save': Handler<'ratings.save'>;
  'agreement.masks': Handler<'agreement.masks'>;
  'agreement.semantic': Handler<'agreement.semantic'>;
  'agreement.runs': Handler<'agreement.runs'>;
  'agreement.icc': Handler<'agreement.icc'>;
} = {
  // In a reading, a reader sees only the active session.
  'readingSessions.list': async (_input, ctx) =>
    run(() => {
      const project = projectOf(ctx);
      const r = activeReading(ctx.services);
      return (r ? [getSession(project, r.sessionId)] : listSessions(project)).map((s) => summary(project, s));
    }),
  'readingSessions.create': async (input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'creating a session');
      const project = projectOf(ctx);
      return summary(project, createSession(project, { ...input, coordinator: input.coordinatorId, reader: input.readerId }));
    }),
  'readingSessions.overrideWashout': async (input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'overriding a wash-out');
      const project = projectOf(ctx);
      return summary(project, overrideWashout(project, input.sessionId, input.coordinatorId, input.reason));
    }),
  'readingSessions.enter': async (input, ctx) =>
    run(() => {
      const current = activeReading(ctx.services);
      if (current && current.sessionId !== input.sessionId) {
        throw new ServiceError('conflict', `session ${current.sessionId} is active: leave it before entering another`);
      }
      const r = enterSession(projectOf(ctx), input.sessionId, input.readerId);
      ctx.services.reading.set(r);
      return active(r);
    }),
  'readingSessions.leave': async (_input, ctx) =>
    run(() => {
      const r = activeReading(ctx.services);
      if (r) audit(projectOf(ctx), r.readerName, 'session.leave', 'reading_session', r.sessionId);
      ctx.services.reading.clear();
      return null;
    }),
  'readingSessions.current': async (_input, ctx) => {
    const r = activeReading(ctx.services);
    return r ? active(r) : null;
  },
  'readingSessions.progress': async (input, ctx) =>
    run(() => {
      const r = activeReading(ctx.services);
      if (r && r.sessionId !== input.sessionId) throw new ServiceError('forbidden', `session ${input.sessionId} is hidden while session ${r.sessionId} is being read`);
      return sessionProgress(projectOf(ctx), input.sessionId);
    }),
  'readingSessions.next': async (_input, ctx) => run(() => ({ patientId: nextPatient(projectOf(ctx), reading(ctx).sessionId) })),
  'readingSessions.submit': async (input, ctx) =>
    run(() => {
      const r = reading(ctx);
      const project = projectOf(ctx);
      const s = submitSession(project, r.sessionId, r.readerId, { incompleteReason: input.incompleteReason });
      ctx.services.reading.clear();
      return summary(project, s);
    }),
  'ratings.get': async (input, ctx) =>
    run(() => {
      const r = reading(ctx);
      guardPatient(ctx.services, input.patientId);
      return readerRatings(projectOf(ctx), r.sessionId, r.readerId, input.patientId);
    }),
  'ratings.save': async (input, ctx) =>
    run(() => {
      const r = reading(ctx);
      guardPatient(ctx.services, input.patientId);
      return saveRating(projectOf(ctx), { sessionId: r.sessionId, readerId: r.readerId, patientId: input.patientId, name: input.name, value: input.value, actor: r.readerName, tool: input.tool });
    }),
  'agreement.masks': async (_input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'reader agreement (other readers\' masks)');
      const { rows, missing } = maskAgreementReport(projectOf(ctx));
      return { rows, missing };
    }),
  'agreement.runs': async (_input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'feature runs of readers\' masks');
      return readingRuns(projectOf(ctx));
    }),
  'agreement.icc': async (input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'reader agreement (feature ICC)');
      const required = input.required ?? (['inter', 'intra'] as const).filter((c) => input.runs[c] !== undefined);
      const a = iccFromRuns(projectOf(ctx), input.runs, {
        form: parseIccForm(input.form),
        rule: { threshold: input.threshold, comparison: input.atLeast ? '>=' : '>', required: [...required] },
      });
      const kept = new Set(a.kept);
      return {
        form: a.form,
        rule: a.rule,
        readings: {
          reference: describeSource(a.design.reference),
          inter: a.design.inter ? describeSource(a.design.inter) : null,
          intra: a.design.intra ? describeSource(a.design.intra) : null,
        },
        rows: a.rows.map((r) => ({ feature: r.feature, phase: r.phase, imageType: r.imageType, featureClass: r.featureClass, inter: r.comparisons.inter ?? null, intra: r.comparisons.intra ?? null, kept: kept.has(r.feature) })),
        coverage: a.coverage.map((c) => ({ ...c, paired: c.paired.length })),
        kept: a.kept.length,
        summaries: a.summaries,
      };
    }),
  'agreement.semantic': async (_input, ctx) =>
    run(() => {
      guardNotReading(ctx.services, 'reader agreement (other readers\' ratings)');
      return semanticAgreementReport(projectOf(ctx));
    }),
};
