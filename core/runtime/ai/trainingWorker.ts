// The worker thread that trains a model: candles and config in, progress out, Cancel in, the
// model file's bytes out. The main thread stays free for the bot and the screen meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import type { Candle } from '../../market/index.ts';
import { serialiseTrainedModel, train, type TrainingConfigInput } from '../../signals/model/index.ts';
import type { TrainingWorkerAnswer, TrainingWorkerMessage } from './trainingRunner.ts';

const port = parentPort;
if (port === null) throw new Error('must run as a worker thread');
const { candles, config } = workerData as { candles: Candle[]; config: TrainingConfigInput };
const controller = new AbortController();
// The only message the worker takes is Cancel.
port.on('message', (_message: TrainingWorkerMessage) => {
  controller.abort();
});
const post = (answer: TrainingWorkerAnswer, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(answer, transfer);
};
try {
  const result = await train(candles, config, (progress) => { post({ type: 'progress', progress }); }, controller.signal);
  if (result.ok) {
    const bytes = serialiseTrainedModel(result.value);
    post({ type: 'done', fileBytes: bytes }, [bytes.buffer as ArrayBuffer]);
  } else {
    post({ type: 'failed', error: result.error });
  }
} catch (error) {
  post({ type: 'crashed', errorName: error instanceof Error ? error.name : typeof error });
}
port.close();
