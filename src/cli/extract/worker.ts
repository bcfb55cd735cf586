/** Worker-thread entry of `dlrn extract -j N`: runs phase tasks posted by the parent. */
import { parentPort } from 'node:worker_threads';
import { runPhase, type PhaseTask } from './runPhase';

if (!parentPort) throw new Error('extract worker must run in a worker thread');
const port = parentPort;
port.on('message', (task: PhaseTask) => void runPhase(task).then((result) => port.postMessage(result)));
