import { afterAll, describe, expect, it } from 'vitest';
import { ComputePool } from '../../src/main/workers/computePool';

describe('compute pool (worker_threads running the TypeScript engine)', () => {
  const pool = new ComputePool(2);
  afterAll(() => pool.close());

  it('runs a method in a worker and returns its result', async () => {
    await expect(pool.run('ping', [41])).resolves.toBe(42);
  });

  it('transfers a typed array to the worker when asked', async () => {
    const data = Float64Array.from([1, 2, 3.5]);
    await expect(pool.run('sum', [data], { transfer: true })).resolves.toBe(6.5);
    expect(data.byteLength).toBe(0);
  });

  it('cancels a running task, replaces the worker, and keeps serving', async () => {
    const controller = new AbortController();
    const task = pool.run('spin', [60_000], { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(task).rejects.toThrow('task cancelled');
    await expect(pool.run('ping', [1])).resolves.toBe(2);
  });
});
