/** Window/level in HU: the displayed grey ramp spans [level − window/2, level + window/2]. */
export interface WindowLevel {
  window: number;
  level: number;
}

export interface WindowLevelPreset extends WindowLevel {
  id: string;
  /** Message key for built-in presets; the user's own name for project presets. */
  name: string;
  builtIn: boolean;
}

/** CT presets (W, L in HU); soft tissue, liver and lung as in OHIF's defaults. */
export const BUILT_IN_PRESETS: WindowLevelPreset[] = [
  { id: 'soft-tissue', name: 'wl.softTissue', window: 400, level: 40, builtIn: true },
  { id: 'liver', name: 'wl.liver', window: 150, level: 90, builtIn: true },
  { id: 'bone', name: 'wl.bone', window: 1800, level: 400, builtIn: true },
  { id: 'lung', name: 'wl.lung', window: 1500, level: -600, builtIn: true },
];

/**
 * Left-drag window/level: horizontal motion widens (right) or narrows (left) the window, vertical
 * motion raises (down) or lowers (up) the level. The step grows with the window so that a drag
 * across the view covers a useful range for narrow and wide windows alike.
 */
export function dragWindowLevel(wl: WindowLevel, dx: number, dy: number): WindowLevel {
  const step = Math.max(1, wl.window / 200);
  return { window: Math.max(1, Math.round(wl.window + dx * step)), level: Math.round(wl.level + dy * step) };
}

export function huRange(wl: WindowLevel): [number, number] {
  return [wl.level - wl.window / 2, wl.level + wl.window / 2];
}
