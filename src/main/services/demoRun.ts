import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateDemoCohort } from '../engine/demo/generate';
import type { DemoManifest } from '../engine/demo/manifest';
import { readClinicalCsv } from '../engine/io/clinicalTable';
import { readImage } from '../engine/io/readImage';
import { parseStudyDefinition } from '../engine/study/definition';
import type { StudyResults } from '../engine/study/resultsSchema';
import { writeStudyReport } from '../export/pdf/studyReport';
import { writePatientReport } from '../export/pdf/patientReport';
import { reportFigures, writeFigureSvgs } from '../export/csv';
import { writeFigurePngs } from '../export/png';
import { buildStudyReport } from '../engine/reports/studyReport';
import { patientActivationMap } from './patientActivationMap';
import { appRoot } from '../appRoot';
import { initProject } from '../storage/project';
import { ComputePool } from '../workers/computePool';
import { defaultDesign, iccAnalysis } from './agreement';
import { importClinicalTable } from './clinicalImport';
import { runDeepFeatures, type DeepRunReport } from './deepFeatureRun';
import { importDicomFolder } from './dicomImport';
import { runFeatureExtraction } from './featureExtraction';
import { projectStudySource } from './projectStudySource';
import { studyPatientValues } from './patientValues';
import { resolvePatient } from './pseudonyms';
import { addReader } from './readers';
import { createSession, overrideWashout, saveSessionMask, submitSession, type ReadingPhase } from './readingSessions';
import { runStudy } from './studyRunner';

export interface DemoRunOptions {
  outDir: string;
  patients: number;
  seed?: number;
  /** Worker threads for extraction (default: cores − 1). */
  workers?: number;
  appVersion: string;
  log(message: string): void;
}

export interface DemoRunSummary {
  outDir: string;
  resultsPath: string;
  reportPath: string;
  patientReportPath: string;
  patientRisk: number;
  deep: DeepRunReport;
  results: StudyResults;
  seconds: Record<string, number>;
}

const PHASE_DIR: Record<string, ReadingPhase> = { ART: 'arterial', PV: 'venous', DELAY: 'delayed' };

/**
 * The product's main job on the synthetic demo cohort, through the real code paths:
 * generate (DICOM) → import (DICOM folder, clinical table) → reading sessions (reader 1 for everyone;
 * reader 2 and reader 1's repeat on the agreement subset) → hand-crafted features (reader 1) and
 * per-reading features for the ICC → deep features → the study (studies/demo-dlrn.yaml) → PDF report, a patient
 * report with the activation-map overlay, and every figure as SVG and PNG (OUT_DIR/figures).
 */
export async function runDemo(opts: DemoRunOptions): Promise<DemoRunSummary> {
  const outDir = resolve(opts.outDir);
  const cohortDir = join(outDir, 'cohort');
  const seconds: Record<string, number> = {};
  const timed = async <T>(stage: string, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    opts.log(`▶ ${stage}`);
    const r = await fn();
    seconds[stage] = (performance.now() - t0) / 1000;
    return r;
  };
  if (existsSync(join(outDir, 'project'))) throw new Error(`${outDir} already holds a demo run; choose a new folder`);

  const manifest: DemoManifest = await timed('generate cohort', () =>
    generateDemoCohort(cohortDir, { patients: opts.patients, ...(opts.seed !== undefined ? { seed: opts.seed } : { seed: 20230531 }) }),
  );
  const project = initProject(join(outDir, 'project'), { appVersion: opts.appVersion, name: 'DLRN demo study' });
  const pool = new ComputePool(opts.workers);
  try {
    const imported = await timed('import DICOM', () => importDicomFolder(project, join(cohortDir, 'dicom'), { actor: 'demo' }));
    if (imported.errors.length) throw new Error(`demo import failed: ${imported.errors.map((e) => `${e.path}: ${e.reason}`).join('; ')}`);
    opts.log(`  ${imported.seriesImported} series, ${imported.patients} patients, ${imported.review.length} phases to review`);
    await timed('import clinical table', () => {
      const csv = join(cohortDir, manifest.files.clinical);
      importClinicalTable(project, readClinicalCsv(readFileSync(csv, 'utf8'), csv), csv, { actor: 'demo' });
    });

    const paramsText = readFileSync(join(appRoot(), 'studies', 'params', 'demo-ct.yaml'), 'utf8');
    const sessions = await timed('reading sessions', () => storeReadings(project, manifest, cohortDir));

    const radiomics = await timed('hand-crafted features (reader 1)', () =>
      runFeatureExtraction(project, pool, {
        paramsText,
        masks: { reader: 'reader1', sessionId: sessions.primary },
        appVersion: opts.appVersion,
        onProgress: (f, m) => opts.log(`  ${(f * 100).toFixed(0).padStart(3)}% ${m}`),
      }),
    );
    if (radiomics.failed.length) throw new Error(`extraction failed: ${radiomics.failed.map((f) => `${f.patientId} ${f.phase}: ${f.reason}`).join('; ')}`);
    const icc = await timed('ICC readings (reader 2, reader 1 repeat)', () =>
      iccAnalysis(project, pool, defaultDesign(project), { paramsText, appVersion: opts.appVersion }),
    );
    opts.log(`  ICC > 0.8 in inter and intra: ${icc.kept.length} of ${icc.rows.length} features`);
    const deep = await timed('deep features', () =>
      runDeepFeatures(project, { reader: 'reader1', sessionId: sessions.primary, allowTestNetwork: true, appVersion: opts.appVersion }),
    );
    opts.log(`  ${deep.patients} patients with ${deep.model} on ${deep.provider}`);

    const studyFile = join(appRoot(), 'studies', 'demo-dlrn.yaml');
    const definition = parseStudyDefinition(readFileSync(studyFile, 'utf8'), studyFile);
    const studyDir = join(outDir, 'study');
    const run = await timed('study', () =>
      runStudy({
        definition,
        outDir: studyDir,
        source: projectStudySource(project, {
          radiomics: radiomics.runId,
          deep: deep.runId,
          icc: { reader1: icc.runs.reference!, reader2: icc.runs.inter!, reader1_repeat: icc.runs.intra! },
        }),
      }),
    );
    const resultsPath = join(studyDir, 'results.json');
    const reportPath = join(outDir, 'report.pdf');
    await timed('report', () => writeStudyReport(resultsPath, reportPath, { reporterVersion: opts.appVersion, searchDirs: [join(appRoot(), 'studies')] }));

    // A patient report for the first validation patient: the signature score from the study and the
    // DLRN's clinical predictors from the project's clinical table (with the study's derived columns).
    const r = run.results;
    const patientId = r.signatures.find((sig) => sig.name === r.dlrn.signature)!.scores.validation.ids[0];
    const values = studyPatientValues(project, r, patientId);
    const patientReportPath = join(outDir, `patient-${patientId}.pdf`);
    const prediction = await timed('patient report', async () => {
      const activation = await patientActivationMap(project, r, patientId);
      if ('unavailable' in activation) opts.log(`  activation map not shown: ${activation.unavailable}`);
      else {
        writeFigureSvgs([activation.figure], join(outDir, 'figures'));
        writeFigurePngs([activation.figure], join(outDir, 'figures'));
      }
      return writePatientReport(resultsPath, patientReportPath, { patient: { id: patientId }, values, activation, reporterVersion: opts.appVersion });
    });
    await timed('figures (SVG, PNG)', () => {
      const model = buildStudyReport(r, { generatedAt: new Date(), reporterVersion: opts.appVersion });
      const figures = reportFigures(model);
      writeFigureSvgs(figures, join(outDir, 'figures'));
      writeFigurePngs(figures, join(outDir, 'figures'));
    });
    return { outDir, resultsPath, reportPath, patientReportPath, patientRisk: prediction.risk, deep, results: r, seconds };
  } finally {
    await pool.close();
    project.close();
  }
}

