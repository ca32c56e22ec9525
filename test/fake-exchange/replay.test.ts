import { describe, expect, it } from 'vitest';
import { ETH_USDT_1H_CSV, sharedDataPath } from '../support/sharedData.ts';
import { loadCandleCsv, parseCandleCsv } from './candles.ts';
import { MarketClock } from './clock.ts';
import { firstTouchFraction, pathPriceAt, pathRange } from './pricePath.ts';

const HEADER = 'timestamp,datetime_utc,open,high,low,close,volume,quote_volume,trade_count';

describe('candle replay', () => {
  it('names the file row of a malformed number', () => {
    const text = `${HEADER}\n0,x,1,2,0.5,1.5,10,15,\n3600000,x,1,2,oops,1.5,10,15,\n`;
    expect(() => parseCandleCsv(text, 'crafted.csv')).toThrow(/crafted\.csv, row 3: column low is not a number \("oops"\)/);
  });

  it('refuses timestamps that do not ascend', () => {
    const text = `${HEADER}\n3600000,x,1,2,0.5,1.5,10,15,\n0,x,1,2,0.5,1.5,10,15,\n`;
    expect(() => parseCandleCsv(text, 'crafted.csv')).toThrow(/row 3: timestamps must be strictly ascending/);
  });

  it('estimates a missing quote volume and says on which rows it did', () => {
    const series = loadCandleCsv(sharedDataPath(ETH_USDT_1H_CSV));
    expect(series.estimatedQuoteVolumeRows).toEqual([19484]);
    expect(series.length).toBe(33_411);
    expect(series.intervalMs).toBe(3_600_000);
  });

  it('walks a rising candle through its low before its high, and a falling one the other way', () => {
    const text = `${HEADER}\n0,x,100,120,90,110,10,1000,\n3600000,x,110,130,80,90,10,1000,\n`;
    const series = parseCandleCsv(text, 'crafted.csv');
    expect([0, 1 / 3, 2 / 3, 1].map((fraction) => pathPriceAt(series, 0, fraction))).toEqual([100, 90, 120, 110]);
    expect([0, 1 / 3, 2 / 3, 1].map((fraction) => pathPriceAt(series, 1, fraction))).toEqual([110, 130, 80, 90]);
    expect(pathRange(series, 0, 0, 0.5)).toEqual({ low: 90, high: 105 });
  });

  it('finds the first instant the path reaches a stop price, from either side', () => {
    const text = `${HEADER}\n0,x,100,120,90,110,10,1000,\n3600000,x,110,130,80,90,10,1000,\n`;
    const series = parseCandleCsv(text, 'crafted.csv');
    // rising candle 100 → 90 → 120 → 110: 95 is first reached halfway down the first leg
    expect(firstTouchFraction(series, 0, 0, 1, 95, 'atOrBelow')).toBeCloseTo(1 / 6, 12);
    expect(firstTouchFraction(series, 0, 0, 1, 115, 'atOrAbove')).toBeCloseTo(1 / 3 + (25 / 30) / 3, 12);
    expect(firstTouchFraction(series, 0, 0.5, 1, 95, 'atOrBelow')).toBeUndefined();
    expect(firstTouchFraction(series, 0, 0, 0.1, 95, 'atOrBelow')).toBeUndefined();
    // already beyond the stop at the start of the window: triggers at once
    expect(firstTouchFraction(series, 1, 0, 1, 120, 'atOrBelow')).toBe(0);
  });
});

describe('market clock', () => {
  it('moves only forward', () => {
    const clock = new MarketClock('2020-01-01T00:00:00Z');
    clock.advance(60_000);
    expect(() => {
      clock.set('2020-01-01T00:00:00Z');
    }).toThrow(/only moves forward/);
    expect(clock.nowMs()).toBe(Date.parse('2020-01-01T00:01:00Z'));
  });

  it('runs at a chosen speed against the wall clock, and stands still when paused', () => {
    let wallMs = 1_000;
    const clock = new MarketClock(0, () => wallMs);
    clock.run(60);
    wallMs += 1_000;
    expect(clock.nowMs()).toBe(60_000);
    clock.pause();
    wallMs += 5_000;
    expect(clock.nowMs()).toBe(60_000);
  });

  it('tells listeners where it moved, so resting orders are replayed', () => {
    const clock = new MarketClock(0);
    const seen: number[] = [];
    clock.onChange((nowMs) => seen.push(nowMs));
    clock.advance(10);
    clock.set(25);
    expect(seen).toEqual([10, 25]);
  });
});
