import { describe, expect, it } from 'vitest';
import { EditRecorder } from '../../../../src/renderer/src/tools/edits';
import { fillHoles2D } from '../../../../src/renderer/src/tools/fillHoles';

const parse = (rows: string[]) => Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : c === '2' ? 2 : 0));
const show = (a: Uint8Array, w: number) => Array.from({ length: a.length / w }, (_, r) => [...a.subarray(r * w, r * w + w)].map((v) => (v === 1 ? '#' : v === 2 ? '2' : '.')).join(''));

describe('fill holes (per slice, 4-connected background from the border)', () => {
  it('fills enclosed background, keeps open bays and other segments', () => {
    const labels = parse(['#####..', '#..2#..', '#...#..', '#####..', '..#.#..', '..#.#..']);
    const rec = new EditRecorder(labels);
    expect(fillHoles2D(rec, { size: [7, 6, 1] }, 2, 1)).toBe(5);
    expect(show(labels, 7)).toEqual(['#####..', '###2#..', '#####..', '#####..', '..#.#..', '..#.#..']);
  });

  it('a diagonal gap does not leak with 4-connectivity', () => {
    const labels = parse(['.#.', '#.#', '.#.']);
    fillHoles2D(new EditRecorder(labels), { size: [3, 3, 1] }, 2, 1);
    expect(show(labels, 3)).toEqual(['.#.', '###', '.#.']);
  });

  it('works on coronal slices and leaves slices without the segment alone', () => {
    // 3×2×3 grid, slices along j (axis 1): j = 0 holds a ring in the i–k plane.
    const size: [number, number, number] = [3, 2, 3];
    const labels = new Uint8Array(18);
    for (let k = 0; k < 3; k++) for (let i = 0; i < 3; i++) if (!(i === 1 && k === 1)) labels[i + 3 * (0 + 2 * k)] = 1;
    const rec = new EditRecorder(labels);
    expect(fillHoles2D(rec, { size }, 1, 1)).toBe(1);
    expect(labels[1 + 3 * (0 + 2 * 1)]).toBe(1);
    expect(rec.finish('fill')!.indices).toEqual(Uint32Array.from([1 + 3 * 2]));
  });
});
