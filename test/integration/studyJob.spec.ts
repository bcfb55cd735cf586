import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStudyDefinition } from '../../src/main/engine/study/definition';
import { AppServices } from '../../src/main/services/appServices';
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

  it('keeps the main event loop responsive (timer gaps < 100 ms), reports every stage and writes the results', async () => {
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
  }, 60_000);

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
});
