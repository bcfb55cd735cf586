import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStudyDefinition } from '../../src/main/engine/study/definition';
import { generateDemoCohort } from '../../src/main/engine/demo/generate';
import { readClinicalCsv } from '../../src/main/engine/io/clinicalTable';
import { AppServices } from '../../src/main/services/appServices';
import { audit } from '../../src/main/services/audit';
import { importClinicalTable } from '../../src/main/services/clinicalImport';
import { resolvePatient } from '../../src/main/services/pseudonyms';
import { featureTableSource, runStudy } from '../../src/main/services/studyRunner';
import { initProject } from '../../src/main/storage/project';
import type { JobEvent } from '../../src/shared/jobs/events';
import { oraclePath } from '../support/oracle';
import { tempDir } from '../support/tmp';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const studyFile = join(root, 'studies/oracle-pipeline.yaml');

/** Largest gap between ticks of a 5 ms timer on this (the main) thread, from start() to stop(). */
function heartbeat(): { stop(): number } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(worst, performance.now() - last);
    },
  };
}

/**
 * The heartbeat measures wall-clock gaps, so on a loaded machine (the 2-core CI box shared with other jobs) the
 * scheduler alone can delay one tick past 100 ms: a responsiveness test gets two retries. A main thread that runs
 * the study itself blocks for seconds every time (checked below), which no retry hides.
 */
const RESPONSIVE = { timeout: 60_000, retry: 2 };

