import { readFileSync, writeFileSync } from 'node:fs';
import { CliError, opt, parseArgs, type Command, type ParsedArgs } from '../command';
import { appVersion } from '../../main/appInfo';
import { toCsv, type CsvCell } from '../../main/engine/io/csvWrite';
import { parseCsv } from '../../main/engine/io/csv';
import { readImage } from '../../main/engine/io/readImage';
import { DEFAULT_OUTLIER_RULE } from '../../main/engine/reading/adjudication';
import { iccFormLabel, parseIccForm, PAPER_RULE, type Comparison, type ReproducibilityRule } from '../../main/engine/reading/featureIcc';
import { ParamsError, parseParams } from '../../main/engine/radiomics/paramsFile';
import {
  defaultDesign,
  describeSource,
  iccAnalysis,
  maskAgreementReport,
  RATING_COLUMNS,
  semanticAgreementReport,
  type AgreementDesign,
  type ReadingSource,
} from '../../main/services/agreement';
import { addReader, readerProfiles, type ReaderRole } from '../../main/services/readers';
import { importRatings } from '../../main/services/ratingsImport';
import {
  createSession,
  listSessions,
  overrideWashout,
  READING_PHASES,
  saveSessionMask,
  sessionProgress,
  sessionWashout,
  submitSession,
  type PatientChoice,
  type ReadingPhase,
  type SessionKind,
  type SessionTask,
} from '../../main/services/readingSessions';
import { ServiceError } from '../../main/services/serviceError';
import { openProject, type Project } from '../../main/storage/project';
import { ComputePool } from '../../main/workers/computePool';

/** Open --project, run `fn`, close; service refusals become CLI errors. */
async function withProject<T>(p: ParsedArgs, fn: (project: Project) => T | Promise<T>): Promise<T> {
  const dir = opt(p, '--project', '-p');
  if (!dir) throw new CliError('--project DIR is required', 2);
  let project: Project;
  try {
    project = openProject(dir);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  try {
    return await fn(project);
  } catch (err) {
    if (err instanceof ServiceError) throw new CliError(err.message);
    throw err;
  } finally {
    project.close();
  }
}

function required(p: ParsedArgs, name: string): string {
  const v = opt(p, name);
  if (v === undefined || v.trim() === '') throw new CliError(`${name} is required`, 2);
  return v;
}

function integer(v: string, name: string, min = -(2 ** 31)): number {
  if (!/^-?\d+$/.test(v.trim()) || Number(v) < min) throw new CliError(`${name} must be an integer${min > -(2 ** 31) ? ` ≥ ${min}` : ''}, got '${v}'`, 2);
  return Number(v);
}

function oneOf<T extends string>(v: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(v)) throw new CliError(`${name} must be one of ${allowed.join(', ')}, got '${v}'`, 2);
  return v as T;
}

function list(v: string | undefined): string[] | undefined {
  return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);
}

function write(path: string, text: string, what: string): void {
  writeFileSync(path, text);
  console.error(`wrote ${what} to ${path}`);
}

export const readersAdd: Command = {
  name: 'readers add',
  summary: 'add a local reader profile (radiologist) or a coordinator to a project',
  usage: 'dlrn readers add NAME --project DIR [--role reader|coordinator]',
  async run(args) {
    const p = parseArgs(args, ['--project', '-p', '--role']);
    if (p.positional.length !== 1) throw new CliError('usage: ' + this.usage, 2);
    const role = oneOf<ReaderRole>(opt(p, '--role') ?? 'reader', ['reader', 'coordinator'], '--role');
    const r = await withProject(p, (project) => addReader(project, p.positional[0], role, 'cli'));
    console.log(`added ${r.role} '${r.name}' (id ${r.id})`);
    return 0;
  },
};

export const readersList: Command = {
  name: 'readers list',
  summary: 'list the reader profiles of a project',
  usage: 'dlrn readers list --project DIR',
  async run(args) {
    const p = parseArgs(args, ['--project', '-p']);
    const rows = await withProject(p, readerProfiles);
    for (const r of rows) console.log(`${String(r.id).padStart(4)}  ${r.role.padEnd(11)}  ${r.name}`);
    return 0;
  },
};

