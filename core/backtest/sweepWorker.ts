/**
 * A worker thread of a parameter sweep: holds the bars (shared with the main thread, not
 * copied), runs the trials it is sent one at a time and answers with each result. A 'cancel'
 * message stops the trial in progress between bars.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { backtestBarsFromColumns } from './backtestBars.ts';
import { runTrial, type TrialRequest } from './trialRun.ts';
import type { SweepWorkerData, WorkerAnswer, WorkerMessage } from './sweepPool.ts';

const port = parentPort;
if (port === null) throw new Error('The sweep worker must run as a worker thread.');
const data = workerData as SweepWorkerData;
const bars = backtestBarsFromColumns(data.symbol, data.columns, data.intervalMs);
let controller = new AbortController();

async function run(id: number, request: TrialRequest): Promise<void> {
  controller = new AbortController();
  let answer: WorkerAnswer;
  try {
    const result = await runTrial(bars, request, controller.signal);
    answer = { type: 'result', id, result };
  } catch (error) {
    answer = { type: 'failed', id, message: error instanceof Error ? error.message : String(error) };
  }
  port?.postMessage(answer);
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: WorkerMessage) => {
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  queue = queue.then(() => run(message.id, message.request));
});
