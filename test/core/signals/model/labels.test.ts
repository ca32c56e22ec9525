import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../core/market/index.ts';
import { roundTripReturn, tripleBarrierLabels, type TripleBarrierConfig } from '../../../../core/signals/model/index.ts';
import { barAt, HOUR_MS } from './support/fixtures.ts';

// ATR(2) over bars with high − low = 2 and no gaps is exactly 2, so with m = k = 1.5 the barriers
// sit 3 above and 3 below the entry close of 100: take profit 103, stop 97.
const config: TripleBarrierConfig = { takeProfitAtr: 1.5, stopAtr: 1.5, horizonBars: 3, atrPeriod: 2, feeRate: 0.001, slippageRate: 0.0005 };
const costPerSide = 0.0015;
const quiet = (i: number): Candle => barAt(i * HOUR_MS, 100, 101, 99, 100);

function labelAfter(next: Candle[]): ReturnType<typeof tripleBarrierLabels>[number] {
  const candles = [quiet(0), quiet(1), ...next.map((bar, k) => ({ ...bar, openTimeMs: (2 + k) * HOUR_MS }))];
  return tripleBarrierLabels(candles, config)[1] ?? null;
}

describe('triple-barrier labels', () => {
  it('labels a take-profit touch as a win at the barrier price, net of costs on both sides', () => {
    const label = labelAfter([barAt(0, 100, 102, 99, 101), barAt(0, 101, 104, 100, 103.5), barAt(0, 103, 103, 99, 100)]);
    // 103·(1 − 0.0015) / (100·(1 + 0.0015)) − 1 = 102.8455 / 100.15 − 1 = 0.026914…
    expect(label).toMatchObject({ label: 1, barrier: 'takeProfit', startIndex: 1, endIndex: 3 });
    expect(label?.returnNet).toBeCloseTo((103 * 0.9985) / (100 * 1.0015) - 1, 12);
  });

  it('labels a stop touch as a loss at the stop price', () => {
    const label = labelAfter([barAt(0, 100, 101, 96.5, 98), barAt(0, 98, 99, 97, 98), barAt(0, 98, 99, 97, 98)]);
    expect(label).toMatchObject({ label: 0, barrier: 'stop', endIndex: 2 });
    expect(label?.returnNet).toBeCloseTo((97 * 0.9985) / (100 * 1.0015) - 1, 12);
  });

  it('assumes the stop came first when one bar touches both barriers', () => {
    expect(labelAfter([barAt(0, 100, 104, 96, 102), quiet(0), quiet(0)])).toMatchObject({ label: 0, barrier: 'stop', endIndex: 2 });
  });

  it('exits at the open when a bar gaps beyond a barrier', () => {
    const label = labelAfter([barAt(0, 95, 96, 94, 95), quiet(0), quiet(0)]);
    expect(label).toMatchObject({ barrier: 'stop', endIndex: 2 });
    expect(label?.returnNet).toBeCloseTo((95 * 0.9985) / (100 * 1.0015) - 1, 12);
  });

  it('exits at the close of the last bar when no barrier is touched, and costs can turn a small gain into a loss', () => {
    const label = labelAfter([quiet(0), quiet(0), barAt(0, 100, 101, 99, 100.2)]);
    // 100.2·0.9985 / 100.15 − 1 = −0.000998…: a 0.2 % move does not pay 0.3 % of round-trip costs.
    expect(label).toMatchObject({ label: 0, barrier: 'timeLimit', endIndex: 4 });
    expect(label?.returnNet).toBeCloseTo((100.2 * 0.9985) / 100.15 - 1, 12);
  });

  it('leaves a bar unlabelled while its outcome is unknown or its ATR is not warmed up', () => {
    const labels = tripleBarrierLabels([quiet(0), quiet(1), quiet(2), quiet(3)], config);
    // Bar 0: ATR(2) not ready. Bars 1–3: the 3-bar window runs past the data with no touch.
    expect(labels).toEqual([null, null, null, null]);
  });

  it('computes the round trip as exit·(1 − c) / (entry·(1 + c)) − 1', () => {
    expect(roundTripReturn(100, 110, 0)).toBeCloseTo(0.1, 15);
    expect(roundTripReturn(100, 100, costPerSide)).toBeCloseTo(0.9985 / 1.0015 - 1, 15);
  });
});
