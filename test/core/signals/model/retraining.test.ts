import { beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../core/market/index.ts';
import { compareOnUnseenWindow, DEFAULT_TRIPLE_BARRIER, MODEL_MESSAGES, train, type TrainedModel, type TrainingConfigInput } from '../../../../core/signals/model/index.ts';
import { btcHourly } from './support/fixtures.ts';

const config: TrainingConfigInput = { symbol: 'BTC/USDT', timeframe: '1h', candidates: [], driftRecentBars: 24, regimes: { lookbackBars: 240, threshold: 1 } };
let history: Candle[] = [];
let current: TrainedModel;
let candidate: TrainedModel;

async function trained(candles: Candle[], input: TrainingConfigInput): Promise<TrainedModel> {
  const result = await train(candles, input, () => undefined, new AbortController().signal);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

beforeAll(async () => {
  history = (await btcHourly()).slice(15_000, 22_000);
  current = await trained(history.slice(0, 4_000), config);
  candidate = await trained(history.slice(0, 5_000), { ...config, logistic: { l2: 1_000, maxIterations: 50 } });
});

describe('a retrained model against the current one', () => {
  it('scores both on the same unseen window and prefers the candidate only when its Brier is lower', () => {
    // The first 96 bars only warm the features up; the first scored bar is the one after training ended.
    const comparison = compareOnUnseenWindow(current, candidate, history.slice(5_000 - 96), DEFAULT_TRIPLE_BARRIER);
    if (!comparison.ok) throw new Error(comparison.code);
    expect(comparison.current.samples).toBe(comparison.candidate.samples);
    expect(comparison.window.fromMs).toBeGreaterThan(candidate.card.trainingWindow.toMs);
    expect(comparison.candidateIsBetter).toBe(comparison.candidate.brier < comparison.current.brier);
    expect(comparison.code).toBe(comparison.candidateIsBetter ? 'MODEL_CANDIDATE_BETTER' : 'MODEL_CANDIDATE_NOT_BETTER');
    expect(MODEL_MESSAGES).toHaveProperty(comparison.code);
  });

  it('does not replace a model with an identical one (a tie keeps the current model)', () => {
    const comparison = compareOnUnseenWindow(current, current, history.slice(5_000), DEFAULT_TRIPLE_BARRIER);
    expect(comparison).toMatchObject({ ok: true, candidateIsBetter: false, code: 'MODEL_CANDIDATE_NOT_BETTER' });
  });

  it('refuses a window that overlaps either model’s training data, or is too short', () => {
    expect(compareOnUnseenWindow(current, candidate, history.slice(3_000, 6_000), DEFAULT_TRIPLE_BARRIER)).toMatchObject({ ok: false, code: 'MODEL_COMPARISON_WINDOW_SEEN_IN_TRAINING' });
    expect(compareOnUnseenWindow(current, candidate, history.slice(6_000, 6_200), DEFAULT_TRIPLE_BARRIER)).toMatchObject({ ok: false, code: 'MODEL_COMPARISON_TOO_FEW_SAMPLES' });
  });
});
