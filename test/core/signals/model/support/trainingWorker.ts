// A worker thread that trains like the app's will: candles and config in, progress out, Cancel in.
import { parentPort, workerData } from 'node:worker_threads';
import type { Candle } from '../../../../../core/market/index.ts';
import { train, type TrainingConfigInput } from '../../../../../core/signals/model/index.ts';

const port = parentPort;
if (port === null) throw new Error('must run as a worker thread');
const { candles, config } = workerData as { candles: Candle[]; config: TrainingConfigInput };
const controller = new AbortController();
port.on('message', (message: unknown) => {
  if (message === 'cancel') controller.abort();
});
const result = await train(
  candles,
  config,
  (progress) => {
    port.postMessage({ type: 'progress', progress });
  },
  controller.signal,
);
port.postMessage({ type: 'result', result: result.ok ? { ok: true, modelHash: result.value.modelHash } : result });
port.close();
