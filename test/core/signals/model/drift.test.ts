import { beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../core/market/index.ts';
import {
  barOutsideTraining,
  buildDriftReference,
  CALENDAR_FEATURES,
  DriftReferenceError,
  driftOverHistory,
  driftFromCandles,
  driftReaction,
  FEATURE_COUNT,
  FEATURE_NAMES,
  featureRowsFor,
  ksPValue,
  ksStatistic,
  nextDriftState,
  NO_DRIFT,
  populationStabilityIndex,
  type DriftLevel,
  type DriftReference,
  type DriftState,
} from '../../../../core/signals/model/index.ts';
import { btcHourly } from './support/fixtures.ts';

const DRIFT_FEATURES = FEATURE_NAMES.flatMap((name, column) => (CALENDAR_FEATURES.has(name) ? [] : [{ name, column }]));
const RECENT_BARS = 48;

let btc: Candle[] = [];
let rows: Float64Array = new Float64Array(0);
const barIndex = (iso: string): number => btc.findIndex((candle) => candle.openTimeMs >= Date.parse(iso));
const rowsBetween = (from: number, to: number): Float64Array => rows.subarray(from * FEATURE_COUNT, to * FEATURE_COUNT);

beforeAll(async () => {
  btc = await btcHourly();
  rows = featureRowsFor(btc).values;
});

describe('drift statistics', () => {
  it('computes PSI over smoothed shares (hand arithmetic)', () => {
    // Recent counts 3 and 1 of 4, half a count added per bin: shares 3.5/5 = 0.7 and 1.5/5 = 0.3.
    // PSI = (0.7 − 0.5)·ln(0.7/0.5) + (0.3 − 0.5)·ln(0.3/0.5) = 0.2·ln 1.4 + 0.2·ln(5/3) = 0.16946…
    expect(populationStabilityIndex([0.5, 0.5], [3, 1], 4)).toBeCloseTo(0.2 * Math.log(1.4) + 0.2 * Math.log(5 / 3), 14);
    expect(populationStabilityIndex([0.5, 0.5], [2, 2], 4)).toBe(0);
  });

  it('computes the KS statistic as the largest gap between the two distribution functions', () => {
    // Reference 1, 2, 3, 4; recent 2.5, 3.5. Just below 2.5: recent 0, reference 0.5 → D = 0.5.
    expect(ksStatistic([2.5, 3.5], [1, 2, 3, 4])).toBe(0.5);
    expect(ksStatistic([1, 2, 3, 4], [1, 2, 3, 4])).toBe(0);
    // Ties on both sides: the jump at 2 is compared after the whole tied group.
    expect(ksStatistic([2, 2], [1, 2, 2, 3])).toBe(0.25);
  });

  it('gives the asymptotic Kolmogorov p-value (Q_KS(1) = 0.2699996717, Q_KS(1.3581) ≈ 0.05)', () => {
    // n = m = 20,000 → nₑ = 10,000; λ = (100 + 0.12 + 0.0011)·D.
    const lambdaFactor = 100 + 0.12 + 0.11 / 100;
    expect(ksPValue(1 / lambdaFactor, 20_000, 20_000)).toBeCloseTo(0.2699996717, 8);
    expect(ksPValue(1.3581 / lambdaFactor, 20_000, 20_000)).toBeCloseTo(0.05, 3);
    expect(ksPValue(0, 100, 100)).toBe(1);
  });
});

describe('persistence and hysteresis', () => {
  const run = (levels: DriftLevel[], start: DriftState = NO_DRIFT): DriftLevel[] => {
    let state = start;
    return levels.map((level) => {
      state = nextDriftState(state, level, { escalateAfterChecks: 3, recoverAfterChecks: 5 });
      return state.level;
    });
  };

  it('raises the verdict only after three checks in a row above it, to the level they agree on', () => {
    expect(run(['severe', 'severe', 'none', 'severe', 'severe'])).toEqual(['none', 'none', 'none', 'none', 'none']);
    expect(run(['severe', 'moderate', 'severe'])).toEqual(['none', 'none', 'moderate']);
    expect(run(['severe', 'severe', 'severe'])).toEqual(['none', 'none', 'severe']);
  });

  it('lowers it only after five checks in a row below it', () => {
    const severe: DriftState = { kind: 'steady', level: 'severe' };
    expect(run(['none', 'none', 'none', 'none', 'severe', 'none'], severe)).toEqual(['severe', 'severe', 'severe', 'severe', 'severe', 'severe']);
    expect(run(['none', 'moderate', 'none', 'none', 'none'], severe)).toEqual(['severe', 'severe', 'severe', 'severe', 'moderate']);
  });

  it('halves entries on moderate drift and asks for safe mode on severe drift', () => {
    expect(driftReaction('none')).toEqual({ entrySizeFactor: 1, safeModeTrigger: false, code: 'DRIFT_NONE' });
    expect(driftReaction('moderate')).toEqual({ entrySizeFactor: 0.5, safeModeTrigger: false, code: 'DRIFT_MODERATE' });
    expect(driftReaction('severe')).toEqual({ entrySizeFactor: 0, safeModeTrigger: true, code: 'DRIFT_SEVERE' });
  });
});

describe('drift on real BTC/USDT hourly data', () => {
  let reference: DriftReference;
  let referenceFrom = 0;
  let referenceTo = 0;

  beforeAll(() => {
    referenceFrom = barIndex('2018-06-01T00:00Z');
    referenceTo = barIndex('2020-01-01T00:00Z');
    reference = buildDriftReference(rowsBetween(referenceFrom, referenceTo), FEATURE_COUNT, DRIFT_FEATURES, { recentBars: RECENT_BARS });
  });

  it('derives thresholds for the actual window size from contiguous windows of the reference', () => {
    expect(reference.recentBars).toBe(RECENT_BARS);
    expect(reference.windowsMeasured).toBeGreaterThan(2_000);
    for (const feature of reference.features) {
      expect(feature.psiSevere).toBeGreaterThanOrEqual(feature.psiModerate);
      expect(feature.ksSevere).toBeGreaterThanOrEqual(feature.ksModerate);
      // Far above the textbook 0.1 / 0.25: short stretches of clustered volatility differ a lot.
      expect(feature.psiModerate).toBeGreaterThan(0.25);
    }
  });

  it('never calls a stretch from inside the training period severe, and calls it "none" at least 95 times in 100', () => {
    const span = referenceTo - referenceFrom;
    const checksBefore = 24;
    const verdicts: DriftLevel[] = [];
    for (let k = 0; k < 100; k++) {
      const end = referenceFrom + RECENT_BARS + checksBefore + Math.floor((k * (span - RECENT_BARS - checksBefore)) / 99);
      verdicts.push(driftOverHistory(reference, rowsBetween(end - RECENT_BARS - checksBefore, end), FEATURE_COUNT).verdict);
    }
    expect(verdicts.filter((verdict) => verdict === 'severe')).toEqual([]);
    expect(verdicts.filter((verdict) => verdict === 'none').length).toBeGreaterThanOrEqual(95);
  });

  it('would cry wolf on those same stretches with the textbook PSI thresholds of 0.1 and 0.25', () => {
    const textbook: DriftReference = { ...reference, features: reference.features.map((feature) => ({ ...feature, psiModerate: 0.1, psiSevere: 0.25 })) };
    const end = referenceFrom + 5_000;
    expect(driftOverHistory(textbook, rowsBetween(end - RECENT_BARS - 24, end), FEATURE_COUNT).verdict).toBe('severe');
  });

  it('calls the 2020-03-12 crash severe against the preceding months', () => {
    const crashReference = buildDriftReference(rowsBetween(barIndex('2019-12-01T00:00Z'), barIndex('2020-03-01T00:00Z')), FEATURE_COUNT, DRIFT_FEATURES, { recentBars: RECENT_BARS });
    const end = barIndex('2020-03-13T00:00Z');
    const report = driftOverHistory(crashReference, rowsBetween(end - 2 * RECENT_BARS, end), FEATURE_COUNT);
    expect(report.verdict).toBe('severe');
    expect(report.features.map((feature) => feature.name)).toEqual(DRIFT_FEATURES.map((feature) => feature.name));
    for (const feature of report.features) {
      expect(Object.keys(feature).sort()).toEqual(['ks', 'ksPValue', 'ksSevereThreshold', 'ksThreshold', 'level', 'name', 'psi', 'psiSevereThreshold', 'psiThreshold'].sort());
    }
    expect(report.features.find((feature) => feature.name === 'return_1')?.level).toBe('severe');
  });

  it('skips the signal of a single crash bar far outside the training data, and almost never one from inside it', () => {
    const crashReference = buildDriftReference(rowsBetween(barIndex('2019-12-01T00:00Z'), barIndex('2020-03-01T00:00Z')), FEATURE_COUNT, DRIFT_FEATURES, { recentBars: RECENT_BARS });
    const crashStart = barIndex('2020-03-12T00:00Z');
    const crashBars = Array.from({ length: 48 }, (_, k) => crashStart + k);
    const skipped = crashBars.filter((bar) => barOutsideTraining(crashReference, rowsBetween(bar, bar + 1)).skipSignal);
    expect(skipped.length).toBeGreaterThan(0);
    expect(barOutsideTraining(crashReference, rowsBetween(skipped[0]!, skipped[0]! + 1))).toMatchObject({ skipSignal: true, code: 'MODEL_SKIP_OUT_OF_RANGE' });
    const insideStart = barIndex('2019-12-01T00:00Z');
    const inside = Array.from({ length: 500 }, (_, k) => insideStart + k * 4);
    expect(inside.filter((bar) => barOutsideTraining(crashReference, rowsBetween(bar, bar + 1)).skipSignal)).toEqual([]);
  });

  it('reports the crash from two candle histories the way the CLI prints it', () => {
    const result = driftFromCandles(btc.slice(barIndex('2019-12-01T00:00Z'), barIndex('2020-03-01T00:00Z')), btc.slice(barIndex('2020-03-05T00:00Z'), barIndex('2020-03-13T00:00Z')));
    if (!result.ok) throw new Error(result.code);
    expect(result.report.verdict).toBe('severe');
    // Every figure survives JSON (no NaN or Infinity turning into null on the way to the CLI).
    const printed = JSON.parse(JSON.stringify(result.report)) as { features: Record<string, unknown>[] };
    for (const feature of printed.features) for (const key of ['psi', 'psiThreshold', 'ks', 'ksPValue']) expect(typeof feature[key]).toBe('number');
    expect(driftFromCandles(btc.slice(0, 3_000), btc.slice(5_000, 5_100))).toEqual({ ok: false, code: 'DRIFT_RECENT_TOO_SHORT', params: { bars: 100, needed: 144 } });
    expect(driftFromCandles(btc.slice(0, 200), btc.slice(5_000, 6_000))).toMatchObject({ ok: false, code: 'DRIFT_REFERENCE_TOO_SHORT' });
  });

  it('refuses to derive thresholds from a reference too short for the window', () => {
    expect(() => buildDriftReference(rowsBetween(referenceFrom, referenceFrom + 500), FEATURE_COUNT, DRIFT_FEATURES, { recentBars: RECENT_BARS })).toThrow(DriftReferenceError);
  });
});
