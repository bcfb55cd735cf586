import type { Channel, ChannelOutput, Contract } from '../../../shared/ipc/contract';
import type { z } from 'zod';
import type { HandlerContext } from '../context';
import { appHandlers } from './app';
import { imagingHandlers } from './imaging';
import { jobHandlers } from './jobs';
import { projectHandlers } from './projects';
import { readingHandlers } from './reading';
import { workflowHandlers } from './workflow';

export type Handler<C extends Channel> = (
  input: z.output<Contract[C]['input']>,
  ctx: HandlerContext,
) => Promise<ChannelOutput<C>>;

export type HandlerTable = { [C in Channel]: Handler<C> };

/** The one handler table, served by Electron's ipcMain and by the loopback bridge alike. */
export const handlers: HandlerTable = {
  ...appHandlers,
  ...projectHandlers,
  ...jobHandlers,
  ...imagingHandlers,
  ...readingHandlers,
  ...workflowHandlers,
};
