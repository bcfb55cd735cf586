/**
 * Benchmark and signal check of the demo cohort (`dlrn demo generate`, docs/DEMO.md).
 *
 *   node --import tsx bench/demoCohort.ts              time the default cohort (24 patients); target ≪ 30 s
 *   node --import tsx bench/demoCohort.ts --study [N]  generate N patients (default 179), extract radiomic
 *                                                      features and print what a study should recover
 *
 * The study mode extracts original-image shape, first-order, GLCM, GLRLM and GLSZM features (bin width
 * 25 HU) from reader 1's masks in all three phases, then prints: outcome counts; AUC of the size-only
 * clinical variable (tumour size > 10 cm); the best univariate features; a radiomics signature
 * (z-score on the training cohort, 25 features by training AUC with |r| < 0.9, LASSO-logistic with
 * 10-fold CV at λ_min) with its validation AUC and a paired DeLong test against the clinical variable;
 * the centre (batch) effect on intensity/texture features before and after ComBat; and inter-/
 * intra-reader ICC(A,1) of the venous-phase features on the repeat-delineation subset.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoCohort } from '../src/main/engine/demo/generate';
import type { DemoManifest } from '../src/main/engine/demo/manifest';
import { fitCombat } from '../src/main/engine/harmonisation/combat';
import { applyZScore, fitZScore } from '../src/main/engine/harmonisation/scaling';
import { parseCsv } from '../src/main/engine/io/csv';
import { readCaseInputs } from '../src/main/engine/io/dicom/caseInputs';
import { extractCase } from '../src/main/engine/radiomics/extractor';
import { parseParams } from '../src/main/engine/radiomics/paramsFile';
import { cvLassoLogistic } from '../src/main/engine/selection/cvGlmnet';
import { lassoCoefficientsAt } from '../src/main/engine/selection/lassoPredict';
import { delongPairedTest } from '../src/main/engine/stats/delong';
import { iccAllForms } from '../src/main/engine/stats/icc';
import { rocCurve } from '../src/main/engine/stats/roc';

const PARAMS = parseParams(
  'imageType:\n  Original: {}\nfeatureClass:\n  shape:\n  firstorder:\n  glcm:\n  glrlm:\n  glszm:\nsetting:\n  binWidth: 25\n  label: 1\n',
);

function timeDefault(): void {
  const dir = mkdtempSync(join(tmpdir(), 'dlrn-demo-bench-'));
  try {
    const t0 = performance.now();
    const m = generateDemoCohort(join(dir, 'demo'), { patients: 24, seed: 20230531 });
    const s = (performance.now() - t0) / 1000;
    console.log(`default demo cohort: ${m.patients} patients in ${s.toFixed(1)} s (${((1000 * s) / m.patients).toFixed(0)} ms per patient)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function features(root: string, dir: string, mask: string): Promise<Map<string, number>> {
  const inputs = await readCaseInputs(join(root, dir), join(root, mask), null);
  const row = extractCase({ image: inputs.image, maskChannels: inputs.maskChannels }, PARAMS, { label: 1 });
  const out = new Map<string, number>();
  for (const [k, v] of row) if (!k.startsWith('diagnostics') && typeof v === 'number') out.set(k, v);
  return out;
}

function auc(y: number[], score: ArrayLike<number>): number {
  return rocCurve(y, score).auc;
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function standardisedMeanDifference(x: Float64Array, centre: string[]): number {
  const groups = ['C1', 'C2'].map((c) => Array.from(x).filter((_, i) => centre[i] === c));
  const mean = (v: number[]): number => v.reduce((s, q) => s + q, 0) / v.length;
  const variance = (v: number[]): number => v.reduce((s, q) => s + (q - mean(v)) ** 2, 0) / (v.length - 1);
  return (mean(groups[1]) - mean(groups[0])) / Math.sqrt((variance(groups[0]) + variance(groups[1])) / 2);
}

async function study(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dlrn-demo-study-'));
  try {
    const root = join(dir, 'demo');
    let t0 = performance.now();
    const m: DemoManifest = generateDemoCohort(root, { patients: n, seed: 20230531 });
    console.log(`generated ${n} patients in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    const rows: Map<string, number>[] = [];
    for (const p of m.cohort) {
      const row = new Map<string, number>();
      for (const phase of m.phases) {
        const ph = p.phases![phase];
        for (const [k, v] of await features(root, ph.dir, ph.masks[0].path)) row.set(`${phase}_${k}`, v);
      }
      rows.push(row);
    }
    console.log(`extracted ${rows.length} × 3 phases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const clinical = parseCsv(readFileSync(join(root, 'clinical.csv'), 'utf8'));
    const col = (name: string): string[] => clinical.rows.map((r) => r[clinical.header.indexOf(name)]);
    const y = col('mdm').map(Number);
    const train = col('cohort').map((c) => c === 'train');
    const centre = col('centre');
    const size10 = col('tumour_size_mm').map((s) => (Number(s) > 100 ? 1 : 0));
    const pick = <T>(a: ArrayLike<T>, mask: boolean[], keep = true): T[] => Array.from(a).filter((_, i) => mask[i] === keep);
    const events = (keep: boolean): number => pick(y, train, keep).reduce((s, v) => s + v, 0);
    console.log(`MDM: ${events(true)}/${pick(y, train).length} training, ${events(false)}/${pick(y, train, false).length} validation`);
    console.log(`clinical (size > 10 cm) AUC: training ${auc(pick(y, train), pick(size10, train)).toFixed(3)}, validation ${auc(pick(y, train, false), pick(size10, train, false)).toFixed(3)}`);

    const names = [...rows[0].keys()].filter((k) => rows.every((r) => Number.isFinite(r.get(k))) && new Set(rows.map((r) => r.get(k))).size > 5);
    const raw = names.map((k) => Float64Array.from(rows, (r) => r.get(k)!));
    const z = applyZScore(fitZScore(raw.map((x) => Float64Array.from(pick(x, train)))), raw);
    const ranked = names.map((name, k) => ({ name, k, auc: auc(pick(y, train), pick(z[k], train)) })).sort((a, b) => Math.abs(b.auc - 0.5) - Math.abs(a.auc - 0.5));
    console.log(`${names.length} features; best univariate (training AUC / validation AUC):`);
    for (const r of ranked.slice(0, 5)) console.log(`  ${r.name}: ${r.auc.toFixed(3)} / ${auc(pick(y, train, false), pick(z[r.k], train, false)).toFixed(3)}`);

    const chosen: number[] = [];
    for (const r of ranked) {
      if (chosen.length === 25) break;
      if (chosen.every((c) => Math.abs(correlation(pick(z[c], train), pick(z[r.k], train))) < 0.9)) chosen.push(r.k);
    }
    const nTrain = pick(y, train).length;
    const x = new Float64Array(nTrain * chosen.length);
    chosen.forEach((k, j) => pick(z[k], train).forEach((v, i) => (x[j * nTrain + i] = v)));
    const cv = cvLassoLogistic(x, nTrain, chosen.length, pick(y, train), { nfolds: 10, seed: 1 });
    const coef = lassoCoefficientsAt(cv.fit, cv.lambdaMin);
    const score = y.map((_, i) => coef.a0 + chosen.reduce((s, k, j) => s + coef.beta[j] * z[k][i], 0));
    const kept = chosen.filter((_, j) => coef.beta[j] !== 0).map((k) => names[k]);
    const test = delongPairedTest(pick(y, train, false), pick(score, train, false), pick(size10, train, false));
    console.log(`radiomics signature (${kept.length} features): AUC training ${auc(pick(y, train), pick(score, train)).toFixed(3)}, validation ${test.auc1.toFixed(3)}`);
    console.log(`  vs clinical on validation: ΔAUC ${(test.auc1 - test.auc2).toFixed(3)}, DeLong p = ${test.pValue.toFixed(4)}`);
    console.log(`  ${kept.join(', ')}`);

    const intensity = names.map((name, k) => ({ name, k })).filter((f) => !f.name.includes('_shape_'));
    const before = intensity.map((f) => standardisedMeanDifference(raw[f.k], centre));
    const harmonised = fitCombat(
      intensity.map((f) => raw[f.k]),
      centre,
    ).harmonised;
    const after = harmonised.map((x) => standardisedMeanDifference(x, centre));
    const share = (d: number[]): string => (d.filter((v) => Math.abs(v) > 0.5).length / d.length).toFixed(2);
    console.log(`centre effect: share of ${intensity.length} intensity/texture features with |SMD| > 0.5 between centres: ${share(before)} before ComBat, ${share(after)} after`);

    const repeat = m.cohort.filter((p) => p.repeatDelineation);
    const byReader = new Map<string, Map<string, number>[]>();
    for (const p of repeat) {
      const ph = p.phases!.PV;
      for (const mask of ph.masks) {
        const list = byReader.get(mask.reader) ?? [];
        list.push(await features(root, ph.dir, mask.path));
        byReader.set(mask.reader, list);
      }
    }
    const r1 = byReader.get('reader1')!;
    const reliable = (other: string): string => {
      const o = byReader.get(other)!;
      const keys = [...r1[0].keys()].filter((k) => new Set(r1.map((r) => r.get(k))).size > 5);
      const icc = keys.map((k) => iccAllForms([r1.map((r) => r.get(k)!), o.map((r) => r.get(k)!)]).agreementSingle.icc);
      return `${icc.filter((v) => v > 0.8).length}/${keys.length}`;
    };
    console.log(`venous-phase features with ICC(A,1) > 0.8 on ${repeat.length} patients: inter-reader ${reliable('reader2')}, intra-reader ${reliable('reader1_repeat')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--study') await study(Number(args[1] ?? 179));
else timeDefault();