/** Reader profiles, the three reading sessions and every reader mask of the demo, as a coordinator would. */
function storeReadings(project: Parameters<typeof addReader>[0], manifest: DemoManifest, cohortDir: string): { primary: number; inter: number; intra: number } {
  addReader(project, 'coordinator', 'coordinator', 'demo');
  addReader(project, 'reader1', 'reader', 'demo');
  addReader(project, 'reader2', 'reader', 'demo');
  const pseudonym = (id: string): string => {
    const p = resolvePatient(project, id);
    if (!p) throw new Error(`demo patient ${id} was not imported`);
    return p;
  };
  const subset = manifest.cohort.filter((p) => p.repeatDelineation).map((p) => pseudonym(p.id));
  const masksOf = (reader: 'reader1' | 'reader2' | 'reader1_repeat', sessionId: number, patients: (typeof manifest.cohort)[number][]) => {
    for (const p of patients) {
      for (const [dir, phase] of Object.entries(PHASE_DIR)) {
        const entry = p.phases?.[dir as keyof typeof p.phases]?.masks.find((m) => m.reader === reader);
        if (!entry) throw new Error(`demo manifest: no ${reader} mask for ${p.id} ${dir}`);
        saveSessionMask(project, {
          sessionId,
          patientId: pseudonym(p.id),
          phase,
          mask: readImage(join(cohortDir, entry.path)),
          actor: reader === 'reader2' ? 'reader2' : 'reader1',
          tool: 'import',
        });
      }
    }
  };
  const primary = createSession(project, { coordinator: 'coordinator', reader: 'reader1', kind: 'primary', task: 'delineation', name: 'primary delineation' });
  masksOf('reader1', primary.id, manifest.cohort);
  submitSession(project, primary.id, 'reader1');
  const repeaters = manifest.cohort.filter((p) => p.repeatDelineation);
  const inter = createSession(project, { coordinator: 'coordinator', reader: 'reader2', kind: 'inter', task: 'delineation', name: 'second reader', patients: { ids: subset } });
  masksOf('reader2', inter.id, repeaters);
  submitSession(project, inter.id, 'reader2');
  const intra = createSession(project, {
    coordinator: 'coordinator',
    reader: 'reader1',
    kind: 'intra',
    task: 'delineation',
    name: 'repeat delineation',
    patients: { sameAs: inter.id },
    repeatOf: primary.id,
  });
  overrideWashout(project, intra.id, 'coordinator', 'synthetic demo readings: the generator drew the repeat outlines, no memory effect to wash out');
  masksOf('reader1_repeat', intra.id, repeaters);
  submitSession(project, intra.id, 'reader1');
  return { primary: primary.id, inter: inter.id, intra: intra.id };
}
