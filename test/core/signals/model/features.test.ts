import { beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../core/market/index.ts';
import {
  FEATURE_COUNT,
  FEATURE_NAMES,
  FEATURE_WARM_UP_BARS,
  FEATURES_READY_AFTER_BARS,
  FeatureComputer,
  FeatureInputError,
  featureRowsFor,
  featureSnapshot,
} from '../../../../core/signals/model/index.ts';
import { importCandlesFromCsvFile } from '../../../../core/market/index.ts';
import { ETH_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';
import { barAt, btcHourly, HOUR_MS } from './support/fixtures.ts';

let history: Candle[] = [];

beforeAll(async () => {
  // Real bars that include the 2018-02-08 exchange outage (zero-volume flat rows).
  const btc = await btcHourly();
  const start = btc.findIndex((candle) => candle.openTimeMs >= Date.UTC(2018, 1, 7, 12));
  history = btc.slice(start, start + 400);
});

describe('features use closed bars only', () => {
  it('gives, at every bar and for every feature, exactly the value recomputed from history cut at that bar', () => {
    const streaming = featureRowsFor(history).values;
    const mismatches: string[] = [];
    for (let bar = 0; bar < history.length; bar++) {
      const cut = new FeatureComputer();
      for (let i = 0; i <= bar; i++) cut.update(history[i]!);
      const vector = cut.vector;
      FEATURE_NAMES.forEach((name, f) => {
        const live = streaming[bar * FEATURE_COUNT + f]!;
        const recomputed = vector[f]!;
        if (!Object.is(live, recomputed)) mismatches.push(`${name} at bar ${bar}: ${live} vs ${recomputed}`);
      });
    }
    expect(mismatches).toEqual([]);
  });

  it('does not change a past value when later bars change (a leaky feature would)', () => {
    const base = featureRowsFor(history).values;
    const shocked = history.map((candle, i) => (i >= 200 ? { ...candle, close: candle.close * 1.5, high: candle.high * 1.5, low: candle.low * 1.5, open: candle.open * 1.5, volumeBase: candle.volumeBase * 9 } : candle));
    const after = featureRowsFor(shocked).values;
    expect(after.subarray(0, 200 * FEATURE_COUNT)).toEqual(base.subarray(0, 200 * FEATURE_COUNT));
    expect(after.subarray(200 * FEATURE_COUNT)).not.toEqual(base.subarray(200 * FEATURE_COUNT));
  });
});

describe('feature warm-up', () => {
  it('gives each feature its first value exactly at its declared warm-up bar, and a value on every bar after', () => {
    const rows = featureRowsFor(history).values;
    FEATURE_NAMES.forEach((name, f) => {
      const firstFinite = Array.from({ length: history.length }, (_, bar) => rows[bar * FEATURE_COUNT + f]!).findIndex(Number.isFinite);
      expect(firstFinite + 1, name).toBe(FEATURE_WARM_UP_BARS[name]);
      for (let bar = firstFinite; bar < history.length; bar++) expect(Number.isFinite(rows[bar * FEATURE_COUNT + f]), `${name} at ${bar}`).toBe(true);
    });
    expect(FEATURES_READY_AFTER_BARS).toBe(97);
  });

  it('says it is ready once every feature has a value', () => {
    const computer = new FeatureComputer();
    history.slice(0, 96).forEach((candle) => computer.update(candle));
    expect(computer.isReady).toBe(false);
    computer.update(history[96]!);
    expect(computer.isReady).toBe(true);
  });
});

describe('feature definitions', () => {
  // 2020-03-12 was a Thursday; 13:00 UTC.
  const t0 = Date.UTC(2020, 2, 12, 13);
  const closes = Array.from({ length: 100 }, (_, i) => 100 + i);
  const candles = closes.map((close, i) => barAt(t0 + i * HOUR_MS, close - 0.5, close + 1, close - 2, close, i === 99 ? 1000 : 10));
  const last = featureSnapshot(featureRowsFor(candles).values.subarray(99 * FEATURE_COUNT, 100 * FEATURE_COUNT));

  it('computes returns as log returns over N bars', () => {
    // Close 199 now, 198 one bar ago, 195 four bars ago, 175 twenty-four ago, 127 seventy-two ago.
    expect(last.return_1).toBeCloseTo(Math.log(199 / 198), 15);
    expect(last.return_4).toBeCloseTo(Math.log(199 / 195), 15);
    expect(last.return_24).toBeCloseTo(Math.log(199 / 175), 15);
    expect(last.return_72).toBeCloseTo(Math.log(199 / 127), 15);
  });

  it('computes realised volatility as the root mean square of one-bar log returns', () => {
    let squares = 0;
    for (let c = 176; c <= 199; c++) squares += Math.log(c / (c - 1)) ** 2;
    expect(last.volatility_24).toBeCloseTo(Math.sqrt(squares / 24), 14);
  });

  it('computes the bar range, the distance to the 20-bar average and the volume z-score', () => {
    // High 200, low 197, close 199: (200 − 197) / 199.
    expect(last.range_pct).toBeCloseTo(3 / 199, 15);
    // SMA(20) of closes 180…199 = 189.5.
    expect(last.distance_sma_20).toBeCloseTo(199 / 189.5 - 1, 14);
    // 47 bars of ln(11) and one of ln(1001): z = (x − mean) / σ with σ the population deviation.
    const low = Math.log(11);
    const high = Math.log(1001);
    const mean = (47 * low + high) / 48;
    const sigma = Math.sqrt((47 * (low - mean) ** 2 + (high - mean) ** 2) / 48);
    expect(last.volume_z_48).toBeCloseTo((high - mean) / sigma, 10);
    // Every bar rose by exactly 1: no losses at all, so RSI is 100.
    expect(last.rsi_14).toBe(100);
  });

  it('puts the time of day and of week on circles (UTC, bar open)', () => {
    // Bar 99 opens at 13:00 + 99 h = Monday 2020-03-16 16:00 UTC.
    const dayAngle = (2 * Math.PI * 16) / 24;
    expect(last.hour_sin).toBeCloseTo(Math.sin(dayAngle), 12);
    expect(last.hour_cos).toBeCloseTo(Math.cos(dayAngle), 12);
    // Monday 16:00 is 1 day 16 hours after Sunday 00:00.
    const weekAngle = (2 * Math.PI * (24 + 16)) / (7 * 24);
    expect(last.weekday_sin).toBeCloseTo(Math.sin(weekAngle), 12);
    expect(last.weekday_cos).toBeCloseTo(Math.cos(weekAngle), 12);
  });

  it('reports a flat, zero-volume outage as normal volume instead of dividing by zero', () => {
    const flat = Array.from({ length: 60 }, (_, i) => barAt(t0 + i * HOUR_MS, 100, 100, 100, 100, 0));
    const row = featureRowsFor(flat).values.subarray(59 * FEATURE_COUNT);
    expect(featureSnapshot(row).volume_z_48).toBe(0);
  });
});

describe('features on whole real histories', () => {
  it('are finite on every warm bar of the BTC/USDT and ETH/USDT files, outages and gaps included', async () => {
    const eth = await importCandlesFromCsvFile(sharedDataPath(ETH_USDT_1H_CSV));
    if (!eth.ok) throw new Error(eth.error.message);
    for (const candles of [await btcHourly(), eth.value.candles]) {
      const rows = featureRowsFor(candles).values;
      const bad: string[] = [];
      for (let i = (FEATURES_READY_AFTER_BARS - 1) * FEATURE_COUNT; i < rows.length; i++) {
        if (!Number.isFinite(rows[i])) bad.push(`${FEATURE_NAMES[i % FEATURE_COUNT]!} at bar ${Math.floor(i / FEATURE_COUNT)}`);
      }
      expect(bad).toEqual([]);
    }
  });
});

describe('feature input', () => {
  it('reuses one vector instead of allocating per bar', () => {
    const computer = new FeatureComputer();
    const first = computer.update(history[0]!);
    expect(computer.update(history[1]!)).toBe(first);
  });

  it('refuses bars out of time order and unusable prices', () => {
    const computer = new FeatureComputer();
    computer.update(history[1]!);
    expect(() => computer.update(history[0]!)).toThrow(FeatureInputError);
    expect(() => new FeatureComputer().update({ ...history[0]!, close: Number.NaN })).toThrow(FeatureInputError);
    expect(() => new FeatureComputer().update({ ...history[0]!, close: 0 })).toThrow(FeatureInputError);
  });
});
