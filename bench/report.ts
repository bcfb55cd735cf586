/**
 * Report rendering time (prints figures; not a test):
 *   node --import tsx bench/report.ts
 * Study: the statistics oracle's synthetic cohort cut to 179 patients (the paper's size), run once through the
 * study pipeline; then the study report (model + figures + PDF), every figure as a 300-dpi PNG, and a patient
 * report (also with a two-phase activation-map figure; the network run that computes a real map is not timed).
 * Targets: study report ≤ 10 s, patient report ≤ 1 s (warm, best of 3).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseStudyDefinition } from '../src/main/engine/study/definition';
import { featureTableSource, runStudy } from '../src/main/services/studyRunner';
import { studyReportPdf } from '../src/main/export/pdf/studyReport';
import { patientReportPdf } from '../src/main/export/pdf/patientReport';
import { figurePng } from '../src/main/export/png';
import { reportFigures } from '../src/main/export/csv';
import { buildStudyReport } from '../src/main/engine/reports/studyReport';
import { activationMapFigure } from '../src/main/engine/reports/figures/activationMap';
import { encodePng } from '../src/main/engine/image/png';
import { ORACLE_STUDY_YAML } from '../test/support/reportFixture';
import { oraclePath } from '../test/support/oracle';

async function time(label: string, target: number | null, fn: () => Promise<unknown>, repeats = 3): Promise<void> {
  await fn();
  let wall = Infinity;
  let cpu = Infinity;
  for (let k = 0; k < repeats; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall = Math.min(wall, (performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1e6);
  }
  const verdict = target === null ? 'no target' : `target <= ${target} s: ${Math.min(wall, cpu) <= target ? 'OK' : 'SLOW'}`;
  console.log(`${label.padEnd(46)} wall ${wall.toFixed(3)} s, cpu ${cpu.toFixed(3)} s  (${verdict})`);
}

const dir = mkdtempSync(join(tmpdir(), 'dlrn-bench-report-'));
try {
  const lines = readFileSync(oraclePath('stats', 'data', 'cohort.csv'), 'utf8').trimEnd().split('\n');
  const cohort = join(dir, 'cohort179.csv');
  writeFileSync(cohort, `${lines.slice(0, 180).join('\n')}\n`);
  const definition = parseStudyDefinition(ORACLE_STUDY_YAML.replace('B: 200', 'B: 1000'), 'bench study');
  const t0 = performance.now();
  const { results } = runStudy({
    definition,
    source: featureTableSource({ features: cohort, clinical: cohort, icc: oraclePath('stats', 'data', 'icc_readers.csv') }),
    outDir: join(dir, 'out'),
    cache: false,
  });
  const n = results.cohorts.training.n + results.cohorts.validation.n;
  console.log(`study pipeline (${n} patients, B = 1000), once: ${((performance.now() - t0) / 1000).toFixed(1)} s (not part of the report timing)`);
  let pages = 0;
  await time(`study report PDF (${n} patients)`, 10, async () => {
    const pdf = await studyReportPdf(results, { generatedAt: new Date() });
    pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  });
  console.log(`  ${pages} pages`);
  const values: Record<string, number> = { score: 0.5 };
  for (const p of results.dlrn.predictors) if (p !== 'score') values[p] = 1;
  await time('patient report PDF (Chinese name)', 1, () => patientReportPdf(results, { patient: { name: '张伟', id: 'P001' }, values }));
  // a 96 × 96 RGB overlay per phase, the demo's slice size around the tumour
  const side = 96;
  const data = Uint8Array.from({ length: side * side * 3 }, (_, i) => (i * 37) % 256);
  const png = encodePng({ width: side, height: side, channels: 3, data });
  const panel = { png, width: side, height: side, box: { x0: 30, y0: 30, x1: 65, y1: 60 }, note: 'slice 11 of 21' };
  const figure = activationMapFigure([{ ...panel, title: 'Arterial phase (A)' }, { ...panel, title: 'Delayed phase (D)' }], 'Network: bench.');
  await time('patient report PDF with activation-map figure', 1, () =>
    patientReportPdf(results, { patient: { name: '张伟', id: 'P001' }, values, activation: { figure, caption: 'Fig. 3 Activation map.' } }),
  );
  const figures = reportFigures(buildStudyReport(results, { generatedAt: new Date() }));
  await time(`all ${figures.length} study figures as 300-dpi PNG`, null, async () => {
    for (const f of figures) figurePng(f);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
