import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JobQueue, type JobRunner } from '../../src/main/services/jobQueue';
import { initProject, openProject } from '../../src/main/storage/project';
import type { JobEvent } from '../../src/shared/jobs/events';
import { tempDir } from '../support/tmp';

const child = fileURLToPath(new URL('./fixtures/crashingJob.ts', import.meta.url));

function runChild(dir: string, mode: 'run' | 'resume', killWhen?: string): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, dir, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killWhen && out.includes(killWhen)) p.kill('SIGKILL');
    });
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('persistent job queue', () => {
  it('survives SIGKILL mid-job: the database stays consistent and the job resumes to completion', async () => {
    const dir = join(tempDir(), 'p');
    initProject(dir, { appVersion: 'test' }).close();

    const killed = await runChild(dir, 'run', 'PROGRESSING');
    expect(killed.signal).toBe('SIGKILL');

    const p = openProject(dir);
    expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const job = p.db.prepare('SELECT status, checkpoint_json FROM jobs').get() as { status: string; checkpoint_json: string };
    expect(job.status).toBe('running');
    const next = (JSON.parse(job.checkpoint_json) as { next: number }).next;
    const rows = (p.db.prepare('SELECT count(*) AS n FROM test_units').get() as { n: number }).n;
    expect(rows).toBe(next * 10); // committed units are whole, nothing half-written
    expect(next).toBeGreaterThanOrEqual(6);
    expect(next).toBeLessThan(50);
    p.close();

    const resumed = await runChild(dir, 'resume');
    expect(resumed.out).toContain('FINISHED');
    const q = openProject(dir);
    expect(q.db.prepare('SELECT status, progress FROM jobs').get()).toEqual({ status: 'done', progress: 1 });
    expect((q.db.prepare('SELECT count(*) AS n FROM test_units').get() as { n: number }).n).toBe(500);
    q.close();
  }, 60_000);

  it('reports progress with an ETA, and cancels a running job', async () => {
    const p = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const events: JobEvent[] = [];
    const slow: JobRunner<null, string> = async (ctx) => {
      for (let i = 1; i <= 100; i++) {
        if (ctx.signal.aborted) throw new Error('aborted');
        await new Promise((r) => setTimeout(r, 5));
        ctx.progress(i / 100, `step ${i}`);
      }
      return 'finished';
    };
    const queue = new JobQueue(p.db, { slow: slow as JobRunner<never, unknown, never> }, (e) => events.push(e));
    const a = queue.enqueue('slow', null);
    const b = queue.enqueue('slow', null);
    const drained = queue.drain();
    await new Promise((r) => setTimeout(r, 100));
    queue.cancel(a);
    await drained;
    expect(queue.get(a).status).toBe('cancelled');
    expect(queue.get(b).status).toBe('done');
    expect(queue.result(b)).toBe('finished');
    const progress = events.filter((e) => e.type === 'progress' && e.jobId === b);
    expect(progress.length).toBe(100);
    expect(progress.some((e) => e.type === 'progress' && e.etaSeconds !== null && e.etaSeconds > 0)).toBe(true);
    p.close();
  });

  it('records a failing job with its error message', async () => {
    const p = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
    const failing: JobRunner = async () => {
      throw new Error('patient RLS-0007: venous phase missing');
    };
    const queue = new JobQueue(p.db, { failing: failing as JobRunner<never, unknown, never> });
    const id = queue.enqueue('failing', {});
    await queue.drain();
    expect(queue.get(id)).toMatchObject({ status: 'failed', error: 'patient RLS-0007: venous phase missing' });
    expect(() => queue.enqueue('nope', {})).toThrow(/unknown job kind 'nope'/);
    p.close();
  });
});
