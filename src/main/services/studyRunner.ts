/**
 * Runs a study definition on data from an injected source and writes OUT_DIR/results.json plus CSV tables.
 * Stage outputs are cached under OUT_DIR/.cache/<key>.json (key = SHA-256 of stage name, settings and input
 * hashes; see engine/study/stageGraph), so an identical re-run reuses every stage and writes a byte-identical
 * results.json, and a changed setting re-runs only the stages it affects.
 *
 * Sources: {@link featureTableSource} (CSV files: the `dlrn study run --features --clinical` route). The
 * project-backed source (features from the project's SQLite tables) implements the same interface.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appVersion } from '../appInfo';
import { toCsv } from '../engine/io/csvWrite';
import type { StudyDefinition } from '../engine/study/definition';
import type { StudyInput } from '../engine/study/studyData';
import { readClinicalCsv, readFeatureTableCsv, readIccRatingsCsv } from '../engine/study/tableReaders';
import { withDerivedColumns } from '../engine/study/derivedColumns';
import { analysisStages, prepareStudy } from '../engine/study/pipeline';
import { executeStages, hashStudyInput, type StageCache, type StageEvent } from '../engine/study/stageGraph';
import { metaHashes, resultsStage, type ResultsMeta } from '../engine/study/results';
import type { StudyResults } from '../engine/study/resultsSchema';
import { harmonisedFeatureTable, studyTables, type StudyTable } from '../engine/study/tables';
import type { HarmoniseOutput } from '../engine/study/stages/harmoniseStage';
import type { SplitOutput } from '../engine/study/stageTypes';

/** Where a study's data come from. */
export interface StudyDataSource {
  /** Human-readable description recorded in results.json (e.g. the file names). */
  describe(): string;
  load(definition: StudyDefinition): StudyInput;
}

/** The feature-table route: a wide feature CSV, a clinical CSV and an optional ICC ratings CSV. */
export function featureTableSource(files: { features: string; clinical: string; icc?: string; label?: (path: string) => string }): StudyDataSource {
  const label = files.label ?? ((p: string) => p);
  return {
    describe: () => `features: ${label(files.features)}; clinical: ${label(files.clinical)}${files.icc ? `; icc: ${label(files.icc)}` : ''}`,
    load(definition) {
      const features = readFeatureTableCsv(readFileSync(files.features, 'utf8'), label(files.features), definition.featureTable.idColumn);
      const clinical = readClinicalCsv(readFileSync(files.clinical, 'utf8'), label(files.clinical), definition.patients.idColumn);
      const icc = files.icc ? readIccRatingsCsv(readFileSync(files.icc, 'utf8'), label(files.icc)) : undefined;
      return { features, clinical, ...(icc ? { icc } : {}) };
    },
  };
}

