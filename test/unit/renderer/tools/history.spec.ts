import { describe, expect, it } from 'vitest';
import { applyEdit, EditRecorder, labelsOf } from '../../../../src/renderer/src/tools/edits';
import { UndoStack } from '../../../../src/renderer/src/tools/history';

function action(labels: Uint8Array, name: string, writes: [number, number][]) {
  const rec = new EditRecorder(labels);
  for (const [i, v] of writes) rec.set(i, v);
  return rec.finish(name);
}

describe('edit records and the undo/redo stack', () => {
  it('records the first "before" of a voxel touched twice in one action', () => {
    const labels = new Uint8Array(4);
    const e = action(labels, 'stroke', [[1, 1], [1, 2], [3, 1]])!;
    expect([...e.indices]).toEqual([1, 3]);
    expect([...e.before]).toEqual([0, 0]);
    expect([...e.after]).toEqual([2, 1]);
    expect([...labelsOf(e)].sort()).toEqual([1, 2]);
  });

  it('an action that changes nothing is not an undoable action', () => {
    const labels = Uint8Array.from([1, 0]);
    expect(action(labels, 'noop', [[0, 1]])).toBeNull();
    expect(action(labels, 'back and forth', [[1, 1], [1, 0]])).toBeNull();
  });

  it('undo and redo restore whole actions in order; a new action clears the redo branch', () => {
    const labels = new Uint8Array(5);
    const stack = new UndoStack();
    stack.push(action(labels, 'a', [[0, 1], [1, 1]])!);
    stack.push(action(labels, 'b', [[1, 2], [2, 2]])!);
    expect([...labels]).toEqual([1, 2, 2, 0, 0]);
    expect(stack.nextUndo).toBe('b');

    applyEdit(labels, stack.undo()!, 'undo');
    expect([...labels]).toEqual([1, 1, 0, 0, 0]);
    applyEdit(labels, stack.undo()!, 'undo');
    expect([...labels]).toEqual([0, 0, 0, 0, 0]);
    expect(stack.undo()).toBeNull();
    expect(stack.canUndo).toBe(false);

    applyEdit(labels, stack.redo()!, 'redo');
    expect([...labels]).toEqual([1, 1, 0, 0, 0]);
    expect(stack.nextRedo).toBe('b');
    stack.push(action(labels, 'c', [[4, 3]])!);
    expect(stack.canRedo).toBe(false);
    applyEdit(labels, stack.undo()!, 'undo');
    applyEdit(labels, stack.undo()!, 'undo');
    expect([...labels]).toEqual([0, 0, 0, 0, 0]);
  });

  it('drops the oldest actions beyond its limits', () => {
    const labels = new Uint8Array(10);
    const stack = new UndoStack(3);
    for (let i = 0; i < 5; i++) stack.push(action(labels, `s${i}`, [[i, 1]])!);
    const names = [];
    for (let e = stack.undo(); e; e = stack.undo()) names.push(e.name);
    expect(names).toEqual(['s4', 's3', 's2']);
    const small = new UndoStack(100, 20);
    for (let i = 0; i < 5; i++) small.push(action(labels, `t${i}`, [[i, 2]])!);
    let n = 0;
    while (small.undo()) n++;
    expect(n).toBe(3); // 6 bytes per one-voxel action: three fit in 20 bytes
  });
});