function patientChoice(p: ParsedArgs): PatientChoice | undefined {
  const chosen = [opt(p, '--patients'), p.flags.has('--all') ? 'all' : undefined, opt(p, '--same-as'), opt(p, '--seed')].filter((x) => x !== undefined);
  if (chosen.length > 1) throw new CliError('give one of --patients, --all, --same-as or --seed (random subset)', 2);
  if (opt(p, '--subset') !== undefined && opt(p, '--seed') === undefined) throw new CliError('--subset N needs --seed S (the draw must be reproducible)', 2);
  if (opt(p, '--patients')) return { ids: list(opt(p, '--patients'))! };
  if (p.flags.has('--all')) return { all: true };
  if (opt(p, '--same-as')) return { sameAs: integer(opt(p, '--same-as')!, '--same-as', 1) };
  if (opt(p, '--seed') !== undefined) {
    const size = opt(p, '--subset');
    return { subset: { seed: integer(opt(p, '--seed')!, '--seed'), ...(size !== undefined ? { size: integer(size, '--subset', 1) } : {}) } };
  }
  return undefined;
}

export const readersSessionCreate: Command = {
  name: 'readers session create',
  summary: 'create a reading session (coordinator): reader, kind, task, phases and patients',
  usage: [
    'dlrn readers session create --project DIR --as COORDINATOR --reader NAME --kind primary|inter|intra --task delineation|semantic|both [options]',
    '  --phases LIST          comma-separated phases (default arterial,venous,delayed)',
    '  --name TEXT            a label for the session',
    '  patients (one of): --all (default for primary/inter) | --patients ID,ID,… | --same-as SESSION |',
    '                     --seed S [--subset N]   seeded random subset (default size 60, scaled to the cohort: round(n·60/179))',
    '  --repeat-of SESSION|none   intra: the same reader\'s earlier (submitted) session; none = reads outside sessions',
    '  --washout-days D       intra: days between the earlier reading and the repeat (default 21)',
  ].join('\n'),
  async run(args) {
    const p = parseArgs(
      args,
      ['--project', '-p', '--as', '--reader', '--kind', '--task', '--phases', '--name', '--patients', '--same-as', '--seed', '--subset', '--repeat-of', '--washout-days'],
      ['--all'],
    );
    const kind = oneOf<SessionKind>(required(p, '--kind'), ['primary', 'inter', 'intra'], '--kind');
    const task = oneOf<SessionTask>(required(p, '--task'), ['delineation', 'semantic', 'both'], '--task');
    const phases = list(opt(p, '--phases'))?.map((ph) => oneOf<ReadingPhase>(ph, READING_PHASES, '--phases'));
    const repeat = opt(p, '--repeat-of');
    const washout = opt(p, '--washout-days');
    if (washout !== undefined && !(Number(washout) >= 0)) throw new CliError(`--washout-days must be a number ≥ 0, got '${washout}'`, 2);
    const s = await withProject(p, (project) =>
      createSession(project, {
        coordinator: required(p, '--as'),
        reader: required(p, '--reader'),
        kind,
        task,
        phases,
        name: opt(p, '--name'),
        patients: patientChoice(p),
        ...(repeat !== undefined ? { repeatOf: repeat === 'none' ? null : integer(repeat, '--repeat-of', 1) } : {}),
        ...(washout !== undefined ? { washoutDays: Number(washout) } : {}),
      }),
    );
    console.log(
      `created ${s.kind} session ${s.id} for '${s.readerName}' (${s.task}; ${s.phases.join(', ')}): ${s.patients.length} patients` +
        (s.subsetSeed !== null ? ` drawn with seed ${s.subsetSeed}` : '') +
        (s.repeatOf !== null ? `; repeats session ${s.repeatOf}` : '') +
        (s.washoutDays !== null ? `; wash-out ${s.washoutDays} days` : ''),
    );
    console.log(s.patients.join(' '));
    return 0;
  },
};