describe("the 'study.run' job runs in the compute pool", () => {
  let services: AppServices | undefined;
  afterEach(async () => {
    await services?.shutdown();
    services = undefined;
  });

  function start(events: JobEvent[]): { services: AppServices; project: string } {
    const dir = tempDir();
    services = new AppServices(join(dir, 'user'), (e) => events.push(e));
    const project = join(dir, 'project');
    services.activate(initProject(project, { appVersion: 'test', name: 'study job' }));
    return { services, project };
  }

  // The statistics oracle's 180-patient cohort through the feature-table route (about 3 s of stages, 1.5 s of
  // it the bootstrap calibration).
  const params = () => {
    const cohort = oraclePath('stats', 'data', 'cohort.csv');
    return { studyFile, tables: { features: cohort, clinical: cohort } };
  };

  it('keeps the main event loop responsive (timer gaps < 100 ms), reports every stage and writes the results', RESPONSIVE, async () => {
    const events: JobEvent[] = [];
    const { services: s, project } = start(events);
    const queue = s.jobs()!;
    // Start the pool's worker first: its one-off start-up (tsx compiling the engine here) is not the job.
    await s.pool().run('ping', [0]);
    const beat = heartbeat();
    const id = queue.enqueue('study.run', params());
    await queue.drain();
    const worst = beat.stop();
    expect(queue.get(id).status).toBe('done');
    expect(worst).toBeLessThan(100);
    const stages = events.flatMap((e) => (e.type === 'progress' && e.jobId === id && e.message?.startsWith('stage ') ? [e.message.slice(6)] : []));
    expect(stages).toContain('lasso:signature');
    expect(stages.at(-1)).toBe('results');
    const outDir = join(project, 'studies', 'oracle-pipeline');
    expect(queue.result(id)).toEqual({ outDir, files: expect.arrayContaining(['results.json', join('tables', 'predictions.csv')]) });
    expect(existsSync(join(outDir, 'results.json'))).toBe(true);

    // The same study inline (as `dlrn study run` does) blocks this thread for seconds: the heartbeat sees it.
    const inline = heartbeat();
    await new Promise((ok) => setTimeout(ok, 20));
    runStudy({ definition: parseStudyDefinition(readFileSync(studyFile, 'utf8'), studyFile), source: featureTableSource(params().tables), outDir: join(project, 'inline'), cache: false });
    await new Promise((ok) => setTimeout(ok, 20));
    expect(inline.stop()).toBeGreaterThan(500);
  });

  it('cancels mid-run: the worker is stopped, the job is cancelled, no results are written, and the next run works', async () => {
    const events: JobEvent[] = [];
    const { services: s, project } = start(events);
    const queue = s.jobs()!;
    const id = queue.enqueue('study.run', params());
    const drained = queue.drain();
    // Cancel once the worker has reported its first stages (well before the calibration bootstrap ends).
    await new Promise<void>((ok) => {
      const poll = setInterval(() => {
        if (events.some((e) => e.type === 'progress' && e.jobId === id && e.message === 'stage split')) {
          clearInterval(poll);
          ok();
        }
      }, 2);
    });
    const t0 = performance.now();
    queue.cancel(id);
    await drained;
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(queue.get(id).status).toBe('cancelled');
    expect(events.some((e) => e.type === 'cancelled' && e.jobId === id)).toBe(true);
    const outDir = join(project, 'studies', 'oracle-pipeline');
    expect(existsSync(join(outDir, 'results.json'))).toBe(false);
    expect(existsSync(join(outDir, 'tables'))).toBe(false);
    if (existsSync(join(outDir, '.cache'))) expect(readdirSync(join(outDir, '.cache')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(s.current()!.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The pool replaced the terminated worker: the same study runs to completion.
    const again = queue.enqueue('study.run', params());
    await queue.drain();
    expect(queue.get(again).status).toBe('done');
    expect(existsSync(join(outDir, 'results.json'))).toBe(true);
  }, 60_000);

  it('project route: the worker reads the feature runs while the main thread keeps writing to the project', RESPONSIVE, async () => {
    const events: JobEvent[] = [];
    const { services: s, project: dir } = start(events);
    const project = s.current()!;
    // 100 demo patients (metadata only): clinical table through the importer, and one radiomics run whose
    // three phases hold the planted risk scores plus noise among noise features (so the signature has signal).
    const demo = generateDemoCohort(join(dir, '..', 'demo'), { patients: 100, seed: 20230531, images: false });
    const csv = join(dir, '..', 'demo', demo.files.clinical);
    importClinicalTable(project, readClinicalCsv(readFileSync(csv, 'utf8'), csv), csv, { createMissing: true, actor: 'test' });
    const runId = Number(
      project.db.prepare("INSERT INTO feature_runs (kind, params_hash, params_json, software_version, status) VALUES ('radiomics', 'x', '{}', 'test', 'done')").run()
        .lastInsertRowid,
    );
    const input = project.db.prepare('INSERT INTO feature_run_inputs (run_id, patient_id, phase) VALUES (?, ?, ?)');
    const value = project.db.prepare('INSERT INTO feature_values (run_id, patient_id, phase, feature, value) VALUES (?, ?, ?, ?, ?)');
    let seed = 7;
    const noise = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    };
    project.db.transaction(() => {
      for (const p of demo.cohort) {
        const id = resolvePatient(project, p.id)!;
        for (const phase of ['arterial', 'venous', 'delayed']) {
          input.run(runId, id, phase);
          Object.entries(p.truth.riskScores).forEach(([name, v]) => value.run(runId, id, phase, `original_firstorder_${name}`, v + noise()));
          for (let k = 0; k < 40; k++) value.run(runId, id, phase, `original_glcm_Noise${k}`, noise());
        }
      }
    })();

    const queue = s.jobs()!;
    await s.pool().run('ping', [0]);
    const beat = heartbeat();
    const writer = setInterval(() => audit(project, 'test', 'main.write', 'test', null), 10);
    const id = queue.enqueue('study.run', { studyFile: join(root, 'test/e2e/fixtures/demo-study.yaml'), runs: { radiomics: runId } });
    await queue.drain();
    clearInterval(writer);
    const worst = beat.stop();
    expect(queue.get(id)).toMatchObject({ status: 'done', error: null });
    expect(worst).toBeLessThan(100);
    expect((project.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'main.write'").get() as { n: number }).n).toBeGreaterThan(10);
    const results = JSON.parse(readFileSync(join(dir, 'studies', 'demo-study', 'results.json'), 'utf8')) as { input: { source: string }; evaluation: { roc: Record<string, unknown> } };
    expect(results.input.source).toContain(`feature runs: radiomics ${runId}`);
    expect(Object.keys(results.evaluation.roc)).toContain('dlrn');
  });
});
