import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../src/main/storage/project';
import { startBridge, type Bridge } from '../e2e/bridge/server';
import { encodeBinaryBody } from '../e2e/bridge/binaryBody';
import { addSyntheticPatient, syntheticCt, threePhaseGrids } from '../support/syntheticCtProject';

describe('voxels and masks through the loopback bridge: binary both ways, never JSON', () => {
  let bridge: Bridge;
  let base: URL;
  let dir: string;
  const call = async (channel: string, input: unknown) => {
    const res = await fetch(new URL(`/ipc/${channel}`, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dlrn-token': bridge.token },
      body: JSON.stringify(input),
    });
    return res.json();
  };

  beforeAll(async () => {
    bridge = await startBridge({ userDataDir: mkdtempSync(join(tmpdir(), 'dlrn-vb-')) });
    base = new URL(bridge.url);
    dir = join(mkdtempSync(join(tmpdir(), 'dlrn-vb-')), 'study');
    await call('projects.create', { dir });
    const p = openProject(dir);
    addSyntheticPatient(p);
    p.close();
  });
  afterAll(() => bridge.close());

  it('serves the raw voxels of a volume at the URL the header names, token required', async () => {
    const [venous] = (await call('volumes.forPatient', { patientId: 'PT-0001' })).value.filter((v: { phase: string }) => v.phase === 'venous');
    const header = (await call('volumes.header', { volumeId: venous.id })).value;
    expect(header).toMatchObject({ size: [160, 120, 20], pixelType: 'int16' });
    expect(header.url).toMatch(/^\/volume\/[0-9a-f]{64}\?token=/);
    const res = await fetch(new URL(header.url, base));
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const voxels = new Int16Array(await res.arrayBuffer());
    expect(voxels).toEqual(syntheticCt(threePhaseGrids[1], 60).data);
    const meta = await (await fetch(new URL(header.url.replace('?', '/header?'), base))).json();
    expect(meta).toEqual({ pixelType: 'int16', size: [160, 120, 20], byteLength: 160 * 120 * 20 * 2 });
    expect((await fetch(new URL(`/volume/${header.hash}`, base))).status).toBe(403);
    expect((await fetch(new URL(`/volume/${'0'.repeat(64)}?token=${bridge.token}`, base))).status).toBe(404);
  });

  it('saves a mask sent as bytes and serves it back', async () => {
    const [arterial] = (await call('volumes.forPatient', { patientId: 'PT-0001' })).value;
    const readerId = (await call('readers.list', {})).value[0].id;
    const mask = new Uint8Array(128 * 96 * 24);
    mask.fill(1, 5000, 5100);
    const body = encodeBinaryBody({ volumeId: arterial.id, readerId, label: 1, name: 'tumour', baseVersion: null, mask }, 'mask');
    const res = await fetch(new URL('/ipc-binary/segmentations.save', base), { method: 'POST', headers: { 'x-dlrn-token': bridge.token }, body });
    const saved = await res.json();
    expect(saved).toMatchObject({ ok: true, value: { version: 1, status: 'in_progress' } });
    const back = new Uint8Array(await (await fetch(new URL(saved.value.url, base))).arrayBuffer());
    expect(back).toEqual(mask);
  });
});