export const readersSessionList: Command = {
  name: 'readers session list',
  summary: 'reading sessions with progress per reader and wash-out state',
  usage: 'dlrn readers session list --project DIR [--json]',
  async run(args) {
    const p = parseArgs(args, ['--project', '-p'], ['--json']);
    const rows = await withProject(p, (project) =>
      listSessions(project).map((s) => ({ ...s, progress: sessionProgress(project, s.id), washout: sessionWashout(project, s, new Date()) })),
    );
    if (p.flags.has('--json')) {
      console.log(JSON.stringify(rows, null, 2));
      return 0;
    }
    for (const s of rows) {
      const state = s.status === 'submitted' ? `submitted ${s.submittedAt}` : s.washout.open ? 'open' : `waiting: ${s.washout.reason}`;
      console.log(`${String(s.id).padStart(4)}  ${s.kind.padEnd(7)}  ${s.task.padEnd(11)}  ${s.readerName.padEnd(20)}  ${String(s.progress.done).padStart(4)}/${String(s.progress.total).padEnd(4)}  ${state}`);
    }
    const byReader = new Map<string, { done: number; total: number }>();
    for (const s of rows) {
      const t = byReader.get(s.readerName) ?? { done: 0, total: 0 };
      t.done += s.progress.done;
      t.total += s.progress.total;
      byReader.set(s.readerName, t);
    }
    for (const [name, t] of byReader) console.log(`reader ${name}: ${t.done}/${t.total} patient reads done`);
    return 0;
  },
};

export const readersSessionSubmit: Command = {
  name: 'readers session submit',
  summary: 'submit a reading session (it becomes immutable)',
  usage: 'dlrn readers session submit SESSION --project DIR --as NAME [--incomplete-reason TEXT]',
  async run(args) {
    const p = parseArgs(args, ['--project', '-p', '--as', '--incomplete-reason']);
    if (p.positional.length !== 1) throw new CliError('usage: ' + this.usage, 2);
    const id = integer(p.positional[0], 'SESSION', 1);
    const s = await withProject(p, (project) => submitSession(project, id, required(p, '--as'), { incompleteReason: opt(p, '--incomplete-reason') }));
    console.log(`session ${s.id} submitted ${s.submittedAt}`);
    return 0;
  },
};

export const readersSessionOverride: Command = {
  name: 'readers session override-washout',
  summary: 'open a repeat session before its wash-out ends (coordinator; the reason is audited)',
  usage: 'dlrn readers session override-washout SESSION --project DIR --as COORDINATOR --reason TEXT',
  async run(args) {
    const p = parseArgs(args, ['--project', '-p', '--as', '--reason']);
    if (p.positional.length !== 1) throw new CliError('usage: ' + this.usage, 2);
    const id = integer(p.positional[0], 'SESSION', 1);
    await withProject(p, (project) => overrideWashout(project, id, required(p, '--as'), required(p, '--reason')));
    console.log(`session ${id}: wash-out overridden`);
    return 0;
  },
};

export const readersMaskImport: Command = {
  name: 'readers mask import',
  summary: "store a reader's mask file (NRRD/NIfTI on the phase volume's grid) in a reading session",
  usage: 'dlrn readers mask import MASK --project DIR --session ID --patient ID --phase PHASE --as NAME [--amend REASON] [--in-progress]',
  async run(args) {
    const p = parseArgs(args, ['--project', '-p', '--session', '--patient', '--phase', '--as', '--amend'], ['--in-progress']);
    if (p.positional.length !== 1) throw new CliError('usage: ' + this.usage, 2);
    const mask = readImage(p.positional[0]);
    const saved = await withProject(p, (project) =>
      saveSessionMask(project, {
        sessionId: integer(required(p, '--session'), '--session', 1),
        patientId: required(p, '--patient'),
        phase: oneOf<ReadingPhase>(required(p, '--phase'), READING_PHASES, '--phase'),
        mask,
        actor: required(p, '--as'),
        tool: 'import',
        amendReason: opt(p, '--amend'),
        status: p.flags.has('--in-progress') ? 'in_progress' : 'completed',
      }),
    );
    console.log(`stored version ${saved.version} (segmentation ${saved.id})`);
    return 0;
  },
};

