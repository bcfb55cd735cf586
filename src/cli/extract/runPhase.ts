/** One unit of work of `dlrn extract`: one phase of one case, run inline or in a worker thread. */
import { extractFromFiles, type FeatureValue } from '../../main/engine/radiomics/extractor';
import type { ExtractionParams } from '../../main/engine/radiomics/paramsFile';
import type { CasePhase } from './cases';

export interface PhaseTask {
  id: number;
  phase: CasePhase;
  params: ExtractionParams;
  versions: Record<string, string>;
}

export type PhaseResult = { id: number; ok: true; row: [string, FeatureValue][] } | { id: number; ok: false; error: string };

/** Extract one phase; errors become a failed result carrying the message. */
export function runPhase(task: PhaseTask): PhaseResult {
  try {
    const row = extractFromFiles(task.phase.imagePath, task.phase.maskPath, task.params, {
      prefix: task.phase.prefix,
      label: task.phase.label,
      labelChannel: task.phase.labelChannel,
      versions: task.versions,
    });
    return { id: task.id, ok: true, row: [...row] };
  } catch (err) {
    return { id: task.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
