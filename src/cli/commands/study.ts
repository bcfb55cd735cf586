import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError, opt, parseArgs, type Command } from '../command';
import { definitionHash, parseStudyDefinition, type StudyDefinition } from '../../main/engine/study/definition';
import { StudyDefinitionError, StudyInputError, StudyLeakageError } from '../../main/engine/study/studyErrors';
import { definitionLeakageProblems } from '../../main/engine/study/leakage';
import { readParamsFile } from '../../main/engine/radiomics/paramsFile';
import { StageError } from '../../main/engine/study/stageGraph';
import { featureTableSource, runStudy, type StudyDataSource } from '../../main/services/studyRunner';
import { projectStudySource } from '../../main/services/projectStudySource';
import { openProject, type Project } from '../../main/storage/project';

/** `reader1=3,reader2=4` → { reader1: 3, reader2: 4 }. */
function runIds(text: string, option: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of text.split(',')) {
    const [k, v] = pair.split('=');
    if (!k || !/^\d+$/.test(v ?? '')) throw new CliError(`${option}: expected NAME=RUN_ID[,NAME=RUN_ID…], got '${pair}'`, 2);
    out[k] = Number(v);
  }
  return out;
}

/**
 * The default feature run of a kind: the finished run covering the most patients (the primary
 * reading, not an agreement subset), newest first among equals.
 */
function latestRun(project: Project, kind: 'radiomics' | 'deep'): number | undefined {
  const row = project.db
    .prepare(
      `SELECT r.id FROM feature_runs r LEFT JOIN feature_run_inputs i ON i.run_id = r.id
       WHERE r.kind = ? AND r.status = 'done' GROUP BY r.id ORDER BY count(DISTINCT i.patient_id) DESC, r.id DESC LIMIT 1`,
    )
    .get(kind) as { id: number } | undefined;
  return row?.id;
}

function readDefinition(path: string): StudyDefinition {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, 2);
  }
  try {
    return parseStudyDefinition(text, path);
  } catch (err) {
    if (err instanceof StudyDefinitionError) throw new CliError(err.message, 2);
    throw err;
  }
}

/**
 * `dlrn study run`: the feature-table route — a study definition run on a feature CSV (pyradiomics batch
 * output or any wide id × feature table) and a clinical CSV, writing results.json and CSV tables.
 */
