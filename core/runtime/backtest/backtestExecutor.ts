import { Worker } from 'node:worker_threads';
import { failureMessage, type BacktestJobInput, type BacktestJobOutput, type BacktestJobProgress } from './backtestJob.ts';
import type { WorkerReply, WorkerRequest } from './backtestWorkerProtocol.ts';

export type JobOutcome =
  | { readonly kind: 'done'; readonly output: BacktestJobOutput }
  | { readonly kind: 'refused'; readonly code: string; readonly params: Readonly<Record<string, string | number>> }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'cancelled' };

export interface RunningJob {
  readonly outcome: Promise<JobOutcome>;
  cancel(): void;
}

/** Where backtest jobs run: off the app's main thread. */
export interface BacktestExecutor {
  /** Loads the engine ahead of the first run (the worker's modules take a moment to load). */
  warmUp(): void;
  start(input: BacktestJobInput, onProgress: (progress: BacktestJobProgress) => void): RunningJob;
  dispose(): Promise<void>;
}

/** How long a cancelled run may take to stop by itself before its thread is ended. */
const CANCEL_GRACE_MS = 3_000;

/** The worker's script next to this file; the packaged app passes the path of its bundled copy. */
export const DEFAULT_BACKTEST_WORKER_URL = new URL('./backtestWorker.ts', import.meta.url);

/**
 * One long-lived worker thread, started on first use and kept for later runs. A run that does
 * not stop within a few seconds of Cancel has its thread ended; the next run starts a new one.
 */
export function createWorkerExecutor(workerUrl: URL | string = DEFAULT_BACKTEST_WORKER_URL): BacktestExecutor {
  interface Thread {
    readonly worker: Worker;
    /** The runs sent to this thread and not yet answered. */
    readonly listeners: Map<number, (reply: WorkerReply) => void>;
  }
  let current: Thread | null = null;
  let nextJobId = 1;

  const ensureThread = (): Thread => {
    if (current !== null) return current;
    const thread: Thread = { worker: new Worker(workerUrl), listeners: new Map() };
    thread.worker.unref();
    thread.worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') return;
      thread.listeners.get(reply.jobId)?.(reply);
    });
    const lost = (message: string): void => {
      if (current === thread) current = null;
      for (const [jobId, listener] of thread.listeners) listener({ type: 'failed', jobId, message });
    };
    thread.worker.on('error', (error) => {
      lost(`The backtest engine stopped unexpectedly: ${failureMessage(error)}`);
    });
    thread.worker.on('exit', () => {
      lost('The backtest engine stopped unexpectedly.');
    });
    current = thread;
    return thread;
  };

  return {
    warmUp() {
      ensureThread();
    },
    start(input, onProgress) {
      const thread = ensureThread();
      const { listeners } = thread;
      const jobId = nextJobId++;
      const cancelFlag = new SharedArrayBuffer(4);
      let settle: (outcome: JobOutcome) => void = () => undefined;
      const outcome = new Promise<JobOutcome>((resolve) => {
        settle = (value) => {
          listeners.delete(jobId);
          resolve(value);
        };
      });
      listeners.set(jobId, (reply) => {
        if (reply.type === 'progress') onProgress({ done: reply.done, total: reply.total });
        else if (reply.type === 'done') settle({ kind: 'done', output: reply.output });
        else if (reply.type === 'refused') settle({ kind: 'refused', code: reply.code, params: reply.params });
        else if (reply.type === 'cancelled') settle({ kind: 'cancelled' });
        else if (reply.type === 'failed') settle(Atomics.load(new Int32Array(cancelFlag), 0) !== 0 ? { kind: 'cancelled' } : { kind: 'failed', message: reply.message });
      });
      thread.worker.postMessage({ type: 'run', jobId, input, cancelFlag } satisfies WorkerRequest);
      return {
        outcome,
        cancel() {
          Atomics.store(new Int32Array(cancelFlag), 0, 1);
          const timer = setTimeout(() => {
            if (!listeners.has(jobId)) return;
            // It did not stop in time: end the thread (and this run with it).
            settle({ kind: 'cancelled' });
            if (current === thread) current = null;
            void thread.worker.terminate();
          }, CANCEL_GRACE_MS);
          timer.unref();
        },
      };
    },
    async dispose() {
      const thread = current;
      current = null;
      if (thread !== null) await thread.worker.terminate();
    },
  };
}
