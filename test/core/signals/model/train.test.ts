import { beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../core/market/index.ts';
import {
  calibrate,
  fileHash,
  readTrainedModel,
  serialiseTrainedModel,
  train,
  type TrainedModel,
  type TrainingConfigInput,
  type TrainingProgress,
} from '../../../../core/signals/model/index.ts';
import { btcHourly, randomWalkCandles } from './support/fixtures.ts';

const never = new AbortController().signal;
const BARS = Number(process.env.BALLAST_MODEL_TEST_BARS ?? 6_000);
const fast: TrainingConfigInput = {
  symbol: 'BTC/USDT',
  timeframe: '1h',
  candidates: [],
  driftRecentBars: 24,
  regimes: { lookbackBars: 240, threshold: 1 },
  boostedTrees: { trees: 25, maxDepth: 3, learningRate: 0.1, l2: 10, minSamplesLeaf: 100, minGain: 0, maxBins: 32, rowSampleFraction: 0.8 },
};

let btc: Candle[] = [];
let trained: TrainedModel;

beforeAll(async () => {
  const all = await btcHourly();
  const start = all.findIndex((candle) => candle.openTimeMs >= Date.UTC(2019, 0, 1));
  btc = all.slice(start, start + BARS);
  const result = await train(btc, fast, () => undefined, never);
  if (!result.ok) throw new Error(result.error.code);
  trained = result.value;
});

describe('training', () => {
  it('gives the same model bytes and file for the same data and seed', async () => {
    for (const modelKind of ['logistic', 'boostedTrees'] as const) {
      const first = await train(btc, { ...fast, modelKind, seed: 3 }, () => undefined, never);
      const second = await train(btc, { ...fast, modelKind, seed: 3 }, () => undefined, never);
      if (!first.ok || !second.ok) throw new Error('training failed');
      expect(second.value.modelHash).toBe(first.value.modelHash);
      expect(fileHash(serialiseTrainedModel(second.value))).toBe(fileHash(serialiseTrainedModel(first.value)));
    }
  });

  it('fills the model card from out-of-sample predictions only', () => {
    const card = trained.card;
    expect(card.modelHash).toBe(trained.modelHash);
    expect(card.trainingWindow).toMatchObject({ fromMs: btc[0]!.openTimeMs, toMs: btc.at(-1)!.openTimeMs, bars: BARS });
    expect(card.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(card.features.map((feature) => feature.name)).toContain('volume_z_48');
    // Five folds over six blocks: the first block only ever trains, so about 5/6 of samples are scored.
    expect(card.outOfSample.samples).toBe(card.trainingWindow.samples - Math.floor(card.trainingWindow.samples / 6));
    expect(card.reliability.reduce((sum, bin) => sum + bin.count, 0)).toBe(card.outOfSample.samples);
    expect(card.regimes.map((regime) => regime.regime)).toEqual(['bull', 'bear', 'sideways']);
    expect(card.regimes.reduce((sum, regime) => sum + regime.samples, 0)).toBeLessThanOrEqual(card.outOfSample.samples);
    expect(card.candidates.map((candidate) => candidate.kind)).toEqual(['logistic']);
    // No deflated Sharpe from the backtest lab yet: live use is refused whatever the skill.
    expect(card.verdict.usableLive).toBe(false);
    expect(card.verdict.reasons.map((reason) => reason.code)).toContain('MODEL_DEFLATED_SHARPE_MISSING');
  });

  it('finds no edge on a random walk and refuses it for live use even with a good deflated Sharpe', async () => {
    const result = await train(randomWalkCandles(5_000, 77), { ...fast, symbol: 'NOISE/USDT', deflatedSharpe: 0.99 }, () => undefined, never);
    if (!result.ok) throw new Error(result.error.code);
    const card = result.value.card;
    expect(card.outOfSample.brierSkill).toBeLessThanOrEqual(0.002);
    expect(Math.abs(card.outOfSample.auc - 0.5)).toBeLessThan(0.05);
    expect(card.verdict).toEqual({ usableLive: false, reasons: [{ code: 'MODEL_NO_EDGE_BRIER', params: { brierSkill: card.outOfSample.brierSkill } }] });
  });

  it('reports progress up to done and stops with a code when cancelled', async () => {
    const seen: TrainingProgress[] = [];
    await train(btc, fast, (progress) => seen.push(progress), never);
    expect(seen.at(-1)).toEqual({ stage: 'done', fraction: 1 });
    expect(seen.map((p) => p.fraction)).toEqual([...seen.map((p) => p.fraction)].sort((a, b) => a - b));

    const controller = new AbortController();
    const stages: string[] = [];
    const cancelled = await train(
      btc,
      fast,
      (progress) => {
        stages.push(progress.stage);
        if (progress.stage === 'evaluation') controller.abort();
      },
      controller.signal,
    );
    expect(cancelled).toEqual({ ok: false, error: { code: 'TRAINING_CANCELLED', params: {} } });
    expect(stages).not.toContain('final');
  });

  it('refuses bad settings and too little history with codes', async () => {
    expect(await train(btc, { ...fast, folds: 1 }, () => undefined, never)).toMatchObject({ ok: false, error: { code: 'TRAINING_BAD_CONFIG' } });
    expect(await train(btc.slice(0, 1_000), fast, () => undefined, never)).toMatchObject({ ok: false, error: { code: 'TRAINING_TOO_FEW_SAMPLES' } });
    const broken = btc.map((candle, i) => (i === 3_000 ? { ...candle, close: -1 } : candle));
    expect(await train(broken, fast, () => undefined, never)).toMatchObject({ ok: false, error: { code: 'TRAINING_BAD_CANDLES' } });
  });
});

describe('trained-model files', () => {
  it('reads back the same model, calibration, drift reference and card', () => {
    const bytes = serialiseTrainedModel(trained);
    const read = readTrainedModel(bytes);
    if (!read.ok) throw new Error(read.detail);
    expect(read.value.modelHash).toBe(trained.modelHash);
    expect(read.value.calibration).toEqual(trained.calibration);
    expect(read.value.driftReference).toEqual(trained.driftReference);
    expect(read.value.card).toEqual(trained.card);
    expect(serialiseTrainedModel(read.value)).toEqual(bytes);
    const x = Float64Array.from({ length: 16 }, (_, j) => j / 10);
    expect(calibrate(read.value.calibration, read.value.model.predictProbability(x))).toBe(calibrate(trained.calibration, trained.model.predictProbability(x)));
  });

  it('refuses a file whose model was changed after its card was written', () => {
    const file = JSON.parse(new TextDecoder().decode(serialiseTrainedModel(trained))) as { model: { intercept: number } };
    file.model.intercept += 0.5;
    expect(readTrainedModel(new TextEncoder().encode(JSON.stringify(file)))).toMatchObject({ ok: false, code: 'MODEL_FILE_UNREADABLE' });
    expect(readTrainedModel(new TextEncoder().encode('{}'))).toMatchObject({ ok: false, code: 'MODEL_FILE_UNREADABLE' });
  });
});
