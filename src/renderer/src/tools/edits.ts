/**
 * One user action on a label map (a brush stroke, a polygon, a fill, an interpolation) as the
 * voxels it changed with their values before and after, so undo and redo restore it exactly.
 */
export interface Edit {
  name: string;
  indices: Uint32Array;
  before: Uint8Array;
  after: Uint8Array;
}

/** Collects the changes of one action; the first value seen for a voxel is its "before". */
export class EditRecorder {
  private readonly before = new Map<number, number>();

  constructor(readonly labels: Uint8Array) {}

  /** Write `value` at `index`, remembering the previous value the first time the voxel is touched. */
  set(index: number, value: number): void {
    const old = this.labels[index];
    if (old === value) return;
    if (!this.before.has(index)) this.before.set(index, old);
    this.labels[index] = value;
  }

  get touched(): number {
    return this.before.size;
  }

  /** The finished action, or null when nothing changed (a no-op is not an undoable action). */
  finish(name: string): Edit | null {
    const indices: number[] = [];
    for (const [i, b] of this.before) if (this.labels[i] !== b) indices.push(i);
    if (indices.length === 0) return null;
    indices.sort((x, y) => x - y);
    const idx = Uint32Array.from(indices);
    const before = new Uint8Array(idx.length);
    const after = new Uint8Array(idx.length);
    for (let n = 0; n < idx.length; n++) {
      before[n] = this.before.get(idx[n])!;
      after[n] = this.labels[idx[n]];
    }
    return { name, indices: idx, before, after };
  }
}

/** Put back the values before (`undo`) or after (`redo`) an edit. */
export function applyEdit(labels: Uint8Array, edit: Edit, direction: 'undo' | 'redo'): void {
  const values = direction === 'undo' ? edit.before : edit.after;
  for (let n = 0; n < edit.indices.length; n++) labels[edit.indices[n]] = values[n];
}

/** Labels whose voxels an edit changes (to mark those segments unsaved). */
export function labelsOf(edit: Edit): Set<number> {
  const out = new Set<number>();
  for (let n = 0; n < edit.indices.length; n++) {
    out.add(edit.before[n]);
    out.add(edit.after[n]);
  }
  out.delete(0);
  return out;
}
