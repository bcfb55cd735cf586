/**
 * The patient report's activation-map overlay computed from a project: a two-patient demo cohort imported,
 * reader 1's masks stored, deep features run with the random-init test network; a results.json whose DLRN
 * signature holds deep features of that run. The overlay re-runs the network for one patient, weights the last
 * block by the signature, and the patient PDF shows it (pdftotext: the network label; pdftoppm: a non-blank,
 * coloured page); `dlrn predict --patient ID --project DIR` does the same. Without a deep run the report says
 * why there is no map.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import type { StudyResults } from '../../../src/main/engine/study/resultsSchema';
import { patientReportPdf } from '../../../src/main/export/pdf/patientReport';
import { initProject, type Project } from '../../../src/main/storage/project';
import { runDeepFeatures, TEST_NETWORK_LABEL } from '../../../src/main/services/deepFeatureRun';
import { patientActivationMap, studyDeepRun } from '../../../src/main/services/patientActivationMap';
import { oracleStudyResults } from '../../support/reportFixture';
import { pdfTextPages, rasterPage, pixelVariance } from '../../support/pdfTools';
import { tempDir } from '../../support/tmp';
import { addDemoReadings } from '../../support/demoReadingProject';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const ARTIFACTS = join(ROOT, 'artifacts', 'report-pages');

let project: Project;
let projectDir: string;
let runId: number;
let patient: string;
let base: StudyResults;

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dlrn-activation-'));
  projectDir = join(dir, 'project');
  project = initProject(projectDir, { appVersion: 'test', name: 'activation map test' });
  const { sessionId, patientIds } = await addDemoReadings(project, dir, 2, 11);
  const deep = await runDeepFeatures(project, { reader: 'reader1', sessionId, allowTestNetwork: true, appVersion: 'test' });
  expect(deep.failed).toEqual([]);
  runId = deep.runId;
  patient = patientIds[0]!;
  base = oracleStudyResults();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 300_000);

afterAll(() => {
  project?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The oracle results with the DLRN signature made of deep features of `runId` (arterial and delayed). */
function withDeepSignature(): StudyResults {
  const r = structuredClone(base);
  r.input.source = `project test; feature runs: radiomics 1, deep ${runId} (${TEST_NETWORK_LABEL}, sha256 x, cpu provider)`;
  const sig = r.signatures.find((s) => s.name === r.dlrn.signature) as StudyResults['signatures'][number];
  const deep = [...Array.from({ length: 24 }, (_, k) => `A_resnet18_avgpool_${String(k).padStart(4, '0')}`), 'D_resnet18_avgpool_0003', 'D_resnet18_avgpool_0007'];
  sig.coefficients.features = deep.map((feature, k) => ({ feature, coefficient: 0.1 + 0.01 * k, coefficientRaw: 0.5 + 0.1 * k, mean: 0, sd: 1 }));
  return r;
}

/** Patient values for the DLRN of the oracle results (the first training patient's). */
function values(r: StudyResults): Record<string, number> {
  const out: Record<string, number> = { score: 0.2 };
  for (const p of r.dlrn.predictors) if (p !== 'score') out[p] = 0;
  return out;
}

describe('activation-map overlay from the project', () => {
  it('re-runs the deep run for one patient and draws each signature phase with the network label', async () => {
    const r = withDeepSignature();
    expect(studyDeepRun(r)).toBe(runId);
    const map = await patientActivationMap(project, r, patient);
    if ('unavailable' in map) throw new Error(map.unavailable);
    const svg = map.figure.svg;
    expect(svg.match(/<image /g)).toHaveLength(2);
    expect(svg).toContain('Arterial phase (A)');
    expect(svg).toContain('Delayed phase (D)');
    expect(svg).toContain('random-init ResNet-18 test network');
    expect(svg.match(/class="colour-bar"/g)?.length).toBeGreaterThan(10);
    expect(svg.match(/class="roi-box"/g)).toHaveLength(2);

    const { pdf } = await patientReportPdf(r, { patient: { id: patient }, values: values(r), activation: map, generatedAt: new Date('2025-06-01T00:00:00Z') });
    const path = join(ARTIFACTS, 'patient-report-activation.pdf');
    writeFileSync(path, pdf);
    const pages = pdfTextPages(path);
    const k = pages.findIndex((p) => p.includes('Activation map of the patient'));
    expect(k).toBeGreaterThanOrEqual(0);
    expect(pages[k].replace(/\s+/g, ' ')).toContain('random-init ResNet-18 test network (NOT ImageNet-pretrained');
    const page = rasterPage(path, k + 1, 40, join(ARTIFACTS, `patient-activation-page-${k + 1}.png`));
    expect(pixelVariance(page.pixels)).toBeGreaterThan(200);
  }, 120_000);

  it('dlrn predict --patient ID --project DIR puts the overlay in the patient PDF', async () => {
    const r = withDeepSignature();
    expect(r.dlrn.predictors).toEqual(['score', 'sex']); // sex comes from the project's clinical table
    const sig = r.signatures.find((s) => s.name === r.dlrn.signature) as StudyResults['signatures'][number];
    sig.scores.training.ids[0] = patient;
    const file = join(tempDir(), 'results.json');
    writeFileSync(file, JSON.stringify(r));
    const out = join(ARTIFACTS, 'patient-report-cli.pdf');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await main(['predict', '--results', file, '--patient', patient, '--project', projectDir, '-o', out])).toBe(0);
    } finally {
      log.mockRestore();
    }
    const text = pdfTextPages(out).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Activation map of the patient');
    expect(text).toContain('Network: random-init ResNet-18 test network (NOT ImageNet-pretrained');
  }, 120_000);

  it('says why there is no map when the study used no deep features or the signature has none', async () => {
    const none = await patientActivationMap(project, base, patient);
    expect(none).toEqual({ unavailable: expect.stringContaining('used no deep features') });
    const r = structuredClone(base);
    r.input.source = `project test; feature runs: radiomics 1, deep ${runId} (x)`;
    expect(await patientActivationMap(project, r, patient)).toEqual({ unavailable: expect.stringContaining('selected no deep feature') });
    const { pdf } = await patientReportPdf(base, { patient: { id: patient }, values: values(base), activation: none as { unavailable: string } });
    const path = join(ARTIFACTS, 'patient-report-no-activation.pdf');
    writeFileSync(path, pdf);
    expect(pdfTextPages(path).join('\n').replace(/\s+/g, ' ')).toContain('Not shown: the study used no deep features');
  }, 60_000);
});
