// `model_train_s`, `model_predict_us` and `drift_check_ms` of BENCH.md, on the 33,411-bar
// BTC/USDT 1h file with the shipped training settings.
import { pathToFileURL } from 'node:url';
import { importCandlesFromCsvFile, type Candle } from '../../core/market/index.ts';
import { ModelPredictor, train, type TrainedModel } from '../../core/signals/model/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../support/sharedData.ts';
import { measureRounds, median, progress } from './stats.ts';

const TRAINING_ROUNDS = 3;

async function shippedModel(candles: readonly Candle[]): Promise<{ model: TrainedModel; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await train(candles, { symbol: 'BTC/USDT', timeframe: '1h' }, () => undefined, new AbortController().signal);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!result.ok) throw new Error(`training failed: ${result.error.code}`);
  return { model: result.value, seconds };
}

export async function benchModel(): Promise<{ model_train_s: number; model_predict_us: number; drift_check_ms: number }> {
  const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
  if (!imported.ok) throw new Error(`cannot import the reference file: ${imported.error.message}`);
  const candles = imported.value.candles;
  if (candles.length !== 33_411) throw new Error(`expected 33,411 bars, got ${candles.length}`);

  progress('model training (33,411 bars, shipped settings)');
  const warmUp = await shippedModel(candles);
  const trainingSeconds: number[] = [];
  for (let round = 0; round < TRAINING_ROUNDS; round++) trainingSeconds.push((await shippedModel(candles)).seconds);
  const trained = warmUp.model;

  progress('model prediction per bar (features + model + calibration)');
  let checksum = 0;
  const [predictP99] = await measureRounds(() => {
    const predictor = new ModelPredictor(trained);
    const samples: number[] = [];
    for (const candle of candles) {
      const start = process.hrtime.bigint();
      const probability = predictor.onClosedBar(candle);
      const nanoseconds = Number(process.hrtime.bigint() - start);
      if (Number.isFinite(probability)) {
        samples.push(nanoseconds / 1000);
        checksum += probability;
      }
    }
    return samples;
  }, [99]);
  if (!(checksum > 0)) throw new Error('the predictor gave no probabilities');

  progress('drift check over all features');
  const [driftP99] = await measureRounds(() => {
    const predictor = new ModelPredictor(trained);
    const samples: number[] = [];
    candles.forEach((candle, bar) => {
      predictor.onClosedBar(candle);
      if (bar % 16 !== 0) return;
      const start = process.hrtime.bigint();
      const report = predictor.checkDrift();
      const nanoseconds = Number(process.hrtime.bigint() - start);
      if (report !== null) samples.push(nanoseconds / 1e6);
    });
    return samples;
  }, [99]);

  return {
    model_train_s: Math.round(median(trainingSeconds) * 100) / 100,
    model_predict_us: Math.round((predictP99 ?? Number.NaN) * 10) / 10,
    drift_check_ms: Math.round((driftP99 ?? Number.NaN) * 1000) / 1000,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchModel())}\n`);
}
