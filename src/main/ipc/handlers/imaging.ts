import { HandlerError } from '../../../shared/ipc/result';
import type { SegmentInfo } from '../../../shared/ipc/imaging';
import { blindPatientList, guardPatient, guardVolume, segmentScope } from '../../services/blinding';
import { listPatients } from '../../services/patientList';
import { createReader, listReaders, listSegments, saveSegment, setSegmentStatus, type SegmentRecord } from '../../services/segmentationService';
import { ServiceError } from '../../services/serviceError';
import { volumeGeometry, volumesForPatient } from '../../services/volumeService';
import type { Project } from '../../storage/project';
import type { HandlerContext } from '../context';
import type { Handler } from './index';

/** Scheme the Electron shell registers for voxel streaming (src/main/app/protocol.ts). */
export const VOLUME_SCHEME = 'dlrn-volume';

function projectOf(ctx: HandlerContext): Project {
  const p = ctx.services.current();
  if (!p) throw new HandlerError('conflict', 'no project is open');
  return p;
}

function urlOf(ctx: HandlerContext, hash: string): string {
  if (ctx.volumeUrl) return ctx.volumeUrl(hash);
  if (ctx.host === 'electron') return `${VOLUME_SCHEME}://volume/${hash}`;
  throw new HandlerError('failed', 'this host serves no voxel data (no volume URL configured)');
}

function segmentInfo(ctx: HandlerContext, r: SegmentRecord): SegmentInfo {
  return { ...r, url: r.hash ? urlOf(ctx, r.hash) : null };
}

/** Run a service call, turning its refusals into typed IPC errors. */
async function guarded<T>(fn: () => T): Promise<T> {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ServiceError) throw new HandlerError(err.kind, err.message);
    throw err;
  }
}

export const imagingHandlers: {
  'patients.list': Handler<'patients.list'>;
  'readers.list': Handler<'readers.list'>;
  'readers.create': Handler<'readers.create'>;
  'volumes.forPatient': Handler<'volumes.forPatient'>;
  'volumes.header': Handler<'volumes.header'>;
  'segmentations.get': Handler<'segmentations.get'>;
  'segmentations.save': Handler<'segmentations.save'>;
  'segmentations.setStatus': Handler<'segmentations.setStatus'>;
} = {
  'patients.list': async (_input, ctx) => guarded(() => blindPatientList(ctx.services, projectOf(ctx), listPatients(projectOf(ctx)))),
  'readers.list': async (_input, ctx) => guarded(() => listReaders(projectOf(ctx))),
  'readers.create': async (input, ctx) => guarded(() => createReader(projectOf(ctx), input.name)),
  'volumes.forPatient': async (input, ctx) =>
    guarded(() => {
      guardPatient(ctx.services, input.patientId);
      return volumesForPatient(projectOf(ctx), input.patientId);
    }),
  'volumes.header': async (input, ctx) =>
    guarded(() => {
      guardVolume(ctx.services, projectOf(ctx), input.volumeId);
      const g = volumeGeometry(projectOf(ctx), input.volumeId);
      return { ...g, url: urlOf(ctx, g.hash) };
    }),
  // Blinding: in a reading session only the reader's own masks of that session (src/main/services/blinding.ts).
  'segmentations.get': async (input, ctx) =>
    guarded(() => {
      const scope = segmentScope(ctx.services, projectOf(ctx), input.volumeId, input.readerId, { write: false });
      return listSegments(projectOf(ctx), input.volumeId, input.readerId, scope).map((r) => segmentInfo(ctx, r));
    }),
  'segmentations.save': async (input, ctx) =>
    guarded(() => {
      const scope = segmentScope(ctx.services, projectOf(ctx), input.volumeId, input.readerId, { write: true, tool: input.tool });
      return segmentInfo(ctx, saveSegment(projectOf(ctx), input, scope));
    }),
  'segmentations.setStatus': async (input, ctx) =>
    guarded(() => {
      const scope = segmentScope(ctx.services, projectOf(ctx), input.volumeId, input.readerId, { write: true });
      return segmentInfo(ctx, setSegmentStatus(projectOf(ctx), input, scope));
    }),
};
