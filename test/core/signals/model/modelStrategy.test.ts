import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../core/market/index.ts';
import { createSignalEmitter, DEFAULT_POLICY, intentFor, type Intent } from '../../../../core/signals/index.ts';
import {
  AI_MODEL_STRATEGY_ID,
  calibrate,
  chooseEntryThreshold,
  createModelStrategy,
  FEATURE_NAMES,
  fitLogisticRegression,
  serialiseTrainedModel,
  ModelPredictor,
  purgedWalkForwardFolds,
  train,
  trainingConfigSchema,
  trainingSamplesFor,
  type TrainedModel,
  type TrainingConfigInput,
} from '../../../../core/signals/model/index.ts';
import { outOfFoldPredictions } from '../../../../core/signals/model/outOfFold.ts';
import { mulberry32 } from '../../../../core/signals/model/boostedTrees.ts';
import { btcHourly, PROPERTY_SEED } from './support/fixtures.ts';

const never = new AbortController().signal;
const TRAIN_BARS = 6_000;
const TRADE_BARS = 2_000;
const fast: TrainingConfigInput = {
  symbol: 'BTC/USDT',
  timeframe: '1h',
  candidates: [],
  driftRecentBars: 24,
  regimes: { lookbackBars: 240, threshold: 1 },
};

let btcTraining: Candle[] = [];
/** Bars after the training window: the strategy trades prices the model never saw. */
let later: Candle[] = [];
let btcModel: TrainedModel;

beforeAll(async () => {
  const all = await btcHourly();
  const start = all.findIndex((candle) => candle.openTimeMs >= Date.UTC(2019, 0, 1));
  btcTraining = all.slice(start, start + TRAIN_BARS);
  later = all.slice(start + TRAIN_BARS, start + TRAIN_BARS + TRADE_BARS);
  const result = await train(btcTraining, fast, () => undefined, never);
  if (!result.ok) throw new Error(result.error.code);
  btcModel = result.value;
}, 120_000);

/**
 * A seeded random walk with an edge: after a bar with a volume burst the price drifts up for a
 * day, so the model can learn that a burst makes a profitable entry more likely.
 */
function edgeCandles(bars: number, seed: number): Candle[] {
  const random = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const candles: Candle[] = [];
  let close = 100;
  let drift = 0;
  for (let i = 0; i < bars; i++) {
    const burst = random() < 0.04;
    const open = close;
    close = open * Math.exp(0.004 * normal() + (drift > 0 ? 0.003 : 0));
    drift = burst ? 24 : Math.max(0, drift - 1);
    const high = Math.max(open, close) * (1 + 0.002 * random());
    const low = Math.min(open, close) * (1 - 0.002 * random());
    candles.push({ openTimeMs: Date.UTC(2022, 0, 1) + i * 3_600_000, open, high, low, close, volumeBase: burst ? 80 + 20 * random() : 10 + 5 * random() });
  }
  return candles;
}

/** The trained model with another entry threshold on its card (to exercise entries whatever the real card chose). */
function withThreshold(threshold: number | null): TrainedModel {
  return { ...btcModel, card: { ...btcModel.card, entryThreshold: threshold === null ? null : { threshold, trades: 100, meanReturnNet: 0.001, tStatistic: 3 } } };
}

interface Run {
  readonly probabilities: number[];
  readonly stances: string[];
  readonly entries: Intent[];
}

/** The strategy on `candles` through the signal emitter and the policy, as the paper bot runs it (always flat, so every bullish turn is an entry). */
function run(model: TrainedModel, candles: readonly Candle[]): Run {
  const strategy = createModelStrategy(model);
  const emitter = createSignalEmitter(strategy, 'BTC/USDT');
  const independent = new ModelPredictor(model);
  const probabilities: number[] = [];
  const stances: string[] = [];
  const entries: Intent[] = [];
  for (const candle of candles) {
    probabilities.push(independent.onClosedBar(candle));
    const step = emitter.next(candle);
    stances.push(step.reading.stance);
    if (step.signal === null) continue;
    const intent = intentFor(step.signal, { amountBase: 0, isDust: false }, candle.openTimeMs);
    if (intent !== null) entries.push(intent);
  }
  return { probabilities, stances, entries };
}

