/**
 * The 'features.deep' job: the app's route to ResNet-18 features (the CLI's `dlrn deep`), run by the job queue
 * in the crash-isolated inference host, on a generated demo project with reader1's masks. Without a registered
 * pretrained network the job may use the random-init test network, whose runs carry its label.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/shared/jobs/events';
import { AppServices } from '../../src/main/services/appServices';
import { TEST_NETWORK_LABEL } from '../../src/main/services/deepFeatureRun';
import { initProject } from '../../src/main/storage/project';
import { addDemoReadings } from '../support/demoReadingProject';
import { tempDir } from '../support/tmp';

describe("the 'features.deep' job", () => {
  let services: AppServices | undefined;
  afterEach(async () => {
    await services?.shutdown();
    services = undefined;
  });

  async function start(events: JobEvent[]): Promise<AppServices> {
    const dir = tempDir();
    services = new AppServices(join(dir, 'user'), (e) => events.push(e));
    const project = initProject(join(dir, 'project'), { appVersion: 'test', name: 'deep job' });
    await addDemoReadings(project, dir, 2, 5);
    services.activate(project);
    return services;
  }

  it('stores a done deep run of every patient and phase, labelled with the network, with progress per patient', async () => {
    const events: JobEvent[] = [];
    const s = await start(events);
    const queue = s.jobs()!;
    const id = queue.enqueue('features.deep', { reader: 'reader1', allowTestNetwork: true });
    await queue.drain();
    expect(queue.get(id).status).toBe('done');
    const report = queue.result(id) as { runId: number; model: string; patients: number; failed: unknown[] };
    expect(report).toMatchObject({ model: TEST_NETWORK_LABEL, patients: 2, failed: [] });
    const db = s.current()!.db;
    expect(db.prepare('SELECT kind, status FROM feature_runs WHERE id = ?').get(report.runId)).toEqual({ kind: 'deep', status: 'done' });
    const perPhase = db.prepare('SELECT patient_id AS p, phase, COUNT(*) AS n FROM feature_values WHERE run_id = ? GROUP BY patient_id, phase').all(report.runId) as { n: number }[];
    expect(perPhase).toHaveLength(6);
    expect(new Set(perPhase.map((r) => r.n)).size).toBe(1);
    expect(perPhase[0]!.n).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'progress' && e.jobId === id && e.message?.startsWith('deep features ')).length).toBe(2);
  }, 300_000);

  it('cancelled after the first patient: the job is cancelled and no deep run or value is left behind', async () => {
    const events: JobEvent[] = [];
    const s = await start(events);
    const queue = s.jobs()!;
    const id = queue.enqueue('features.deep', { reader: 'reader1', allowTestNetwork: true });
    const drained = queue.drain();
    await new Promise<void>((ok) => {
      const poll = setInterval(() => {
        if (events.some((e) => e.type === 'progress' && e.jobId === id && e.message?.startsWith('deep features '))) {
          clearInterval(poll);
          ok();
        }
      }, 2);
    });
    queue.cancel(id);
    await drained;
    expect(queue.get(id).status).toBe('cancelled');
    const db = s.current()!.db;
    expect(db.prepare("SELECT COUNT(*) AS n FROM feature_runs WHERE kind = 'deep'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM feature_values').get()).toEqual({ n: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 300_000);
});
