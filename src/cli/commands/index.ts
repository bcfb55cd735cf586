import type { Command } from '../command';
import { projectInfoCommand, projectInit } from './project';

/** Every command the CLI offers; `dlrn --help` lists exactly these. */
export const commands: Command[] = [
  projectInit,
  projectInfoCommand,
];
