import { existsSync, readdirSync } from 'node:fs';
import { CliError, opt, parseArgs, type Command } from '../command';
import { DEMO_DEFAULT_SEED, generateDemoCohort } from '../../main/engine/demo/generate';
import { appVersion } from '../../main/appInfo';
import { runDemo } from '../../main/services/demoRun';

function integerOption(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value.trim())) throw new CliError(`${name} must be an integer, got '${value}'`, 2);
  const n = Number(value);
  if (n < min) throw new CliError(`${name} must be at least ${min}, got ${n}`, 2);
  return n;
}

export const demoGenerate: Command = {
  name: 'demo generate',
  summary: 'write a synthetic bicentric three-phase CECT cohort (DICOM, masks, clinical table) with a planted outcome model',
  usage: 'dlrn demo generate OUT_DIR [--patients N (24)] [--seed S] [--metadata-only] [--no-seg]',
  async run(args) {
    const p = parseArgs(args, ['--patients', '--seed'], ['--metadata-only', '--no-seg']);
    if (p.positional.length !== 1) throw new CliError('usage: ' + this.usage, 2);
    const outDir = p.positional[0];
    const patients = integerOption(opt(p, '--patients'), '--patients', 24, 1);
    const seed = integerOption(opt(p, '--seed'), '--seed', DEMO_DEFAULT_SEED, -(2 ** 31));
    if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new CliError(`${outDir} is not empty; choose a new or empty folder`);
    const started = Date.now();
    const images = !p.flags.has('--metadata-only');
    const manifest = generateDemoCohort(outDir, {
      patients,
      seed,
      images,
      seg: !p.flags.has('--no-seg'),
      onPatient: images ? (patient, done, total) => process.stderr.write(`\r${patient.id} (${done}/${total})`) : undefined,
    });
    if (images) process.stderr.write('\n');
    const summary = (cohort: string): string => {
      const rows = manifest.cohort.filter((c) => c.cohort === cohort);
      return `${rows.length} ${cohort} (${rows.filter((c) => c.outcome.mdm).length} MDM)`;
    };
    console.log(
      `wrote ${manifest.patients} patients: ${summary('train')} at centre 1, ${summary('validation')} at centre 2, ` +
        `${manifest.repeatPatients} delineated twice; to ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`,
    );
    return 0;
  },
};

/** `dlrn demo run`: the whole study on a generated demo cohort, printing the AUC table and the report path. */
export const demoRun: Command = {
  name: 'demo run',
  summary: 'run the whole study on a generated demo cohort: import, readers, features, ICC, deep features, study, PDF report',
  usage: 'dlrn demo run [OUT_DIR (demo-output)] [--patients N (100)] [--seed S] [-j WORKERS]',
  async run(args) {
    const p = parseArgs(args, ['--patients', '--seed', '-j', '--jobs']);
    if (p.positional.length > 1) throw new CliError('usage: ' + this.usage, 2);
    const patients = Number(opt(p, '--patients') ?? 100);
    if (!Number.isInteger(patients) || patients < 40) throw new CliError(`--patients must be an integer ≥ 40 (the study needs enough events for 10-fold CV), got ${opt(p, '--patients')}`, 2);
    const seedText = opt(p, '--seed');
    const workers = opt(p, '-j', '--jobs');
    const started = performance.now();
    const s = await runDemo({
      outDir: p.positional[0] ?? 'demo-output',
      patients,
      ...(seedText !== undefined ? { seed: Number(seedText) } : {}),
      ...(workers !== undefined ? { workers: Number(workers) } : {}),
      appVersion: appVersion(),
      log: (m) => console.log(m),
    });
    const ev = s.results.evaluation;
    const rows = ev.models.map((m) => {
      const roc = ev.roc[m.id];
      const cell = (c: 'training' | 'validation') => `${roc[c].auc.toFixed(3)} [${roc[c].lower.toFixed(3)}, ${roc[c].upper.toFixed(3)}]`;
      return `  ${m.id.padEnd(10)} ${cell('training').padEnd(24)} ${cell('validation')}`;
    });
    console.log(`\nAUC (95% DeLong CI)   training                 validation\n${rows.join('\n')}`);
    if (s.deep.model.startsWith('random-init')) console.log(`\nnote: deep features from the ${s.deep.model}`);
    console.log(`\nresults: ${s.resultsPath}\nreport:  ${s.reportPath}\npatient: ${s.patientReportPath} (DLRN risk ${s.patientRisk.toFixed(3)})\ntime:    ${((performance.now() - started) / 1000).toFixed(0)} s (${Object.entries(s.seconds).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(', ')})`);
    return 0;
  },
};
