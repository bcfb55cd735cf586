import type { MessageKey } from '../i18n/messages';
import { APP_VIEWS, type AppView } from '../stores/navigation';

export interface ViewShortcut {
  view: AppView;
  /** How the keys are written in tooltips and the cheat sheet. */
  keys: string;
  label: MessageKey;
  match(e: KeyboardEvent): boolean;
}

/**
 * Alt+1 … Alt+9 switch between the app's screens in tab order. Alt (not Ctrl) because Ctrl+digit is taken by
 * browsers and the plain digits 1–4 are the viewer's window/level presets; `code` keeps it layout-independent.
 */
export const VIEW_SHORTCUTS: ViewShortcut[] = APP_VIEWS.map((view, k) => ({
  view,
  keys: `Alt+${k + 1}`,
  label: `nav.${view}` as MessageKey,
  match: (e: KeyboardEvent) => e.altKey && !e.ctrlKey && !e.metaKey && e.code === `Digit${k + 1}`,
}));

export function findViewShortcut(e: KeyboardEvent): ViewShortcut | undefined {
  return VIEW_SHORTCUTS.find((s) => s.match(e));
}
