import { resolve } from 'node:path';
import { CliError, opt, type ParsedArgs } from './command';

/**
 * The results.json a report command reads: `--results FILE`, or `--study NAME --project DIR` for a
 * study run with the project route (DIR/studies/NAME/results.json; NAME may be the study file name).
 */
export function resultsPathOf(p: ParsedArgs): string {
  const results = opt(p, '--results');
  const study = opt(p, '--study');
  const project = opt(p, '--project');
  if (results && !study) return results;
  if (study && project && !results) return resolve(project, 'studies', study.split(/[\\/]/).pop()!.replace(/\.ya?ml$/i, ''), 'results.json');
  throw new CliError('give --results FILE, or --study NAME with --project DIR', 2);
}
