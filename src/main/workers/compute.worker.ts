import { parentPort } from 'node:worker_threads';
import { computeMethods } from './computeMethods';
import { serializeError, transferablesOf, type RpcRequest, type RpcResponse, type WorkerTask } from './rpc';

if (!parentPort) throw new Error('compute.worker must run in a worker thread');
const port = parentPort;

port.on('message', async (req: RpcRequest) => {
  let response: RpcResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const fn = (computeMethods as Record<string, (this: WorkerTask, ...a: unknown[]) => Promise<unknown>>)[req.method];
    if (!fn) throw new Error(`unknown compute method '${req.method}'`);
    const task: WorkerTask = { progress: (value) => port.postMessage({ seq: req.seq, progress: value } satisfies RpcResponse) };
    const value = await fn.call(task, ...req.args);
    transfer = transferablesOf(value);
    response = { seq: req.seq, ok: true, value };
  } catch (err) {
    response = { seq: req.seq, ok: false, error: serializeError(err) };
  }
  port.postMessage(response, transfer);
});
