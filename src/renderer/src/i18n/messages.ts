/**
 * Every UI string, in one catalogue, so a Chinese translation is one more object of the same
 * shape. Keys are grouped by view.
 */
export const en = {
  'app.title': 'DLRN Studio',
  'app.researchOnly': 'Research use only — not for clinical decisions',
  'projects.heading': 'Projects',
  'projects.new': 'New project…',
  'projects.open': 'Open project…',
  'projects.recent': 'Recent projects',
  'projects.none': 'No projects yet. Create one to start a study.',
  'projects.name': 'Name',
  'projects.folder': 'Folder',
  'projects.created': 'Created',
  'projects.nameLabel': 'Project name',
  'project.heading': 'Project',
  'project.schema': 'Schema version',
  'project.records': 'Records',
  'common.cancel': 'Cancel',
  'common.create': 'Create',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const catalogues: Record<string, Messages> = { en };
let active: Messages = en;

export function setLocale(locale: string): void {
  active = catalogues[locale] ?? en;
}

export function t(key: MessageKey): string {
  return active[key];
}
