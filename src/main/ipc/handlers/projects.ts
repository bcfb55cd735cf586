import { HandlerError } from '../../../shared/ipc/result';
import type { ProjectDetails } from '../../../shared/ipc/contract';
import { initProject, projectInfo, ProjectError, type Project } from '../../storage/project';
import { ProjectDatabaseError } from '../../storage/database';
import type { Handler } from './index';

function details(p: Project): ProjectDetails {
  const info = projectInfo(p);
  return {
    dir: info.dir,
    name: info.name,
    id: info.id,
    createdAt: info.createdAt,
    schemaVersion: info.schemaVersion,
    latestSchemaVersion: info.latestSchemaVersion,
    counts: info.counts,
  };
}

function asHandlerError(err: unknown): never {
  if (err instanceof ProjectError || err instanceof ProjectDatabaseError) throw new HandlerError('conflict', err.message);
  throw err;
}

export const projectHandlers: {
  'projects.recent': Handler<'projects.recent'>;
  'projects.create': Handler<'projects.create'>;
  'projects.open': Handler<'projects.open'>;
} = {
  'projects.recent': async (_input, ctx) => ctx.services.recentProjects(),
  'projects.create': async (input, ctx) => {
    try {
      return details(ctx.services.activate(initProject(input.dir, { name: input.name, appVersion: ctx.appVersion })));
    } catch (err) {
      return asHandlerError(err);
    }
  },
  'projects.open': async (input, ctx) => {
    try {
      return details(ctx.services.open(input.dir));
    } catch (err) {
      return asHandlerError(err);
    }
  },
};