export const readersRatingsImport: Command = {
  name: 'readers ratings import',
  summary: "store one reader's semantic ratings from a CSV (patient column + one column per variable) in a session",
  usage: [
    'dlrn readers ratings import FILE.csv --project DIR --session ID|none --reader NAME --as NAME [--reader-value V]',
    '  patients by pseudonym or source id; --reader-value keeps the rows whose "reader" column is V (e.g. the demo\'s semantic_ratings.csv)',
  ].join('\n'),
  async run(args) {
    const p = parseArgs(args, ['--project', '-p', '--session', '--reader', '--as', '--reader-value']);
    if (p.positional.length !== 1) throw new CliError('usage: ' + this.usage, 2);
    const session = required(p, '--session');
    const table = parseCsv(readFileSync(p.positional[0], 'utf8'), p.positional[0]);
    const r = await withProject(p, (project) =>
      importRatings(project, {
        table,
        source: p.positional[0],
        sessionId: session === 'none' ? null : integer(session, '--session', 1),
        reader: required(p, '--reader'),
        actor: required(p, '--as'),
        readerValue: opt(p, '--reader-value'),
      }),
    );
    console.log(`stored ${r.ratings} ratings of ${r.patients} patients (${r.variables.join(', ')})`);
    return 0;
  },
};

/** `NAME` (reads outside sessions) or `NAME:SESSION`. */
function source(v: string | undefined, name: string): ReadingSource | undefined {
  if (v === undefined) return undefined;
  const m = /^(.+?)(?::(\d+|none))?$/.exec(v);
  if (!m) throw new CliError(`${name}: expected READER or READER:SESSION, got '${v}'`, 2);
  return { reader: m[1], sessionId: m[2] === undefined || m[2] === 'none' ? null : Number(m[2]) };
}

function design(project: Project, p: ParsedArgs): AgreementDesign {
  const given = { reference: source(opt(p, '--reference'), '--reference'), inter: source(opt(p, '--inter'), '--inter'), intra: source(opt(p, '--intra'), '--intra') };
  if (!given.reference && !given.inter && !given.intra) return defaultDesign(project);
  if (!given.reference) throw new CliError('with --inter/--intra, also give --reference READER[:SESSION]', 2);
  return { reference: given.reference, ...(given.inter ? { inter: given.inter } : {}), ...(given.intra ? { intra: given.intra } : {}) };
}

const fixed = (v: number | null | undefined): CsvCell => (v === null || v === undefined ? null : v);

