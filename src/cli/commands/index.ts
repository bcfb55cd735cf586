import type { Command } from '../command';
import { projectInfoCommand, projectInit } from './project';
import { importClinical } from './importClinical';
import { projectIdentities } from './identities';

/** Every command the CLI offers; `dlrn --help` lists exactly these. */
export const commands: Command[] = [
  projectInit,
  projectInfoCommand,
  projectIdentities,
  importClinical,
];
