import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../core/market/index.ts';
import { train, type TrainingConfigInput, type TrainingProgress } from '../../../../core/signals/model/index.ts';
import { btcHourly } from './support/fixtures.ts';

const config: TrainingConfigInput = { symbol: 'BTC/USDT', timeframe: '1h', candidates: [], driftRecentBars: 24, regimes: { lookbackBars: 240, threshold: 1 } };
let candles: Candle[] = [];

beforeAll(async () => {
  candles = (await btcHourly()).slice(20_000, 24_000);
});

type WorkerMessage = { type: 'progress'; progress: TrainingProgress } | { type: 'result'; result: unknown };

function trainInWorker(cancelAtStage: string | null): Promise<{ result: unknown; stages: string[] }> {
  const worker = new Worker(new URL('./support/trainingWorker.ts', import.meta.url), { workerData: { candles, config } });
  const stages: string[] = [];
  return new Promise((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        stages.push(message.progress.stage);
        if (message.progress.stage === cancelAtStage) worker.postMessage('cancel');
      } else {
        resolve({ result: message.result, stages });
      }
    });
    worker.on('error', reject);
  });
}

describe('training in a worker thread', () => {
  it('reports progress and gives the same model as training on the main thread', async () => {
    const here = await train(candles, config, () => undefined, new AbortController().signal);
    if (!here.ok) throw new Error(here.error.code);
    const { result, stages } = await trainInWorker(null);
    expect(result).toEqual({ ok: true, modelHash: here.value.modelHash });
    expect(stages.at(-1)).toBe('done');
  });

  it('stops when Cancel arrives while it is busy', async () => {
    const { result, stages } = await trainInWorker('features');
    expect(result).toEqual({ ok: false, error: { code: 'TRAINING_CANCELLED', params: {} } });
    expect(stages).not.toContain('done');
  });
});