describe('the "AI model" strategy', () => {
  it('takes its entry threshold from the training folds only: the out-of-fold predictions of the training window and the net returns of its labelled trades', async () => {
    // Prices with a real edge (a volume burst is followed by a rise), so a threshold exists.
    const training = edgeCandles(6_000, 5);
    const result = await train(training, { ...fast, symbol: 'EDGE/USDT' }, () => undefined, never);
    if (!result.ok) throw new Error(result.error.code);
    const trained = result.value;
    expect(trained.card.entryThreshold).not.toBeNull();
    const config = trainingConfigSchema.parse(fast);
    const samples = trainingSamplesFor(training, config.labels);
    const folds = purgedWalkForwardFolds(samples.windows, { folds: config.folds, embargoBars: config.labels.horizonBars });
    const oof = await outOfFoldPredictions(samples.x, samples.labels, folds, (x, labels, fit) => fitLogisticRegression(x, labels, [...FEATURE_NAMES], config.logistic, fit), { seed: config.seed });
    // Every scored sample's label window ends inside the training window: nothing after it is read.
    for (const position of oof.samples) expect(samples.windows[position]!.endIndex).toBeLessThan(training.length);
    const probabilities = Array.from(oof.raw, (p) => calibrate(trained.calibration, p));
    const returns = Array.from(oof.samples, (position) => samples.returnsNet[position] ?? 0);
    expect(trained.card.entryThreshold).toEqual(chooseEntryThreshold(probabilities, returns));
    // The strategy uses the card's threshold as it is, whatever prices it then trades.
    const strategy = createModelStrategy(trained);
    expect(strategy.description.id).toBe(AI_MODEL_STRATEGY_ID);
    expect(strategy.description.parameters.threshold).toEqual(trained.card.entryThreshold?.threshold ?? Number.NaN);
    // On real BTC/USDT hours the honest answer is no threshold at all: the strategy would never enter.
    expect(btcModel.card.entryThreshold).toBeNull();
  }, 120_000);

  it('turns bullish only on a bar whose calibrated probability clears the threshold, and never enters without one', () => {
    const threshold = 0.5;
    const { probabilities, stances, entries } = run(withThreshold(threshold), later);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const bar = later.findIndex((candle) => candle.openTimeMs === entry.atMs);
      expect(probabilities[bar]).toBeGreaterThanOrEqual(threshold);
    }
    // Held for at most the label's time limit after the last bar that cleared it.
    const horizon = btcModel.card.labels.horizonBars;
    let sinceClear = Number.POSITIVE_INFINITY;
    stances.forEach((stance, bar) => {
      sinceClear = (probabilities[bar] ?? 0) >= threshold ? 0 : sinceClear + 1;
      if (stance === 'bullish') expect(sinceClear).toBeLessThan(horizon);
    });
    const none = run(withThreshold(null), later);
    expect(none.entries).toEqual([]);
    expect(none.stances.every((stance) => stance !== 'bullish')).toBe(true);
    expect(createModelStrategy(withThreshold(null)).description.summary).toContain('never enters');
  });

  it('never asks for more than the policy’s usual entry, always with a protective stop below the price (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: TRADE_BARS - 400 }), (threshold, from) => {
        const candles = later.slice(from, from + 400);
        for (const entry of run(withThreshold(threshold), candles).entries) {
          expect(entry.side).toBe('buy');
          expect(entry.purpose).toBe('entry');
          expect(entry.desiredFractionOfEquity).toBeLessThanOrEqual(DEFAULT_POLICY.entryFractionOfEquity);
          expect(entry.stopPriceQuote).toBeGreaterThan(0);
          expect(entry.stopPriceQuote).toBeLessThan(entry.limitPriceQuote ?? 0);
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 25 },
    );
  });
});

describe('training on prices that never visit a regime', () => {
  it('still saves the model: the empty regime scores 0 beside its 0 samples instead of numbers that cannot be stored', async () => {
    // The edge prices only rise in the long run: no bear regime at all.
    const result = await train(edgeCandles(6_000, 5), { ...fast, symbol: 'EDGE/USDT' }, () => undefined, never);
    if (!result.ok) throw new Error(result.error.code);
    const empty = result.value.card.regimes.filter((regime) => regime.samples === 0);
    expect(empty.length).toBeGreaterThan(0);
    for (const regime of result.value.card.regimes) for (const value of Object.values(regime)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    expect(() => serialiseTrainedModel(result.value)).not.toThrow();
  });
});
