/** Worker-thread entry of {@link ImageTypePool}: keeps the prepared cases it is sent and runs image-type jobs on them. */
import { parentPort } from 'node:worker_threads';
import { imageTypeFeatures, type PreparedCase } from '../../main/engine/radiomics/extractor';
import type { ExtractionParams } from '../../main/engine/radiomics/paramsFile';
import type { ImageTypeRequest, ImageTypeResponse } from './parallelCase';

if (!parentPort) throw new Error('image-type worker must run in a worker thread');
const port = parentPort;
const cases = new Map<number, { prepared: PreparedCase; params: ExtractionParams }>();

port.on('message', (m: ImageTypeRequest) => {
  if (m.kind === 'case') cases.set(m.caseId, { prepared: m.prepared, params: m.params });
  else if (m.kind === 'drop') cases.delete(m.caseId);
  else {
    let r: ImageTypeResponse;
    try {
      const c = cases.get(m.caseId);
      if (!c) throw new Error(`case ${m.caseId} was not sent to this worker`);
      const t0 = performance.now();
      const columns = imageTypeFeatures(c.prepared, m.spec, c.params);
      r = { jobId: m.jobId, ok: true, columns, ms: performance.now() - t0 };
    } catch (err) {
      r = { jobId: m.jobId, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(r);
  }
});
