/**
 * `npm run bench:import`: folder import of a demo cohort (default 200 patients × 3 phases of DICOM) into a
 * fresh project through `importDicomFolder`, printing throughput and peak memory. The import streams
 * one series at a time, so peak RSS must stay flat as the cohort grows (run with --patients 50 and 200
 * to compare). Not a test.
 *   node --import tsx bench/importCohort.ts [--patients 200] [--keep DIR]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoCohort } from '../src/main/engine/demo/generate';
import { importDicomFolder } from '../src/main/services/dicomImport';
import { initProject } from '../src/main/storage/project';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const patients = Number(arg('--patients', '200'));
const dir = mkdtempSync(join(tmpdir(), 'dlrn-bench-import-'));
try {
  const t0 = performance.now();
  generateDemoCohort(join(dir, 'cohort'), { patients, seed: 20230531, seg: false });
  const tGen = (performance.now() - t0) / 1000;
  const project = initProject(join(dir, 'project'), { appVersion: 'bench' });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const c0 = process.cpuUsage();
  const t1 = performance.now();
  const report = await importDicomFolder(project, join(dir, 'cohort', 'dicom'));
  const wall = (performance.now() - t1) / 1000;
  const cpu = (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1e6;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const files = project.db.prepare('SELECT sum(file_count) AS n FROM series').get() as { n: number };
  project.close();
  console.log(`cohort: ${patients} patients × 3 phases generated in ${tGen.toFixed(1)} s`);
  console.log(`import: ${report.seriesImported} series, ${files.n} files, ${report.errors.length} errors`);
  console.log(`  wall ${wall.toFixed(1)} s, CPU ${cpu.toFixed(1)} s; ${(files.n / wall).toFixed(0)} files/s, ${(report.seriesImported / wall).toFixed(1)} series/s`);
  console.log(`  peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (bounded: one series decoded at a time)`);
} finally {
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
