import { Worker } from 'node:worker_threads';
import type { BacktestBars } from './backtestBars.ts';
import { runTrial, type TrialRequest, type TrialResult } from './trialRun.ts';

/** The bars as shared columns: every worker reads the same memory. */
export interface SweepWorkerData {
  readonly symbol: string;
  readonly intervalMs: number;
  readonly columns: Readonly<Record<'timeMs' | 'open' | 'high' | 'low' | 'close' | 'volumeBase', Float64Array>>;
}

export type WorkerMessage = { readonly type: 'trial'; readonly id: number; readonly request: TrialRequest } | { readonly type: 'cancel' };
export type WorkerAnswer = { readonly type: 'result'; readonly id: number; readonly result: TrialResult } | { readonly type: 'failed'; readonly id: number; readonly message: string };

/** Runs trials, in worker threads or (with 0 workers) on this thread, in any order; results come back by index. */
export interface TrialPool {
  readonly workers: number;
  runAll(requests: readonly TrialRequest[], onDone: (index: number, result: TrialResult) => void, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_SWEEP_WORKERS = 2;

function sharedCopy(column: Float64Array): Float64Array {
  const shared = new Float64Array(new SharedArrayBuffer(column.byteLength));
  shared.set(column);
  return shared;
}

function cancelled(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The sweep was cancelled.');
}

/** One thread's trials after another, for 0 workers (and for tests). */
function inThreadPool(bars: BacktestBars): TrialPool {
  return {
    workers: 0,
    async runAll(requests, onDone, signal) {
      for (const [index, request] of requests.entries()) {
        if (signal?.aborted === true) throw cancelled(signal);
        onDone(index, await runTrial(bars, request, signal));
      }
    },
    close: () => Promise.resolve(),
  };
}

/**
 * `workers` threads, each fed the next trial as soon as it answers the previous one. The bars
 * go to the workers once, in shared memory. Cancelling tells every worker to stop between bars
 * and rejects; a failed trial rejects with its message.
 */
export function createTrialPool(bars: BacktestBars, workers = DEFAULT_SWEEP_WORKERS): TrialPool {
  if (workers <= 0) return inThreadPool(bars);
  const data: SweepWorkerData = {
    symbol: bars.symbol,
    intervalMs: bars.intervalMs,
    columns: { timeMs: sharedCopy(bars.timeMs), open: sharedCopy(bars.open), high: sharedCopy(bars.high), low: sharedCopy(bars.low), close: sharedCopy(bars.close), volumeBase: sharedCopy(bars.volumeBase) },
  };
  const threads = Array.from({ length: workers }, () => new Worker(new URL('./sweepWorker.ts', import.meta.url), { workerData: data }));
  let nextId = 0;
  return {
    workers,
    runAll(requests, onDone, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted === true) {
          reject(cancelled(signal));
          return;
        }
        let next = 0;
        let finished = 0;
        let failed = false;
        const ids = new Map<number, number>();
        const cleanups: (() => void)[] = [];
        const fail = (error: Error): void => {
          if (failed) return;
          failed = true;
          for (const thread of threads) thread.postMessage({ type: 'cancel' } satisfies WorkerMessage);
          for (const cleanup of cleanups) cleanup();
          reject(error);
        };
        const feed = (thread: Worker): void => {
          if (failed || next >= requests.length) return;
          const index = next++;
          const id = nextId++;
          ids.set(id, index);
          thread.postMessage({ type: 'trial', id, request: requests[index] as TrialRequest } satisfies WorkerMessage);
        };
        const onAbort = (): void => {
          fail(cancelled(signal as AbortSignal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => {
          signal?.removeEventListener('abort', onAbort);
        });
        for (const thread of threads) {
          const onMessage = (answer: WorkerAnswer): void => {
            const index = ids.get(answer.id);
            if (index === undefined || failed) return;
            ids.delete(answer.id);
            if (answer.type === 'failed') {
              fail(new Error(`Trial ${index + 1} failed: ${answer.message}`));
              return;
            }
            onDone(index, answer.result);
            finished++;
            if (finished === requests.length) {
              for (const cleanup of cleanups) cleanup();
              resolve();
            } else feed(thread);
          };
          const onError = (error: Error): void => {
            fail(error);
          };
          thread.on('message', onMessage);
          thread.on('error', onError);
          cleanups.push(() => {
            thread.off('message', onMessage);
            thread.off('error', onError);
          });
          feed(thread);
        }
        if (requests.length === 0) {
          for (const cleanup of cleanups) cleanup();
          resolve();
        }
      });
    },
    async close() {
      await Promise.all(threads.map((thread) => thread.terminate()));
    },
  };
}
