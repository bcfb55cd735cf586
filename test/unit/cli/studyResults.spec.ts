import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/command';
import { resultsPathOf } from '../../../src/cli/studyResults';
import { main } from '../../../src/cli/main';

describe('report commands find a study run of a project', () => {
  const parse = (a: string[]) => parseArgs(a, ['--results', '--study', '--project']);

  it('maps --study NAME --project DIR to DIR/studies/NAME/results.json (a study file name works too)', () => {
    expect(resultsPathOf(parse(['--study', 'demo-dlrn', '--project', '/p']))).toBe(resolve('/p/studies/demo-dlrn/results.json'));
    expect(resultsPathOf(parse(['--study', 'studies/demo-dlrn.yaml', '--project', '/p']))).toBe(resolve('/p/studies/demo-dlrn/results.json'));
    expect(resultsPathOf(parse(['--results', 'r.json']))).toBe('r.json');
  });

  it('refuses --study without --project, and both routes at once', () => {
    expect(() => resultsPathOf(parse(['--study', 's']))).toThrow(/--study NAME with --project DIR/);
    expect(() => resultsPathOf(parse(['--results', 'r.json', '--study', 's', '--project', 'p']))).toThrow(/--results FILE, or --study/);
  });

  it('dlrn predict --patient needs the project for the clinical values', async () => {
    expect(await main(['predict', '--patient', 'PT-0001', '--results', 'r.json', '-o', 'x.pdf'])).toBe(2);
  });
});
