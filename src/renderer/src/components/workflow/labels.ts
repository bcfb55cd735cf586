import { en, t, type MessageKey } from '../../i18n/messages';

const KIND_LABELS: Record<string, MessageKey> = {
  'import.dicom': 'jobs.kind.import.dicom',
  'features.extract': 'jobs.kind.features.extract',
  'features.deep': 'jobs.kind.features.deep',
  'study.run': 'jobs.kind.study.run',
  'report.study': 'jobs.kind.report.study',
};

/** A job kind as the user reads it ("DICOM import"); unknown kinds show their name. */
export function jobKindLabel(kind: string): string {
  const key = KIND_LABELS[kind];
  return key ? t(key) : kind;
}

/** "about 2 min 5 s left", rounded to what is worth reading. */
export function formatEta(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  const text = s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  return t('jobs.eta', { time: text });
}

/** A phase name as shown in the UI ("Arterial"); unknown names show as stored. */
export function phaseLabel(phase: string): string {
  const key = `phase.${phase}`;
  return key in en ? t(key as MessageKey) : phase;
}
