import type { Command } from '../command';

/** Every command the CLI offers; `dlrn --help` lists exactly these. */
export const commands: Command[] = [];