export const readersIcc: Command = {
  name: 'readers icc',
  summary: 'per-feature inter/intra-observer ICC on each reading\'s masks and the ICC > threshold filter',
  usage: [
    'dlrn readers icc --project DIR -o ICC.csv [options]',
    '  --params FILE          pyradiomics parameter file for the extraction (default: pyradiomics defaults)',
    '  --form A1|Ak|C1|Ck|1|k McGraw & Wong form (default A1 = two-way random, absolute agreement, single)',
    '  --threshold T          keep features with ICC > T (default 0.8); --at-least: ICC ≥ T',
    '  --require inter,intra  comparisons a kept feature must pass (default: both)',
    '  --reference R[:S] --inter R[:S] --intra R[:S]   readings (default: from the sessions); S = session id',
    '  --kept FILE            kept feature names, one per line',
    '  --ratings FILE         the study\'s ICC ratings table (feature, patient, reader1, reader2, reader1_repeat)',
    '  --summary FILE         pass counts by phase, image type and feature class',
    '  -j, --jobs N           extraction workers (default 1)',
  ].join('\n'),
  async run(args) {
    const p = parseArgs(
      args,
      ['--project', '-p', '-o', '--out', '--params', '--form', '--threshold', '--require', '--reference', '--inter', '--intra', '--kept', '--ratings', '--summary', '-j', '--jobs'],
      ['--at-least'],
    );
    const out = opt(p, '-o', '--out');
    if (!out) throw new CliError('-o ICC.csv is required', 2);
    let form;
    try {
      form = parseIccForm(opt(p, '--form') ?? 'A1');
    } catch (err) {
      throw new CliError((err as Error).message, 2);
    }
    const paramsPath = opt(p, '--params');
    const paramsText = paramsPath ? readFileSync(paramsPath, 'utf8') : '';
    try {
      parseParams(paramsText, paramsPath ?? 'default parameters');
    } catch (err) {
      if (err instanceof ParamsError) throw new CliError(err.message, 2);
      throw err;
    }
    const threshold = opt(p, '--threshold') === undefined ? PAPER_RULE.threshold : Number(opt(p, '--threshold'));
    if (!(threshold > -1 && threshold < 1)) throw new CliError(`--threshold must be in (-1, 1), got '${opt(p, '--threshold')}'`, 2);
    const rule: ReproducibilityRule = {
      threshold,
      comparison: p.flags.has('--at-least') ? '>=' : '>',
      required: (list(opt(p, '--require')) ?? PAPER_RULE.required).map((c) => oneOf<Comparison>(c, ['inter', 'intra'], '--require')),
    };
    const jobs = opt(p, '-j', '--jobs') === undefined ? 1 : integer(opt(p, '-j', '--jobs')!, '--jobs', 1);
    const pool = new ComputePool(jobs);
    try {
      const a = await withProject(p, async (project) =>
        iccAnalysis(project, pool, design(project, p), { paramsText, form, rule, appVersion: appVersion(), onProgress: (m) => process.stderr.write(`${m}\n`) }),
      );
      const comps = (['inter', 'intra'] as const).filter((c) => a.design[c]);
      const header = ['feature', 'phase', 'image_type', 'feature_class', 'form', ...comps.flatMap((c) => [`n_${c}`, `icc_${c}`, `lower_${c}`, `upper_${c}`, `p_${c}`, `missing_value_${c}`, `reason_${c}`]), 'kept'];
      const kept = new Set(a.kept);
      const rows = a.rows.map((r) => [
        r.feature,
        r.phase,
        r.imageType,
        r.featureClass,
        a.form.label,
        ...comps.flatMap((c) => {
          const x = r.comparisons[c];
          return [x?.n ?? 0, fixed(x?.icc), fixed(x?.lower), fixed(x?.upper), fixed(x?.p), x?.missingValue ?? 0, x?.reason ?? (x ? null : 'feature absent from this reading')];
        }),
        kept.has(r.feature),
      ]);
      write(out, toCsv(header, rows), `${a.rows.length} feature ICCs (${iccFormLabel(form)})`);
      const keptPath = opt(p, '--kept');
      if (keptPath) write(keptPath, a.kept.join('\n') + (a.kept.length ? '\n' : ''), `${a.kept.length} kept features`);
      const ratingsPath = opt(p, '--ratings');
      if (ratingsPath) {
        const cols = [...a.ratings.ratings.keys()];
        const table = a.ratings.feature.map((f, i) => [f, a.ratings.patient[i], ...cols.map((c) => a.ratings.ratings.get(c)![i])]);
        write(ratingsPath, toCsv(['feature', 'patient', ...cols], table), 'the ICC ratings table');
      }
      const summaryPath = opt(p, '--summary');
      if (summaryPath) {
        const rowsOut = (['phase', 'imageType', 'featureClass'] as const).flatMap((by) => a.summaries[by].map((g) => [by, g.group, g.total, g.kept, g.undefined]));
        write(summaryPath, toCsv(['by', 'group', 'features', 'kept', 'undefined'], rowsOut), 'pass counts');
      }
      console.log(`${a.form.label} (${a.form.model}, ${a.form.type}, ${a.form.unit}); keep ICC ${rule.comparison} ${rule.threshold} in ${rule.required.join(' and ')}`);
      console.log(`reference ${describeSource(a.design.reference)}${comps.map((c) => `; ${c} ${describeSource(a.design[c]!)}`).join('')}`);
      for (const c of a.coverage) {
        console.log(`${c.comparison}: ${c.paired.length} of ${c.expected} patients paired` +
          (c.missingReference.length ? `; excluded, no reference reading: ${c.missingReference.join(', ')}` : '') +
          (c.missingOther.length ? `; excluded, no ${c.comparison} reading: ${c.missingOther.join(', ')}` : ''));
      }
      for (const f of a.extractionFailures) console.log(`not extracted: ${f.reading} ${f.patientId} ${f.phase}: ${f.reason}`);
      console.log(`kept ${a.kept.length} of ${a.rows.length} features`);
      for (const g of a.summaries.phase) console.log(`  phase ${g.group || '-'}: ${g.kept}/${g.total}${g.undefined ? ` (${g.undefined} undefined)` : ''}`);
      console.log(`feature runs for the study (dlrn study run, project route): ${(['reference', ...comps] as const).map((k) => `${RATING_COLUMNS[k]}=${a.runs[k]}`).join(',')}`);
      return 0;
    } finally {
      await pool.close();
    }
  },
};

