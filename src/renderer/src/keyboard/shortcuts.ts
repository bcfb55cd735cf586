import { t, type MessageKey } from '../i18n/messages';

export type ShortcutId =
  | 'slice.next'
  | 'slice.prev'
  | 'zoom.in'
  | 'zoom.out'
  | 'zoom.fit'
  | 'wl.preset'
  | 'tool.brush'
  | 'tool.eraser'
  | 'tool.polygon'
  | 'brush.smaller'
  | 'brush.larger'
  | 'brush.sphere'
  | 'threshold.toggle'
  | 'polygon.removeLast'
  | 'interpolate'
  | 'fillHoles'
  | 'apply'
  | 'cancel'
  | 'undo'
  | 'redo'
  | 'save'
  | 'segment.prev'
  | 'segment.next'
  | 'help';

export interface Shortcut {
  id: ShortcutId;
  /** How the keys are written in tooltips and the cheat sheet. */
  keys: string[];
  label: MessageKey;
  group: 'navigation' | 'tools' | 'editing';
  match(e: KeyboardEvent): boolean;
}

const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;
const ctrl = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey;
const key = (...names: string[]) => (e: KeyboardEvent) => plain(e) && names.includes(e.key.length === 1 ? e.key.toLowerCase() : e.key);

/**
 * Every viewer shortcut, once: the key handler, the tooltips and the cheat sheet read this table.
 * Conventions follow Slicer / VolView / OHIF; where they conflict the choice is noted in the sheet.
 */
export const SHORTCUTS: Shortcut[] = [
  { id: 'slice.next', keys: ['↑', '→'], label: 'shortcut.sliceNext', group: 'navigation', match: key('ArrowUp', 'ArrowRight') },
  { id: 'slice.prev', keys: ['↓', '←'], label: 'shortcut.slicePrev', group: 'navigation', match: key('ArrowDown', 'ArrowLeft') },
  { id: 'zoom.in', keys: ['+'], label: 'viewer.zoomIn', group: 'navigation', match: (e) => plain(e) && e.key === '+' },
  { id: 'zoom.out', keys: ['−'], label: 'viewer.zoomOut', group: 'navigation', match: (e) => plain(e) && e.key === '-' },
  { id: 'zoom.fit', keys: ['='], label: 'viewer.fit', group: 'navigation', match: (e) => plain(e) && e.key === '=' },
  { id: 'wl.preset', keys: ['1', '2', '3', '4'], label: 'shortcut.preset', group: 'navigation', match: key('1', '2', '3', '4') },
  { id: 'tool.brush', keys: ['B'], label: 'tool.brush', group: 'tools', match: key('b') },
  { id: 'tool.eraser', keys: ['E'], label: 'tool.eraser', group: 'tools', match: key('e') },
  { id: 'tool.polygon', keys: ['P'], label: 'tool.polygon', group: 'tools', match: key('p') },
  { id: 'brush.smaller', keys: ['['], label: 'brush.smaller', group: 'tools', match: key('[') },
  { id: 'brush.larger', keys: [']'], label: 'brush.larger', group: 'tools', match: key(']') },
  { id: 'brush.sphere', keys: ['S'], label: 'brush.sphere', group: 'tools', match: key('s') },
  { id: 'threshold.toggle', keys: ['I'], label: 'threshold.enabled', group: 'tools', match: key('i') },
  { id: 'polygon.removeLast', keys: ['X', 'Backspace'], label: 'polygon.removeLast', group: 'tools', match: key('x', 'Backspace') },
  { id: 'interpolate', keys: ['V'], label: 'interpolate', group: 'editing', match: key('v') },
  { id: 'fillHoles', keys: ['H'], label: 'fillHoles', group: 'editing', match: key('h') },
  { id: 'apply', keys: ['Enter'], label: 'shortcut.apply', group: 'editing', match: key('Enter') },
  { id: 'cancel', keys: ['Esc'], label: 'shortcut.cancel', group: 'editing', match: key('Escape') },
  { id: 'undo', keys: ['Ctrl+Z'], label: 'undo', group: 'editing', match: (e) => ctrl(e) && !e.shiftKey && e.key.toLowerCase() === 'z' },
  {
    id: 'redo',
    keys: ['Ctrl+Y', 'Ctrl+Shift+Z'],
    label: 'redo',
    group: 'editing',
    match: (e) => ctrl(e) && ((!e.shiftKey && e.key.toLowerCase() === 'y') || (e.shiftKey && e.key.toLowerCase() === 'z')),
  },
  { id: 'save', keys: ['Ctrl+S'], label: 'save.save', group: 'editing', match: (e) => ctrl(e) && e.key.toLowerCase() === 's' },
  { id: 'segment.prev', keys: ['Q'], label: 'segments.previous', group: 'editing', match: key('q') },
  { id: 'segment.next', keys: ['W'], label: 'segments.next', group: 'editing', match: key('w') },
  { id: 'help', keys: ['?'], label: 'shortcut.help', group: 'navigation', match: (e) => !e.ctrlKey && !e.metaKey && e.key === '?' },
];

export const MOUSE_GESTURES: MessageKey[] = [
  'mouse.wheel',
  'mouse.ctrlWheel',
  'mouse.shiftWheel',
  'mouse.leftDrag',
  'mouse.shiftDrag',
  'mouse.rightDrag',
  'mouse.click',
];

export function findShortcut(e: KeyboardEvent): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.match(e));
}

/** Tooltip text: the action's name and its keys, e.g. "Undo (Ctrl+Z)". */
export function tip(id: ShortcutId, label?: MessageKey): string {
  const s = SHORTCUTS.find((x) => x.id === id)!;
  return `${t(label ?? s.label)} (${s.keys.join(' / ')})`;
}
