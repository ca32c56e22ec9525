import { describe, expect, it } from 'vitest';
import { createSignalEmitter, createSmaCross, createStrategyWith, SMA_CROSS_DEFAULTS } from '../../../core/signals/index.ts';
import { CROSS_CLOSES, handMadeCandles } from './support/handMadeBars.ts';

function stancesOf(closes: readonly number[], fast: number, slow: number): (string | null)[] {
  const emitter = createSignalEmitter(createSmaCross({ fastBars: fast, slowBars: slow }), 'TST/USDT');
  return handMadeCandles(closes).map((candle) => emitter.next(candle).signal?.stance ?? null);
}

describe('sma-cross', () => {
  it('signals exactly on the crossing bars of a hand-made series', () => {
    // See CROSS_CLOSES: the 2-bar average crosses above the 4-bar one on bar 5, back below on bar 8.
    expect(stancesOf(CROSS_CLOSES, 2, 4)).toEqual([null, null, null, null, null, 'bullish', null, null, 'bearish', null, null, null]);
  });

  it('does not count touching or running level as a cross: strictly below before, strictly above after', () => {
    // Averages 2/3 over 10, 10, 10, 12, 11, 11, 11, 14:
    //   bar 2: fast 10 = slow 10 (level)   bar 3: fast 11 > slow 10.667 — the bar before was level, not below: no cross
    //   bar 4: fast 11.5 > slow 11         bar 5: fast 11 < slow 11.333 — strictly above, then strictly below: a cross down
    //   bar 6: fast 11 = slow 11 (touch)   bar 7: fast 12.5 > slow 12 — the bar before touched, it was not below: no cross
    expect(stancesOf([10, 10, 10, 12, 11, 11, 11, 14], 2, 3)).toEqual([null, null, null, null, null, 'bearish', null, null]);
    // Strictly below, then strictly above: a cross.
    expect(stancesOf([10, 10, 10, 9, 12], 2, 3)).toEqual([null, null, null, null, 'bullish']);
  });

  it('holds its stance between crosses and says so in its rationale, with a confidence of 1 (the whole size fraction)', () => {
    const strategy = createSmaCross({ fastBars: 2, slowBars: 4 });
    const readings = handMadeCandles(CROSS_CLOSES).map((candle) => strategy.update(candle));
    expect(readings.slice(5, 8).map((reading) => reading.stance)).toEqual(['bullish', 'bullish', 'bullish']);
    expect(readings[5]?.confidence).toBe(1);
    expect(readings[5]?.rationale).toBe('The 2-bar average (10.50) crossed above the 4-bar average (10.25).');
    expect(readings[5]?.overlayValues).toEqual([10.5, 10.25]);
    expect(readings[5]?.stopDistanceQuote).toBeNaN();
    expect(readings[2]?.score).toBeUndefined();
  });

  it('takes its parameters by name and refuses impossible ones', () => {
    expect(SMA_CROSS_DEFAULTS).toEqual({ fastBars: 10, slowBars: 30 });
    const built = createStrategyWith('sma-cross', { fast: 5 });
    expect(built.ok && built.parameters).toEqual({ fast: 5, slow: 30 });
    expect(createStrategyWith('sma-cross', { fast: 30, slow: 10 })).toMatchObject({ ok: false, problem: { code: 'PARAMETERS_INCONSISTENT' } });
    expect(createStrategyWith('sma-cross', { fast: 2.5 })).toMatchObject({ ok: false, problem: { code: 'PARAMETER_OUT_OF_RANGE', params: { parameter: 'fast', value: 2.5 } } });
    expect(createStrategyWith('sma-cross', { speed: 3 })).toMatchObject({ ok: false, problem: { code: 'UNKNOWN_PARAMETER', params: { known: 'fast, slow' } } });
    expect(createStrategyWith('moon-shot')).toMatchObject({ ok: false, problem: { code: 'UNKNOWN_STRATEGY' } });
  });
});
