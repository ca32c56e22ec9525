import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../core/market/index.ts';
import { regimesOf } from '../../../../core/signals/model/index.ts';
import { barAt, HOUR_MS } from './support/fixtures.ts';

/** Closes that alternate ±1 % around a drift of `drift` per bar (log), so σ is known. */
function path(bars: number, drift: number): Candle[] {
  let close = 100;
  return Array.from({ length: bars }, (_, i) => {
    close *= Math.exp(drift + (i % 2 === 0 ? 0.01 : -0.01));
    return barAt(i * HOUR_MS, close, close * 1.001, close * 0.999, close);
  });
}

describe('market regimes from trailing return and volatility', () => {
  const definition = { lookbackBars: 100, threshold: 1 };

  it('has no regime until the lookback is filled', () => {
    const regimes = regimesOf(path(150, 0), definition);
    expect(regimes.slice(0, 100).every((regime) => regime === null)).toBe(true);
    expect(regimes[100]).not.toBeNull();
  });

  it('calls a steady climb bull, a steady fall bear, and a flat zig-zag sideways', () => {
    // σ of the one-bar returns is 0.01, so σ·√100 = 0.1. A drift of 0.002 per bar gives a trailing
    // log return of 0.2 over 100 bars: z = 2 > 1 (bull); −0.002 gives z = −2 (bear); 0 gives z = 0.
    expect(regimesOf(path(200, 0.002), definition).at(-1)).toBe('bull');
    expect(regimesOf(path(200, -0.002), definition).at(-1)).toBe('bear');
    expect(regimesOf(path(200, 0), definition).at(-1)).toBe('sideways');
    // A drift of 0.0005 gives z = 0.5: not enough for a trend.
    expect(regimesOf(path(200, 0.0005), definition).at(-1)).toBe('sideways');
  });
});