export const readersAgreement: Command = {
  name: 'readers agreement',
  summary: 'mask agreement per patient (Dice, Jaccard, HD95, volume difference, adjudication flags) and semantic agreement',
  usage: [
    'dlrn readers agreement --project DIR -o MASKS.csv [--semantic SEMANTIC.csv] [--min-dice D] [--reference R[:S] --inter R[:S] --intra R[:S]]',
    `  flags: an empty mask, Dice < D (default ${DEFAULT_OUTLIER_RULE.minDice}), or Tukey outliers (1.5 IQR) of Dice/HD95 within a comparison and phase`,
  ].join('\n'),
  async run(args) {
    const p = parseArgs(args, ['--project', '-p', '-o', '--out', '--semantic', '--min-dice', '--reference', '--inter', '--intra']);
    const out = opt(p, '-o', '--out');
    if (!out) throw new CliError('-o MASKS.csv is required', 2);
    const minDice = opt(p, '--min-dice') === undefined ? DEFAULT_OUTLIER_RULE.minDice : Number(opt(p, '--min-dice'));
    if (!(minDice >= 0 && minDice <= 1)) throw new CliError(`--min-dice must be in [0, 1], got '${opt(p, '--min-dice')}'`, 2);
    await withProject(p, (project) => {
      const d = design(project, p);
      const report = maskAgreementReport(project, d, { ...DEFAULT_OUTLIER_RULE, minDice });
      const header = [
        'comparison', 'patient', 'phase', 'reference', 'other', 'voxels_reference', 'voxels_other', 'voxels_both', 'dice', 'jaccard', 'hd95_mm', 'hausdorff_mm',
        'volume_reference_mm3', 'volume_other_mm3', 'volume_diff_mm3', 'volume_diff_percent', 'flagged', 'flags', 'excluded',
      ];
      const rows: CsvCell[][] = report.rows.map((r) => [
        r.comparison, r.patientId, r.phase, r.reference, r.other, r.voxels.a, r.voxels.b, r.voxels.both, fixed(r.dice), fixed(r.jaccard), fixed(r.hd95Mm), fixed(r.hausdorffMm),
        r.volumeAMm3, r.volumeBMm3, r.volumeDiffMm3, fixed(r.volumeDiffPercent), r.flags.length > 0, r.flags.join('; '), null,
      ]);
      for (const m of report.missing) {
        const other = d[m.comparison]!;
        rows.push([m.comparison, m.patientId, m.phase, describeSource(d.reference), describeSource(other), ...new Array<CsvCell>(13).fill(null), `no ${m.missing === 'both' ? 'reference or other' : m.missing} mask`]);
      }
      write(out, toCsv(header, rows), `${report.rows.length} mask comparisons`);
      const flagged = report.rows.filter((r) => r.flags.length);
      console.log(`${report.rows.length} compared, ${flagged.length} flagged for adjudication, ${report.missing.length} excluded (missing mask)`);
      for (const r of flagged) console.log(`  ${r.comparison} ${r.patientId} ${r.phase}: ${r.flags.join('; ')}`);
      const semanticPath = opt(p, '--semantic');
      if (semanticPath) {
        const sem = semanticAgreementReport(project, d);
        write(
          semanticPath,
          toCsv(
            ['comparison', 'variable', 'scale', 'statistic', 'n', 'missing', 'value', 'lower', 'upper', 'p', 'reason'],
            sem.map((s) => [s.comparison, s.variable, s.scale, s.statistic, s.n, s.missing, fixed(s.value), fixed(s.lower), fixed(s.upper), fixed(s.p), s.reason]),
          ),
          'semantic agreement',
        );
      }
    });
    return 0;
  },
};

/** Every `dlrn readers …` command, in help order. */
export const readersCommands: Command[] = [
  readersAdd,
  readersList,
  readersSessionCreate,
  readersSessionList,
  readersSessionSubmit,
  readersSessionOverride,
  readersMaskImport,
  readersRatingsImport,
  readersIcc,
  readersAgreement,
];
