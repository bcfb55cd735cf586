import { describe, expect, it } from 'vitest';
import { Autosaver, type Timers } from '../../../../src/renderer/src/tools/autosave';
import { decodeRuns, encodeRuns } from '../../../../src/renderer/src/tools/maskCodec';

/** Manually advanced timers. */
function fakeTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => {
      pending.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clear: (h) => pending.delete(h as number),
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { timers, advance, pending };
}

describe('autosave (debounced, retried on failure)', () => {
  it('saves once after a quiet period, however many edits came before', async () => {
    const t = fakeTimers();
    let saves = 0;
    const a = new Autosaver(async () => void saves++, 1000, () => {}, t.timers);
    a.touch();
    await t.advance(600);
    a.touch();
    await t.advance(600);
    expect(saves).toBe(0);
    expect(a.state).toBe('pending');
    await t.advance(400);
    expect(saves).toBe(1);
    expect(a.state).toBe('idle');
  });

  it('an edit during a save schedules another save after it', async () => {
    const t = fakeTimers();
    let release: () => void = () => {};
    let saves = 0;
    const a = new Autosaver(() => new Promise<void>((r) => { saves++; release = r; }), 100, () => {}, t.timers);
    a.touch();
    await t.advance(100);
    expect(a.state).toBe('saving');
    a.touch();
    release();
    await t.advance(0);
    expect(a.state).toBe('pending');
    await t.advance(100);
    expect(saves).toBe(2);
  });

  it('a failed save reports why, keeps the edits unsaved and retries', async () => {
    const t = fakeTimers();
    let fail = true;
    let saves = 0;
    const states: string[] = [];
    const a = new Autosaver(async () => {
      saves++;
      if (fail) throw new Error('disk full');
    }, 100, (s, e) => states.push(`${s}${e ? `:${e}` : ''}`), t.timers, 500);
    a.touch();
    await t.advance(100);
    expect(a.state).toBe('error');
    expect(a.lastError).toBe('disk full');
    fail = false;
    await t.advance(500);
    expect(saves).toBe(2);
    expect(a.state).toBe('idle');
    expect(states).toContain('error:disk full');
  });

  it('flush saves immediately and rejects with the reason when the save fails', async () => {
    const t = fakeTimers();
    const a = new Autosaver(async () => {
      throw new Error('conflict: version 3 on disk');
    }, 10_000, () => {}, t.timers);
    a.touch();
    await expect(a.flush()).rejects.toThrow('version 3 on disk');
  });
});

describe('draft run-length codec', () => {
  it('round-trips, including runs longer than 127 and 16383', () => {
    const labels = new Uint8Array(40_000);
    labels.fill(1, 100, 300);
    labels.fill(2, 20_000, 39_999);
    const runs = encodeRuns(labels);
    expect(runs.length).toBeLessThan(20);
    expect(decodeRuns(runs, labels.length)).toEqual(labels);
  });

  it('refuses a draft of the wrong size', () => {
    expect(() => decodeRuns(encodeRuns(new Uint8Array(10)), 11)).toThrow('expected 11');
    expect(() => decodeRuns(Uint8Array.from([0, 0x85]), 5)).toThrow('truncated');
  });
});
