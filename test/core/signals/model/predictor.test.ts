import { beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../core/market/index.ts';
import {
  calibrate,
  explanationsFor,
  FEATURE_COUNT,
  FEATURE_NAMES,
  featureRowsFor,
  ModelPredictor,
  MODEL_MESSAGES,
  train,
  type TrainedModel,
} from '../../../../core/signals/model/index.ts';
import { btcHourly } from './support/fixtures.ts';

let btc: Candle[] = [];
let trained: TrainedModel;

beforeAll(async () => {
  const all = await btcHourly();
  btc = all.slice(10_000, 14_000);
  const result = await train(btc.slice(0, 3_600), { symbol: 'BTC/USDT', timeframe: '1h', candidates: [], driftRecentBars: 24, regimes: { lookbackBars: 240, threshold: 1 } }, () => undefined, new AbortController().signal);
  if (!result.ok) throw new Error(result.error.code);
  trained = result.value;
});

describe('the model on a live feed', () => {
  it('gives, bar by bar, the calibrated probability of the batch features, and NaN while warming up', () => {
    const predictor = new ModelPredictor(trained);
    const rows = featureRowsFor(btc).values;
    btc.forEach((candle, bar) => {
      const probability = predictor.onClosedBar(candle);
      if (bar < 96) {
        expect(probability).toBeNaN();
        return;
      }
      const expected = calibrate(trained.calibration, trained.model.predictProbability(rows.subarray(bar * FEATURE_COUNT, (bar + 1) * FEATURE_COUNT)));
      expect(probability).toBe(expected);
    });
  });

  it('explains the last bar with plain-words codes that all have wording', () => {
    const predictor = new ModelPredictor(trained);
    btc.slice(0, 500).forEach((candle) => predictor.onClosedBar(candle));
    const explanations = predictor.explainLast(3);
    expect(explanations).toHaveLength(3);
    for (const explanation of explanations) {
      expect(MODEL_MESSAGES).toHaveProperty(explanation.code);
      expect(MODEL_MESSAGES).toHaveProperty(explanation.effect);
    }
  });

  it('checks drift only once the recent window is full, then reports every drift-checked feature', () => {
    const predictor = new ModelPredictor(trained);
    btc.slice(0, 96 + 23).forEach((candle) => predictor.onClosedBar(candle));
    expect(predictor.checkDrift()).toBeNull();
    predictor.onClosedBar(btc[96 + 23]!);
    const report = predictor.checkDrift();
    expect(report?.features.map((feature) => feature.name)).toEqual(trained.driftReference.features.map((feature) => feature.name));
    expect(report?.verdict).toBe('none');
  });

  it('agrees with a batch drift check on the same window once the ring has wrapped', async () => {
    const { checkDrift } = await import('../../../../core/signals/model/index.ts');
    const predictor = new ModelPredictor(trained);
    btc.slice(0, 3_700).forEach((candle) => predictor.onClosedBar(candle));
    const rows = featureRowsFor(btc.slice(0, 3_700)).values;
    const batch = checkDrift(trained.driftReference, rows.subarray((3_700 - 24) * FEATURE_COUNT), FEATURE_COUNT);
    expect(predictor.checkDrift()?.features).toEqual(batch.features);
  });
});

describe('plain-words explanations', () => {
  it('reads volume and distance to the averages the way a person would say it', () => {
    const codes = explanationsFor([
      { feature: 'volume_z_48', value: 2.7, contribution: 0.3 },
      { feature: 'distance_sma_50', value: 0.06, contribution: -0.1 },
      { feature: 'distance_sma_20', value: -0.01, contribution: 0.05 },
      { feature: 'return_24', value: Math.log(1.05), contribution: 0.02 },
    ]);
    expect(codes.map((c) => [c.code, c.effect])).toEqual([
      ['MODEL_REASON_VOLUME_FAR_ABOVE_NORMAL', 'MODEL_EFFECT_RAISES'],
      ['MODEL_REASON_WELL_ABOVE_AVERAGE', 'MODEL_EFFECT_LOWERS'],
      ['MODEL_REASON_BELOW_AVERAGE', 'MODEL_EFFECT_RAISES'],
      ['MODEL_REASON_PRICE_ROSE', 'MODEL_EFFECT_RAISES'],
    ]);
    expect(codes[1]?.params).toEqual({ percent: 6, bars: 50 });
    expect(codes[3]?.params).toEqual({ percent: 5, bars: 24 });
  });

  it('has wording for every feature at every level, and for every code the model layer returns', () => {
    for (const feature of FEATURE_NAMES) {
      for (const value of [-100, -3, -0.5, -0.05, 0, 0.05, 0.5, 3, 50, 100]) {
        const [explanation] = explanationsFor([{ feature, value, contribution: 1 }]);
        expect(MODEL_MESSAGES, `${feature}=${value}`).toHaveProperty(explanation!.code);
      }
    }
    const returned = [
      'MODEL_SKIP_LOW_PROBABILITY', 'MODEL_SKIP_NO_PROBABILITY', 'MODEL_SKIP_BAD_SIZE', 'MODEL_SKIP_BAD_THRESHOLDS',
      'MODEL_FILTER_KEPT', 'MODEL_FILTER_SHRUNK', 'MODEL_SKIP_OUT_OF_RANGE', 'MODEL_USABLE_LIVE', 'MODEL_NO_EDGE_BRIER', 'MODEL_DEFLATED_SHARPE_LOW', 'MODEL_DEFLATED_SHARPE_MISSING',
      'TRAINING_BAD_CONFIG', 'TRAINING_BAD_CANDLES', 'TRAINING_TOO_FEW_SAMPLES', 'TRAINING_CANCELLED',
      'MODEL_FILE_UNREADABLE', 'MODEL_FEATURE_BAD_CANDLE', 'DRIFT_NONE', 'DRIFT_MODERATE', 'DRIFT_SEVERE', 'DRIFT_RECENT_TOO_SHORT', 'DRIFT_REFERENCE_TOO_SHORT',
      'MODEL_CANDIDATE_BETTER', 'MODEL_CANDIDATE_NOT_BETTER', 'MODEL_COMPARISON_WINDOW_SEEN_IN_TRAINING', 'MODEL_COMPARISON_TOO_FEW_SAMPLES',
    ];
    for (const code of returned) expect(MODEL_MESSAGES).toHaveProperty(code);
  });

  it('never headlines guarantees or win rates', () => {
    for (const template of Object.values(MODEL_MESSAGES)) expect(template).not.toMatch(/guarantee|win rate/i);
  });
});
