import type { Command } from '../command';
import { projectInfoCommand, projectInit } from './project';
import { importClinical } from './importClinical';
import { importDicom } from './importDicom';
import { projectIdentities } from './identities';
import { demoGenerate, demoRun } from './demo';
import { extractCommand } from './extract';
import { selfTestCommand } from './selfTest';
import { studyCheck, studyRun } from './study';
import { deep } from './deep';
import { modelsAdd, modelsFetch, modelsList } from './models';
import { reportCommand } from './report';
import { predictCommand } from './predict';
import { readersCommands } from './readers';

/** Every command the CLI offers; `dlrn --help` lists exactly these. */
export const commands: Command[] = [
  projectInit,
  projectInfoCommand,
  projectIdentities,
  importDicom,
  importClinical,
  extractCommand,
  selfTestCommand,
  deep,
  modelsList,
  modelsAdd,
  modelsFetch,
  demoGenerate,
  demoRun,
  studyCheck,
  studyRun,
  reportCommand,
  predictCommand,
  ...readersCommands,
];
