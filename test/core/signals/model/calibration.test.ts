import { describe, expect, it } from 'vitest';
import {
  areaUnderRoc,
  brierScore,
  brierSkillScore,
  calibrate,
  fitPlattScaling,
  forecastScoresOf,
  modelVerdict,
  reliabilityBins,
} from '../../../../core/signals/model/index.ts';
import { mulberry32 } from '../../../../core/signals/model/boostedTrees.ts';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

describe('forecast scores', () => {
  it('computes the Brier score and the Brier skill against the base rate (hand arithmetic)', () => {
    // (0.1² + 0.2² + 0.6²) / 3 = 0.41 / 3; base rate 1/3 scores ((2/3)² + (1/3)² + (1/3)²) / 3 = 2/9.
    expect(brierScore([0.9, 0.2, 0.6], [1, 0, 0])).toBeCloseTo(0.41 / 3, 15);
    expect(brierSkillScore([0.9, 0.2, 0.6], [1, 0, 0])).toBeCloseTo(1 - 0.41 / 3 / (2 / 9), 12);
    expect(brierSkillScore([1 / 3, 1 / 3, 1 / 3], [1, 0, 0])).toBeCloseTo(0, 15);
  });

  it('computes AUC by ranks, ties counting half', () => {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs ranked right.
    expect(areaUnderRoc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(areaUnderRoc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(areaUnderRoc([0.2, 0.3], [1, 1])).toBeNaN();
  });

  it('bins the reliability curve by predicted probability', () => {
    const bins = reliabilityBins([0.05, 0.15, 0.12, 1], [0, 1, 0, 1]);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ fromProbability: 0, toProbability: 0.1, count: 1, meanPredicted: 0.05, observedFrequency: 0 });
    expect(bins[1]?.count).toBe(2);
    expect(bins[1]?.meanPredicted).toBeCloseTo(0.135, 15);
    expect(bins[1]?.observedFrequency).toBe(0.5);
    expect(bins[9]).toMatchObject({ count: 1, meanPredicted: 1, observedFrequency: 1 });
    expect(bins[5]).toMatchObject({ count: 0, meanPredicted: null, observedFrequency: null });
  });
});

describe('Platt scaling', () => {
  /** x ~ N(0, 1), truth p = sigmoid(1.5x − 0.5); a miscalibrated model says sigmoid(0.5·(1.5x − 0.5) + 0.8). */
  function draw(rows: number, seed: number): { truth: number[]; raw: number[]; y: number[] } {
    const random = mulberry32(seed);
    const truth: number[] = [];
    const raw: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < rows; i++) {
      const x = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      const z = 1.5 * x - 0.5;
      truth.push(sigmoid(z));
      raw.push(sigmoid(0.5 * z + 0.8));
      y.push(random() < sigmoid(z) ? 1 : 0);
    }
    return { truth, raw, y };
  }

  it('recovers a known probability from miscalibrated scores (fitted on one sample, checked on another)', () => {
    const fit = draw(20_000, 1);
    const scaling = fitPlattScaling(fit.raw, fit.y);
    // logit(raw) = 0.5·z + 0.8, so the exact inverse is a = 2, b = −1.6.
    expect(scaling.a).toBeCloseTo(2, 1);
    expect(scaling.b).toBeCloseTo(-1.6, 1);
    const check = draw(20_000, 2);
    const calibrated = check.raw.map((p) => calibrate(scaling, p));
    const meanError = calibrated.reduce((sum, p, i) => sum + Math.abs(p - check.truth[i]!), 0) / calibrated.length;
    expect(meanError).toBeLessThan(0.02);
    expect(brierSkillScore(calibrated, check.y)).toBeGreaterThan(0.15);
    expect(brierScore(calibrated, check.y)).toBeLessThan(brierScore(check.raw, check.y));
  });

  it('finds no skill in pure noise, and the verdict then refuses live use', () => {
    const random = mulberry32(9);
    const raw = Array.from({ length: 20_000 }, () => 0.3 + 0.4 * random());
    const y = raw.map(() => (random() < 0.5 ? 1 : 0));
    const scaling = fitPlattScaling(raw.slice(0, 10_000), y.slice(0, 10_000));
    const calibrated = raw.slice(10_000).map((p) => calibrate(scaling, p));
    const scores = forecastScoresOf(calibrated, y.slice(10_000));
    expect(scores.brierSkill).toBeLessThanOrEqual(0.002);
    expect(Math.abs(scores.auc - 0.5)).toBeLessThan(0.03);
    expect(modelVerdict(scores.brierSkill, 2)).toMatchObject({ usableLive: false, reasons: [{ code: 'MODEL_NO_EDGE_BRIER' }] });
  });

  it('stays finite on perfectly separated predictions (Platt smoothed targets)', () => {
    const scaling = fitPlattScaling([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]);
    expect(Number.isFinite(scaling.a) && Number.isFinite(scaling.b)).toBe(true);
  });
});
