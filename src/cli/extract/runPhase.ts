/** One unit of work of `dlrn extract`: one phase of one case, run inline or in a worker thread. */
import { readCaseInputs } from '../../main/engine/io/dicom/caseInputs';
import { extractCase, type FeatureValue } from '../../main/engine/radiomics/extractor';
import type { ExtractionParams } from '../../main/engine/radiomics/paramsFile';
import type { CasePhase } from './cases';
import { ImageTypePool, parallelExtractCase } from './parallelCase';

export interface PhaseTask {
  id: number;
  phase: CasePhase;
  params: ExtractionParams;
  versions: Record<string, string>;
}

export type PhaseResult = { id: number; ok: true; row: [string, FeatureValue][] } | { id: number; ok: false; error: string };

/**
 * Extract one phase; errors become a failed result carrying the message. Image and mask may be
 * NRRD/NIfTI files or DICOM (an image series folder; an RTSTRUCT or SEG mask whose structure or
 * segment `phase.roi` becomes label 1), see `readCaseInputs`. Parameters with an `ibsi` block run the
 * IBSI compliance mode (`extractCase` dispatches).
 */
export async function runPhase(task: PhaseTask, pool?: ImageTypePool): Promise<PhaseResult> {
  try {
    const { phase, params } = task;
    const inputs = await readCaseInputs(phase.imagePath, phase.maskPath, phase.roi ?? null);
    const images = { image: inputs.image, maskChannels: inputs.maskChannels };
    const options = {
      prefix: phase.prefix,
      label: inputs.roiName === null ? phase.label : 1,
      labelChannel: phase.labelChannel,
      versions: task.versions,
    };
    // the IBSI pipeline has no per-image-type split; it runs on this thread
    const row = pool && !params.settings.ibsi ? await parallelExtractCase(images, params, options, pool) : extractCase(images, params, options);
    return { id: task.id, ok: true, row: [...row] };
  } catch (err) {
    return { id: task.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
