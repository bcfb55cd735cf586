import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { tempDir } from '../support/tmp';

describe('dlrn study run --project (the project route)', () => {
  it('refuses a project without a finished radiomics run, naming the folder', async () => {
    const dir = join(tempDir(), 'p');
    expect(await main(['project', 'init', dir])).toBe(0);
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      expect(await main(['study', 'run', 'studies/oracle-pipeline.yaml', '--project', dir])).toBe(1);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toContain(`${dir}: no finished radiomics feature run`);
  });

  it('refuses mixing the project route with feature-table files', async () => {
    expect(await main(['study', 'run', 'studies/oracle-pipeline.yaml', '--project', 'x', '--features', 'f.csv'])).toBe(2);
  });
});
