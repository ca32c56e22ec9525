import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Candle } from '../../market/index.ts';
import {
  readTrainedModel, serialiseTrainedModel, train, type TrainedModel, type TrainingConfigInput, type TrainingErrorCode, type TrainingProgress,
} from '../../signals/model/index.ts';
import type { Logger } from '../../log/index.ts';

export type TrainingWorkerMessage = { readonly type: 'cancel' };
export type TrainingWorkerAnswer =
  | { readonly type: 'progress'; readonly progress: TrainingProgress }
  | { readonly type: 'done'; readonly fileBytes: Uint8Array }
  | { readonly type: 'failed'; readonly error: { readonly code: TrainingErrorCode; readonly params: Readonly<Record<string, string | number>> } }
  | { readonly type: 'crashed'; readonly errorName: string };

export type TrainingOutcome =
  | { readonly ok: true; readonly trained: TrainedModel }
  | { readonly ok: false; readonly code: TrainingErrorCode | 'TRAINING_FAILED'; readonly params: Readonly<Record<string, string | number>> };

export interface TrainingRun {
  readonly done: Promise<TrainingOutcome>;
  cancel(): void;
}

export interface TrainingRunOptions {
  readonly candles: readonly Candle[];
  readonly config: TrainingConfigInput;
  readonly onProgress: (progress: TrainingProgress) => void;
  readonly log: Logger;
  /** Where the worker thread cannot start (a bundled host), train on this thread: it yields between steps, so Cancel still gets through. */
  readonly inThread?: boolean;
}

/**
 * Trains in a worker thread, so the bot and the screen keep running; Cancel reaches the worker
 * between steps. The model comes back as its file's bytes and is read with the same checks as a
 * file from disk. Same candles, config and seed → same bytes, on either thread.
 */
export function startTraining(options: TrainingRunOptions): TrainingRun {
  if (options.inThread === true) return trainHere(options);
  let worker: Worker;
  try {
    worker = new Worker(workerFile(), { workerData: { candles: options.candles, config: options.config } });
  } catch (error) {
    options.log.warn({ err: error }, 'the training worker could not start; training on the main thread');
    return trainHere(options);
  }
  let cancelled = false;
  let fallback: TrainingRun | null = null;
  let heard = false;
  const done = new Promise<TrainingOutcome>((resolve) => {
    worker.on('message', (answer: TrainingWorkerAnswer) => {
      heard = true;
      if (answer.type === 'progress') options.onProgress(answer.progress);
      else if (answer.type === 'done') {
        const read = readTrainedModel(answer.fileBytes);
        resolve(read.ok ? { ok: true, trained: read.value } : { ok: false, code: 'TRAINING_FAILED', params: { detail: read.code } });
      } else if (answer.type === 'failed') resolve({ ok: false, code: answer.error.code, params: answer.error.params });
      else resolve({ ok: false, code: 'TRAINING_FAILED', params: { detail: answer.errorName } });
    });
    worker.on('error', (error: unknown) => {
      if (!heard && !cancelled) {
        // The worker's module could not load here (e.g. a bundled build): the same training, on this thread.
        options.log.warn({ err: error }, 'the training worker failed to start; training on the main thread');
        fallback = trainHere(options);
        void fallback.done.then(resolve);
        return;
      }
      options.log.error({ err: error }, 'the training worker failed');
      resolve({ ok: false, code: 'TRAINING_FAILED', params: { detail: error instanceof Error ? error.name : typeof error } });
    });
    worker.on('exit', () => {
      if (cancelled) resolve({ ok: false, code: 'TRAINING_CANCELLED', params: {} });
    });
  });
  return {
    done,
    cancel() {
      cancelled = true;
      if (fallback !== null) {
        fallback.cancel();
        return;
      }
      worker.postMessage({ type: 'cancel' } satisfies TrainingWorkerMessage);
    },
  };
}

/** The worker's module: the built one beside the app's bundle, else the source file (Node runs TypeScript). */
function workerFile(): URL {
  const built = new URL('./trainingWorker.js', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : new URL('./trainingWorker.ts', import.meta.url);
}

function trainHere(options: TrainingRunOptions): TrainingRun {
  const controller = new AbortController();
  const done = (async (): Promise<TrainingOutcome> => {
    const result = await train(options.candles, options.config, options.onProgress, controller.signal);
    if (!result.ok) return { ok: false, code: result.error.code, params: result.error.params };
    // Through the file format, so both threads hand back exactly what a saved file reads back as.
    const read = readTrainedModel(serialiseTrainedModel(result.value));
    return read.ok ? { ok: true, trained: read.value } : { ok: false, code: 'TRAINING_FAILED', params: { detail: read.code } };
  })();
  return { done, cancel: () => { controller.abort(); } };
}
