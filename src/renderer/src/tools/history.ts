import type { Edit } from './edits';

/**
 * Undo/redo of whole actions. A new action clears the redo branch. The oldest actions are dropped
 * beyond `maxActions` or `maxBytes` (Slicer keeps 10 states; voxel edits are cheaper, so more).
 */
export class UndoStack {
  private done: Edit[] = [];
  private undone: Edit[] = [];

  constructor(
    readonly maxActions = 100,
    readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  push(edit: Edit): void {
    this.done.push(edit);
    this.undone = [];
    let bytes = this.done.reduce((s, e) => s + sizeOf(e), 0);
    while (this.done.length > this.maxActions || (bytes > this.maxBytes && this.done.length > 1)) {
      bytes -= sizeOf(this.done.shift()!);
    }
  }

  /** The action to revert, moved to the redo branch; null when there is nothing to undo. */
  undo(): Edit | null {
    const e = this.done.pop();
    if (!e) return null;
    this.undone.push(e);
    return e;
  }

  /** The action to re-apply; null when there is nothing to redo. */
  redo(): Edit | null {
    const e = this.undone.pop();
    if (!e) return null;
    this.done.push(e);
    return e;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Name of the action undo would revert (for the tooltip). */
  get nextUndo(): string | null {
    return this.done.at(-1)?.name ?? null;
  }

  get nextRedo(): string | null {
    return this.undone.at(-1)?.name ?? null;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}

function sizeOf(e: Edit): number {
  return e.indices.byteLength + e.before.byteLength + e.after.byteLength;
}