export const studyRun: Command = {
  name: 'study run',
  summary: 'run a study definition on a feature table + clinical table; writes results.json and CSV tables',
  usage: [
    'dlrn study run STUDY.yaml --features FEATURES.csv --clinical CLINICAL.csv -o OUT_DIR [options]',
    'dlrn study run STUDY.yaml --project DIR [--radiomics-run N] [--deep-run N] [--icc-runs reader1=N,reader2=N,reader1_repeat=N] [-o OUT_DIR]',
    '  --project DIR     the project route: features, clinical table and outcomes from the project (newest finished',
    '                    radiomics/deep runs unless given; ICC runs as printed by `dlrn readers icc`); OUT_DIR defaults',
    '                    to DIR/studies/<study file name>',
    '  --features FILE   wide feature table: an id column + one column per feature (pyradiomics batch output accepted)',
    '  --clinical FILE   clinical table: id, outcome, follow-up, cohort/centre and candidate columns',
    '  --icc FILE        ICC ratings (feature, patient, one column per reading) for the study\'s ICC filter',
    '  -o, --out DIR     output folder (results.json, tables/, .cache/)',
    '  --no-cache        recompute every stage (the cache in OUT_DIR/.cache is neither read nor written)',
    '  --quiet           no per-stage progress',
  ].join('\n'),
  async run(args) {
    const p = parseArgs(
      args,
      ['--features', '--clinical', '--icc', '-o', '--out', '--project', '--radiomics-run', '--deep-run', '--icc-runs'],
      ['--no-cache', '--quiet'],
    );
    const features = opt(p, '--features');
    const clinical = opt(p, '--clinical');
    const projectDir = opt(p, '--project');
    let out = opt(p, '-o', '--out');
    if (p.positional.length !== 1 || (!projectDir && (!features || !clinical || !out)) || (projectDir && (features || clinical))) {
      throw new CliError(`usage: ${this.usage.split('\n')[0]}\n   or: ${this.usage.split('\n')[1]}`, 2);
    }
    const definition = readDefinition(p.positional[0]);
    const icc = opt(p, '--icc');
    let project: Project | undefined;
    let source: StudyDataSource;
    if (projectDir) {
      project = openProject(projectDir);
      const radiomics = opt(p, '--radiomics-run') ? Number(opt(p, '--radiomics-run')) : latestRun(project, 'radiomics');
      if (radiomics === undefined) throw new CliError(`${projectDir}: no finished radiomics feature run; extract features first`);
      const deepText = opt(p, '--deep-run');
      const deep = deepText ? Number(deepText) : definition.deepModel ? latestRun(project, 'deep') : undefined;
      const iccRuns = opt(p, '--icc-runs');
      source = projectStudySource(project, { radiomics, ...(deep !== undefined ? { deep } : {}), ...(iccRuns ? { icc: runIds(iccRuns, '--icc-runs') } : {}) });
      out ??= resolve(projectDir, 'studies', p.positional[0].split(/[\\/]/).pop()!.replace(/\.ya?ml$/i, ''));
    } else {
      source = featureTableSource({ features: features!, clinical: clinical!, ...(icc ? { icc } : {}) });
    }
    const quiet = p.flags.has('--quiet');
    try {
      const t0 = performance.now();
      const r = runStudy({
        definition,
        source,
        outDir: out!,
        cache: !p.flags.has('--no-cache'),
        onStage: quiet ? undefined : (e) => console.error(`  ${e.stage.padEnd(24)} ${e.status === 'cached' ? 'cached' : `${e.ms.toFixed(0)} ms`}`),
      });
      const ran = r.events.filter((e) => e.status === 'ran').length;
      const auc = (id: string): string => {
        const m = r.results.evaluation.roc[id];
        return `${m.training.auc.toFixed(3)} / ${m.validation.auc.toFixed(3)}`;
      };
      console.log(`study '${definition.name}' (${definitionHash(definition).slice(0, 12)}): ${ran} of ${r.events.length} stages computed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      console.log(`AUC training / validation: ${r.results.evaluation.models.map((m) => `${m.id} ${auc(m.id)}`).join(', ')}`);
      for (const w of r.results.warnings) console.log(`warning: ${w}`);
      console.log(`wrote ${r.files.length} files to ${resolve(out!)}`);
      return 0;
    } catch (err) {
      if (err instanceof StudyInputError || err instanceof StudyLeakageError || err instanceof StudyDefinitionError || err instanceof StageError) {
        throw new CliError(err.message);
      }
      throw err;
    } finally {
      project?.close();
    }
  },
};

/** `dlrn study check`: validates a study definition and prints its hash (no data needed). */
export const studyCheck: Command = {
  name: 'study check',
  summary: 'validate a study definition (unknown keys, references, leakage rules, parameter files) and print its hash',
  usage: 'dlrn study check STUDY.yaml [--json]',
  async run(args) {
    const p = parseArgs(args, [], ['--json']);
    if (p.positional.length !== 1) throw new CliError(`usage: ${this.usage}`, 2);
    const definition = readDefinition(p.positional[0]);
    const leaks = definitionLeakageProblems(definition);
    if (leaks.length) throw new CliError(`the study would leak validation data into training:\n${leaks.map((l) => `  - ${l}`).join('\n')}`);
    // extraction parameter files are relative to the study file
    for (const [k, file] of definition.extraction.parameterFiles.entries()) {
      try {
        readParamsFile(resolve(dirname(p.positional[0]), file));
      } catch (err) {
        throw new CliError(`extraction.parameterFiles[${k}] (${file}): ${(err as Error).message}`);
      }
    }
    if (p.flags.has('--json')) console.log(JSON.stringify({ hash: definitionHash(definition), definition }, null, 2));
    else console.log(`${p.positional[0]}: valid study definition '${definition.name}', sha256 ${definitionHash(definition)}`);
    return 0;
  },
};
