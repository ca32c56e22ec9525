import type { BacktestJobInput, BacktestJobOutput } from './backtestJob.ts';

/** Main thread → backtest worker. The cancel flag is an Int32 in shared memory: 0 runs, 1 stops. */
export type WorkerRequest = { readonly type: 'run'; readonly jobId: number; readonly input: BacktestJobInput; readonly cancelFlag: SharedArrayBuffer };

/** Backtest worker → main thread. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly jobId: number; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly jobId: number; readonly output: BacktestJobOutput }
  | { readonly type: 'refused'; readonly jobId: number; readonly code: string; readonly params: Readonly<Record<string, string | number>> }
  | { readonly type: 'failed'; readonly jobId: number; readonly message: string }
  | { readonly type: 'cancelled'; readonly jobId: number };

/** Progress messages at most this often (the bar still moves smoothly). */
export const PROGRESS_INTERVAL_MS = 100;
