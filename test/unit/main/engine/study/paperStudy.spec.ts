/**
 * studies/paper-dlrn.yaml end to end on a `dlrn demo generate`-style clinical table (metadata only) with
 * synthetic features named like `dlrn extract` + `dlrn deep` output (A_/V_/D_ hand-crafted, <phase>_resnet18_avgpool_k
 * deep) and inter/intra ICC ratings. Checks that the paper's design runs through the feature-table route:
 * derived columns (sex M/F, tumour size > 10 cm, N stage), ICC on hand-crafted features only, both
 * signatures, the multivariable filter, Table 1 on text categories. Bootstrap B is lowered for speed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateDemoCohort } from '../../../../../src/main/engine/demo/generate';
import { parseStudyDefinition, validateStudyDefinition } from '../../../../../src/main/engine/study/definition';
import { readClinicalCsv } from '../../../../../src/main/engine/study/tableReaders';
import { Rng } from '../../../../../src/main/engine/stats/rng';
import { toCsv } from '../../../../../src/main/engine/io/csvWrite';
import { featureTableSource, runStudy } from '../../../../../src/main/services/studyRunner';
import { tempDir } from '../../../../support/tmp';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
}

describe('studies/paper-dlrn.yaml', () => {
  it('runs the paper design on a demo clinical table with synthetic three-phase features', () => {
    const dir = tempDir();
    generateDemoCohort(dir, { patients: 120, seed: 5, images: false });
    const clinical = readClinicalCsv(readFileSync(join(dir, 'clinical.csv'), 'utf8'), 'clinical.csv', 'patient_id');
    const mdm = (clinical.columns.get('mdm') as { values: Float64Array }).values;
    const rng = new Rng(9);
    const names = ['A_', 'V_', 'D_'].flatMap((p) => [
      ...Array.from({ length: 15 }, (_, k) => `${p}original_glcm_F${k}`),
      ...Array.from({ length: 6 }, (_, k) => `${p}resnet18_avgpool_${k}`),
    ]);
    const values = names.map((_, j) => clinical.ids.map((_, i) => normal(rng) + (j % 7 === 0 ? 0.6 * mdm[i] : 0)));
    writeFileSync(join(dir, 'features.csv'), toCsv(['ID', 'Image', 'Mask', ...names], clinical.ids.map((id, i) => [id, `${id}.nrrd`, `${id}_m.nrrd`, ...values.map((v) => v[i])])));
    const iccRows = names
      .filter((n) => !n.includes('resnet'))
      .flatMap((n) => clinical.ids.slice(0, 30).map((id, i) => {
        const v = values[names.indexOf(n)][i];
        return [n, id, v, v + 0.1 * normal(rng), n === 'V_original_glcm_F3' ? normal(rng) : v + 0.05 * normal(rng)];
      }));
    writeFileSync(join(dir, 'icc.csv'), toCsv(['feature', 'patient', 'reader1', 'reader2', 'reader1_repeat'], iccRows));

    const parsed = parseStudyDefinition(readFileSync(join(repoRoot, 'studies', 'paper-dlrn.yaml'), 'utf8'));
    const raw = JSON.parse(JSON.stringify(parsed)) as { evaluation: { bootstrap: { B: number } } };
    raw.evaluation.bootstrap.B = 10;
    const definition = validateStudyDefinition(raw);
    const r = runStudy({
      definition,
      source: featureTableSource({ features: join(dir, 'features.csv'), clinical: join(dir, 'clinical.csv'), icc: join(dir, 'icc.csv') }),
      outDir: join(dir, 'out'),
      software: { name: 'DLRN Studio', version: 'test' },
    }).results;

    expect(r.features.groups.handcrafted).toHaveLength(45);
    expect(r.features.groups.deep).toHaveLength(18);
    expect(r.icc.comparisons).toEqual(['inter', 'intra']);
    expect(r.icc.nSubject).toBe(45);
    expect(r.icc.dropped).toEqual(['V_original_glcm_F3']);
    expect(r.signatures.map((s) => [s.name, s.mrmr.k])).toEqual([
      ['RS', 30],
      ['DLRS', 25],
    ]);
    expect(r.signatures[0].coefficients.features.every((f) => !f.feature.includes('resnet'))).toBe(true);
    expect(r.clinicalModel.candidates).toContain('sex_male');
    expect(r.dlrn.formula.startsWith('mdm ~ score')).toBe(true);
    expect(r.tables.table2.interval).toBe('profile');
    expect(r.tables.table1.rows.filter((x) => x.variable === 'sex').map((x) => x.level)).toEqual([null, 'F', 'M']);
    expect(r.evaluation.km?.times).toEqual([12, 24, 36, 48, 60]);
    expect(r.cohorts.training.n + r.cohorts.validation.n).toBe(120);
  });
});
