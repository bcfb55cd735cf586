import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CliError, opt, parseArgs, type Command } from '../command';
import { readBatchCsv, type BatchCase } from '../extract/cases';
import { toCsv, toJson, type OutputRow } from '../extract/output';
import { runTasks } from '../extract/pool';
import type { PhaseResult, PhaseTask } from '../extract/runPhase';
import { parseParams, parseSettingOverride, readParamsFile, withIbsiBlock, withSettingOverrides, ParamsError, type ExtractionParams, type ParamValue } from '../../main/engine/radiomics/paramsFile';

/** Largest exit status used for "N cases failed". */
const MAX_EXIT = 100;

function version(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
  return pkg.version;
}

function loadParams(path: string | undefined, settings: string[], ibsi: boolean): ExtractionParams {
  try {
    let params = path ? readParamsFile(path) : parseParams('');
    if (settings.length) {
      const overrides: Record<string, ParamValue> = Object.fromEntries(settings.map(parseSettingOverride));
      params = withSettingOverrides(params, overrides);
    }
    if (ibsi && !params.settings.ibsi) params = withIbsiBlock(params);
    return params;
  } catch (err) {
    if (err instanceof ParamsError) throw new CliError(err.message, 2);
    throw err;
  }
}

function intOption(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliError(`${name} must be an integer ≥ ${min}, got '${value}'`, 2);
  return n;
}

/**
 * `dlrn extract`: pyradiomics-compatible feature extraction for one image/mask pair or a batch CSV
 * (pyradiomics' `pyradiomics` command line). Exit status = number of failed cases (capped at 100).
 */
export const extractCommand: Command = {
  name: 'extract',
  summary: 'pyradiomics-compatible radiomics features of IMAGE+MASK or of every case in a batch CSV',
  usage: [
    'dlrn extract IMAGE MASK [options]   |   dlrn extract CASES.csv [options]',
    '  IMAGE: NRRD/NIfTI file or a DICOM folder with one image series; MASK: label map, or RTSTRUCT / DICOM SEG',
    '  -p, --param FILE        pyradiomics parameter file (YAML/JSON); default: pyradiomics defaults',
    '  -s, --setting KEY:VAL   override a setting (repeatable), e.g. -s binWidth:10 -s resampledPixelSpacing:1,1,1',
    '  -l, --label N           label value of the ROI (default: setting label, 1)',
    '      --roi NAME          structure (RTSTRUCT) or segment (SEG) to use when MASK is DICOM',
    '      --ibsi              IBSI compliance mode with its defaults (see docs/IBSI.md) unless -p has an ibsi: block',
    '  -f, --format csv|json   output format (default csv)',
    '  -o, --out FILE          write here instead of standard output',
    '  -j, --jobs N            worker threads across cases and phases, or across the image types of a single phase (default 1; 0 = all cores)',
    '      --prefix P          key prefix for this phase, e.g. A_ (batch: a Prefix column + ID groups phases)',
    'CASES.csv: columns Image, Mask [, Label, Label_channel, ROI, ID, Prefix, …]; other columns pass through.',
  ].join('\n'),
  async run(args) {
    const p = parseArgs(args, ['-p', '--param', '-s', '--setting', '-l', '--label', '-f', '--format', '-o', '--out', '-j', '--jobs', '--prefix', '--roi'], ['--ibsi']);
    const settings = [...(p.options.get('-s') ?? []), ...(p.options.get('--setting') ?? [])];
    const params = loadParams(opt(p, '-p', '--param'), settings, p.flags.has('--ibsi'));
    const roi = opt(p, '--roi');
    const format = opt(p, '-f', '--format') ?? 'csv';
    if (format !== 'csv' && format !== 'json') throw new CliError(`--format must be csv or json, got '${format}'`, 2);
    const label = intOption(opt(p, '-l', '--label'), '--label', 1);
    const jobsOpt = intOption(opt(p, '-j', '--jobs'), '--jobs', 0) ?? 1;
    const jobs = jobsOpt === 0 ? availableParallelism() : jobsOpt;
    const prefix = opt(p, '--prefix') ?? '';

    let cases: BatchCase[];
    let single = false;
    if (p.positional.length === 1 && p.positional[0]!.toLowerCase().endsWith('.csv')) {
      cases = readBatchCsv(p.positional[0]!, prefix);
      if (label !== undefined) for (const c of cases) for (const ph of c.phases) ph.label ??= label;
      if (roi !== undefined) for (const c of cases) for (const ph of c.phases) ph.roi ??= roi;
    } else if (p.positional.length === 2) {
      const [imagePath, maskPath] = p.positional as [string, string];
      cases = [{ passThrough: [], phases: [{ prefix, imagePath, maskPath, label, roi }] }];
      single = true;
    } else {
      throw new CliError(`usage: ${this.usage.split('\n')[0]}`, 2);
    }

    const versions = { DLRNStudio: version(), Node: process.versions.node };
    const tasks: PhaseTask[] = [];
    const owner: number[] = [];
    cases.forEach((c, ci) =>
      c.phases.forEach((phase) => {
        owner.push(ci);
        tasks.push({ id: tasks.length, phase, params, versions });
      }),
    );
    const results = new Array<PhaseResult>(tasks.length);
    let done = 0;
    await runTasks(tasks, jobs, (r) => {
      results[r.id] = r;
      done++;
      if (!single && process.stderr.isTTY) process.stderr.write(`\rextracted ${done}/${tasks.length}`);
    });
    if (!single && process.stderr.isTTY) process.stderr.write('\n');

    const errorsOf = cases.map((_, ci) => results.filter((r, i) => owner[i] === ci && !r.ok).map((r) => (r.ok ? '' : r.error)));
    const failed = errorsOf.filter((e) => e.length > 0).length;
    errorsOf.forEach((e, ci) => {
      if (e.length) console.error(`dlrn extract: case ${ci + 1} failed: ${e.join('; ')}`);
    });
    if (single && failed) return 1;
    // pyradiomics' batch layout: input columns, then diagnostics and features; a failed case keeps its
    // row with the reason in an Error column (present only when some case failed)
    const rows: OutputRow[] = cases.map((c, ci) => {
      const row: OutputRow = new Map(c.passThrough);
      if (failed) row.set('Error', errorsOf[ci]!.join('; '));
      results.forEach((r, i) => {
        if (owner[i] === ci && r.ok) for (const [k, v] of r.row) row.set(k, v);
      });
      return row;
    });
    const text = format === 'csv' ? toCsv(rows) : toJson(rows, single);
    const out = opt(p, '-o', '--out');
    if (out) writeFileSync(out, text);
    else process.stdout.write(text);
    return Math.min(failed, MAX_EXIT);
  },
};
