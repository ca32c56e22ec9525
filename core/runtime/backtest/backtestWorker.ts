/**
 * The Backtest screen's worker thread: runs one job at a time (backtestJob.ts) and reports its
 * progress. It stays alive between runs, so the engine's modules load once per app session.
 * Cancel is a flag in shared memory, read at every progress step: a run that never yields to
 * this thread's event loop still sees it within a few thousand bars.
 */
import { parentPort } from 'node:worker_threads';
import { BacktestJobRefusal, failureMessage, runBacktestJob } from './backtestJob.ts';
import { PROGRESS_INTERVAL_MS, type WorkerReply, type WorkerRequest } from './backtestWorkerProtocol.ts';

const port = parentPort;
if (port === null) throw new Error('The backtest worker must run as a worker thread.');
const reply = (message: WorkerReply): void => {
  port.postMessage(message);
};

async function run(message: Extract<WorkerRequest, { type: 'run' }>): Promise<void> {
  const { jobId, input } = message;
  const cancelFlag = new Int32Array(message.cancelFlag);
  const controller = new AbortController();
  let lastPostMs = 0;
  const onProgress = (progress: { done: number; total: number }): void => {
    if (Atomics.load(cancelFlag, 0) !== 0 && !controller.signal.aborted) controller.abort(new Error('The backtest was cancelled.'));
    const now = performance.now();
    if (now - lastPostMs < PROGRESS_INTERVAL_MS && progress.done < progress.total) return;
    lastPostMs = now;
    reply({ type: 'progress', jobId, done: progress.done, total: progress.total });
  };
  try {
    const output = await runBacktestJob(input, { signal: controller.signal, onProgress });
    if (Atomics.load(cancelFlag, 0) !== 0) reply({ type: 'cancelled', jobId });
    else reply({ type: 'done', jobId, output });
  } catch (error) {
    if (Atomics.load(cancelFlag, 0) !== 0) reply({ type: 'cancelled', jobId });
    else if (error instanceof BacktestJobRefusal) reply({ type: 'refused', jobId, code: error.code, params: error.params });
    else reply({ type: 'failed', jobId, message: failureMessage(error) });
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: WorkerRequest) => {
  queue = queue.then(() => run(message));
});
reply({ type: 'ready' });
