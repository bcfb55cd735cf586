import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError, opt, parseArgs, type Command } from '../command';
import { definitionHash, parseStudyDefinition, type StudyDefinition } from '../../main/engine/study/definition';
import { StudyDefinitionError, StudyInputError, StudyLeakageError } from '../../main/engine/study/studyErrors';
import { definitionLeakageProblems } from '../../main/engine/study/leakage';
import { readParamsFile } from '../../main/engine/radiomics/paramsFile';
import { StageError } from '../../main/engine/study/stageGraph';
import { featureTableSource, runStudy } from '../../main/services/studyRunner';

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
    '  --features FILE   wide feature table: an id column + one column per feature (pyradiomics batch output accepted)',
    '  --clinical FILE   clinical table: id, outcome, follow-up, cohort/centre and candidate columns',
    '  --icc FILE        ICC ratings (feature, patient, one column per reading) for the study\'s ICC filter',
    '  -o, --out DIR     output folder (results.json, tables/, .cache/)',
    '  --no-cache        recompute every stage (the cache in OUT_DIR/.cache is neither read nor written)',
    '  --quiet           no per-stage progress',
  ].join('\n'),
  async run(args) {
    const p = parseArgs(args, ['--features', '--clinical', '--icc', '-o', '--out'], ['--no-cache', '--quiet']);
    const features = opt(p, '--features');
    const clinical = opt(p, '--clinical');
    const out = opt(p, '-o', '--out');
    if (p.positional.length !== 1 || !features || !clinical || !out) throw new CliError(`usage: ${this.usage.split('\n')[0]}`, 2);
    const definition = readDefinition(p.positional[0]);
    const icc = opt(p, '--icc');
    const quiet = p.flags.has('--quiet');
    try {
      const t0 = performance.now();
      const r = runStudy({
        definition,
        source: featureTableSource({ features, clinical, ...(icc ? { icc } : {}) }),
        outDir: out,
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
      console.log(`wrote ${r.files.length} files to ${resolve(out)}`);
      return 0;
    } catch (err) {
      if (err instanceof StudyInputError || err instanceof StudyLeakageError || err instanceof StudyDefinitionError || err instanceof StageError) {
        throw new CliError(err.message);
      }
      throw err;
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
