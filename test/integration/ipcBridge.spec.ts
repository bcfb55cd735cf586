import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../src/shared/ipc/channels';
import { contract } from '../../src/shared/ipc/contract';
import { startBridge, type Bridge } from '../e2e/bridge/server';

/** The bridge's JSON reply: a Result envelope (or a plain-text refusal for 403s). */
type Reply = { status: number; body: any };

describe('IPC contract round trip through the loopback bridge (real handlers, real SQLite)', () => {
  let bridge: Bridge;
  let base: URL;
  const call = async (channel: string, input: unknown, token = bridge.token): Promise<Reply> => {
    const res = await fetch(new URL(`/ipc/${channel}`, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dlrn-token': token },
      body: JSON.stringify(input),
    });
    return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
  };

  beforeAll(async () => {
    bridge = await startBridge({ userDataDir: mkdtempSync(join(tmpdir(), 'dlrn-ipc-')) });
    base = new URL(bridge.url);
  });
  afterAll(() => bridge.close());

  it('lists in the preload exactly the channels the contract declares', () => {
    expect([...channelNames].sort()).toEqual(Object.keys(contract).sort());
  });

  it('binds to 127.0.0.1 only', () => {
    expect(base.hostname).toBe('127.0.0.1');
  });

  it('refuses calls without the per-run token', async () => {
    expect((await call('app.info', {}, 'x'.repeat(48))).status).toBe(403);
    expect((await fetch(new URL('/', base))).status).toBe(403);
  });

  it('round-trips app.info, projects.create and projects.recent', async () => {
    expect((await call('app.info', {})).body).toEqual({ ok: true, value: { version: expect.any(String), host: 'bridge' } });
    const dir = join(mkdtempSync(join(tmpdir(), 'dlrn-ipc-')), 'study');
    const created = await call('projects.create', { dir, name: 'Bicentric RLS' });
    expect(created.body).toMatchObject({ ok: true, value: { name: 'Bicentric RLS', schemaVersion: 4 } });
    const recent = await call('projects.recent', {});
    expect(recent.body.value.map((p: { dir: string }) => p.dir)).toContain(dir);
    expect((await call('jobs.list', {})).body).toEqual({ ok: true, value: [] });
  });

  it('validates every input and names the offending key', async () => {
    const r = await call('projects.open', { dir: '' });
    expect(r.body).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(r.body.error.message).toContain('dir');
    const extra = await call('projects.open', { dir: '/tmp/x', evil: true });
    expect(extra.body.error.message).toMatch(/evil|unrecognized/i);
    const unknown = await call('fs.readFile', { path: '/etc/passwd' });
    expect(unknown.body).toEqual({ ok: false, error: { kind: 'invalid_input', message: "unknown channel 'fs.readFile'" } });
  });

  it('reports a handler failure as a typed error, not a crash', async () => {
    const r = await call('projects.open', { dir: join(tmpdir(), 'does-not-exist-dlrn') });
    expect(r.body).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(r.body.error.message).toContain('is not a DLRN Studio project');
  });
});
