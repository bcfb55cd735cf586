/**
 * Stage cache of the study runner: identical re-runs reuse every stage and give a byte-identical
 * results.json; a changed setting re-runs only the stages whose inputs changed (counted from the runner's
 * stage events); a partly cached run writes exactly what a cold run writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStudy, type StudyDataSource } from '../../../../src/main/services/studyRunner';
import type { StudyDefinition } from '../../../../src/main/engine/study/definition';
import { fixtureDefinition, fixtureInput } from '../../../support/studyFixture';
import { tempDir } from '../../../support/tmp';

const source: StudyDataSource = { describe: () => 'synthetic fixture', load: () => fixtureInput() };
const software = { name: 'DLRN Studio', version: 'test' };

function run(definition: StudyDefinition, outDir: string, cache = true): { ran: string[]; cached: string[]; json: string } {
  const r = runStudy({ definition, source, outDir, cache, software });
  return {
    ran: r.events.filter((e) => e.status === 'ran').map((e) => e.stage),
    cached: r.events.filter((e) => e.status === 'cached').map((e) => e.stage),
    json: readFileSync(join(outDir, 'results.json'), 'utf8'),
  };
}

describe('study runner stage cache', () => {
  it('an identical re-run reuses every stage and writes a byte-identical results.json', () => {
    const out = tempDir();
    const first = run(fixtureDefinition(), out);
    expect(first.cached).toEqual([]);
    expect(first.ran).toContain('results');
    const second = run(fixtureDefinition(), out);
    expect(second.ran).toEqual([]);
    expect(second.cached).toEqual(first.ran);
    expect(second.json).toBe(first.json);
  });

  it('changing one setting re-runs only the stages it affects, and matches a cold run byte for byte', () => {
    const out = tempDir();
    run(fixtureDefinition(), out);

    const dca = fixtureDefinition((d) => (d.evaluation.dca.by = 0.1));
    expect(run(dca, out).ran).toEqual(['dca', 'results']);

    const interval = fixtureDefinition((d) => (d.clinical.interval = 'profile'));
    expect(run(interval, out).ran).toEqual(['table2', 'results']);

    // a stricter entry p keeps the same (fallback) candidate: the clinical stage re-runs, its output is the
    // same, so nothing downstream does
    expect(run(fixtureDefinition((d) => (d.clinical.univariateP = 0.001)), out).ran).toEqual(['clinical', 'results']);

    // a looser entry p admits a second candidate: the clinical model and everything using it re-run, the
    // feature pipeline (split … signatures) and Table 1 do not
    const clinical = fixtureDefinition((d) => (d.clinical.univariateP = 0.62));
    const c = run(clinical, out);
    expect(c.ran).toEqual(['clinical', 'dlrn', 'roc', 'calibration', 'dca', 'table2', 'km', 'results']);
    expect(c.cached).toEqual(
      expect.arrayContaining(['split', 'features', 'icc', 'harmonise', 'zscore', 'mrmr:RS', 'lasso:RS', 'signature:RS', 'mrmr:DLRS', 'lasso:DLRS', 'signature:DLRS', 'table1']),
    );
    expect(c.json).toBe(run(clinical, tempDir(), false).json);

    // a different mRMR k re-runs selection onwards but not harmonisation or scaling
    const k = run(fixtureDefinition((d) => (d.selection.mrmr.k = 5)), out);
    expect(k.cached).toEqual(expect.arrayContaining(['split', 'features', 'icc', 'harmonise', 'zscore', 'clinical', 'table1']));
    expect(k.ran).toEqual(expect.arrayContaining(['mrmr:RS', 'mrmr:DLRS', 'lasso:RS', 'lasso:DLRS', 'dlrn', 'roc', 'results']));
  });
});