/** Stage cache in a folder: one `<key>.json` per stage output, written atomically. */
export function directoryCache(dir: string): StageCache {
  mkdirSync(dir, { recursive: true });
  return {
    get(key) {
      const path = join(dir, `${key}.json`);
      return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    },
    set(key, text) {
      writeAtomic(join(dir, `${key}.json`), text);
    },
  };
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The application's name and version (package.json). */
export function softwareInfo(): { name: string; version: string } {
  return { name: 'DLRN Studio', version: appVersion() };
}

export interface StudyRunOptions {
  definition: StudyDefinition;
  source: StudyDataSource;
  outDir: string;
  /** Reuse and fill OUT_DIR/.cache (default true). */
  cache?: boolean;
  onStage?: (e: StageEvent) => void;
  software?: { name: string; version: string };
}

export interface StudyRunResult {
  results: StudyResults;
  /** One event per stage, in execution order (ran or cached). */
  events: StageEvent[];
  /** Files written, relative to OUT_DIR. */
  files: string[];
}

/** What {@link computeStudy} hands back: everything a run writes, not yet written (results.json and the tables). */
export interface StudyComputation {
  results: StudyResults;
  events: StageEvent[];
  tables: StudyTable[];
}

/** {@link computeStudy}'s inputs: the data already loaded from a source, and the source's description. */
export interface StudyComputeOptions extends Omit<StudyRunOptions, 'source'> {
  input: StudyInput;
  describe: string;
}

/**
 * The study's computation without its outputs: adds the definition's derived clinical columns, refuses leaking
 * settings and bad input (before any stage runs) and executes the stages (through OUT_DIR/.cache unless `cache`
 * is false). Pure CPU apart from the stage cache, so it runs as well in a compute worker (the app's
 * 'study.run' job) as inline (`dlrn study run`, the demo run).
 * @throws StudyLeakageError, StudyInputError, or the error of a failing stage
 */
export function computeStudy(options: StudyComputeOptions): StudyComputation {
  const { definition, outDir } = options;
  const input = { ...options.input, clinical: withDerivedColumns(definition, options.input.clinical) };
  const checked = prepareStudy(definition, input);
  const hashes = hashStudyInput(input);
  const meta: ResultsMeta = {
    software: options.software ?? softwareInfo(),
    source: options.describe,
    hashes: metaHashes(hashes),
    featureColumns: input.features.names.length,
    ignoredColumns: input.features.ignoredColumns,
    warnings: checked.warnings,
  };
  const analysis = analysisStages(definition);
  const stages = [...analysis, resultsStage(definition, meta, analysis)];
  const cache: StageCache = options.cache === false ? { get: () => undefined, set: () => {} } : directoryCache(join(outDir, '.cache'));
  const events: StageEvent[] = [];
  const { outputs } = executeStages(
    stages,
    input,
    cache,
    (e) => {
      events.push(e);
      options.onStage?.(e);
    },
    hashes,
    `${meta.software.name} ${meta.software.version}`,
  );
  const results = outputs.get('results') as StudyResults;
  const split = outputs.get('split') as SplitOutput;
  const harmonised = outputs.get('harmonise') as HarmoniseOutput;
  const tables = [...studyTables(results), harmonisedFeatureTable(split.ids, split.cohort, harmonised.names, harmonised.columns)];
  return { results, events, tables };
}

/**
 * Writes a computed study to OUT_DIR: results.json, then tables/*.csv, each file atomically (temporary file +
 * rename), so a reader never sees a half-written file.
 * @returns the files written, relative to OUT_DIR
 */
export function writeStudyOutputs(outDir: string, computed: Pick<StudyComputation, 'results' | 'tables'>): string[] {
  const files: string[] = [];
  mkdirSync(join(outDir, 'tables'), { recursive: true });
  writeAtomic(join(outDir, 'results.json'), `${JSON.stringify(computed.results, null, 2)}\n`);
  files.push('results.json');
  for (const t of computed.tables) {
    writeAtomic(join(outDir, 'tables', t.file), toCsv(t.header, t.rows));
    files.push(join('tables', t.file));
  }
  return files;
}

/**
 * Removes temporary files a stopped run left in OUT_DIR/.cache (a compute worker terminated between writing a
 * stage's temporary file and renaming it). Finished cache entries stay: they are whole and keyed by content.
 */
export function removePartialCacheFiles(outDir: string): void {
  const dir = join(outDir, '.cache');
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) if (f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
}

/**
 * Loads the data, computes the study ({@link computeStudy}) and writes results.json and the tables
 * ({@link writeStudyOutputs}), all on the calling thread.
 * @throws StudyLeakageError, StudyInputError (nothing is written), or the error of a failing stage
 */
export function runStudy(options: StudyRunOptions): StudyRunResult {
  const { source, outDir, ...rest } = options;
  const input = source.load(options.definition);
  const computed = computeStudy({ ...rest, outDir, input, describe: source.describe() });
  return { results: computed.results, events: computed.events, files: writeStudyOutputs(outDir, computed) };
}
