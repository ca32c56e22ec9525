import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILL_MODEL, restingFillPrice, stopTriggerPrice, takeFromBar, takerPrice, walkBook, type FillModel } from '../../../core/paper/fillModel.ts';

const grid = { amountStepBase: 0.00001, priceTickQuote: 0.01 };
const model: FillModel = DEFAULT_FILL_MODEL;
const bar = { openTimeMs: 0, open: 100, high: 110, low: 95, close: 105, volumeBase: 1000 };

describe('the paper fill model', () => {
  it('prices a taker by half-spread plus impact against bar volume, rounded against the trader', () => {
    // 1 bp + 1000 bp × 10 / 1000 = 11 bp: 100 × 1.0011 = 100.11 (buy), 100 × 0.9989 = 99.89 (sell)
    expect(takerPrice('buy', 100, 10, 1000, model, grid)).toBe(100.11);
    expect(takerPrice('sell', 100, 10, 1000, model, grid)).toBe(99.89);
    // 1 bp + 0.1 bp on 7000 = 7000.77 exactly; a hair more rounds the buy up a tick
    expect(takerPrice('buy', 7000, 1, 10_000, model, grid)).toBe(7000.77);
    expect(takerPrice('buy', 7000.01, 1, 10_000, model, grid)).toBe(7000.79);
  });

  it('takes the largest amount whose price stays within the limit, and nothing beyond the volume cap', () => {
    // limit 100.06: headroom 6 bp − 1 bp spread = 5 bp of impact = 1000 bp × a / 1000 → a = 5;
    // capped at 2 by the volume share: 1 + 2 = 3 bp → 100.03
    expect(takeFromBar('buy', 100, 50, 100, 1000, 100.06, model, grid)).toEqual({ priceQuote: 100.06, amountBase: 5 });
    expect(takeFromBar('buy', 100, 50, 2, 1000, 100.06, model, grid)).toEqual({ priceQuote: 100.03, amountBase: 2 });
    expect(takeFromBar('buy', 100, 50, 100, 1000, 100, model, grid)).toBeUndefined();
    expect(takeFromBar('sell', 100, 1, 100, 0, undefined, model, grid)).toBeUndefined();
  });

  it('never lets a limited taker execution cross its limit, for any sizes and prices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 10_000_000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
        (referenceCents, limitOffsetBps, wanted, volume, side) => {
          const reference = referenceCents / 100;
          const limit = Math.round(reference * (1 + ((side === 'buy' ? 1 : -1) * limitOffsetBps) / 10_000) * 100) / 100;
          const execution = takeFromBar(side, reference, wanted, volume * model.volumeShare, volume, limit, model, grid);
          if (execution === undefined) return;
          expect(side === 'buy' ? execution.priceQuote <= limit : execution.priceQuote >= limit).toBe(true);
          expect(execution.amountBase).toBeLessThanOrEqual(wanted + 1e-9);
          expect(execution.amountBase).toBeLessThanOrEqual(volume * model.volumeShare + 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('fills a resting limit at its price when the bar trades through it, at the open when the bar gapped past it', () => {
    expect(restingFillPrice('buy', 96, bar, model)).toBe(96);
    expect(restingFillPrice('buy', 95, bar, model)).toBeUndefined();
    expect(restingFillPrice('buy', 95, bar, { ...model, limitFill: 'touch' })).toBe(95);
    expect(restingFillPrice('buy', 102, bar, model)).toBe(100);
    expect(restingFillPrice('sell', 109, bar, model)).toBe(109);
    expect(restingFillPrice('sell', 110, bar, model)).toBeUndefined();
    expect(restingFillPrice('sell', 98, bar, model)).toBe(100);
  });

  it('triggers a stop when the bar reaches it, at the open when the bar gapped past it', () => {
    expect(stopTriggerPrice('sell', 96, bar)).toBe(96);
    expect(stopTriggerPrice('sell', 95, bar)).toBe(95);
    expect(stopTriggerPrice('sell', 94.99, bar)).toBeUndefined();
    expect(stopTriggerPrice('sell', 101, bar)).toBe(100);
    expect(stopTriggerPrice('buy', 110, bar)).toBe(110);
    expect(stopTriggerPrice('buy', 99, bar)).toBe(100);
  });

  it('walks a book best level first, up to the limit and within a quote budget', () => {
    const asks = [
      { priceQuote: 100, amountBase: 1 },
      { priceQuote: 101, amountBase: 1 },
      { priceQuote: 102, amountBase: 5 },
    ];
    expect(walkBook(asks, 'buy', 2.5, Number.POSITIVE_INFINITY, undefined, grid)).toEqual([
      { priceQuote: 100, amountBase: 1 },
      { priceQuote: 101, amountBase: 1 },
      { priceQuote: 102, amountBase: 0.5 },
    ]);
    expect(walkBook(asks, 'buy', 5, Number.POSITIVE_INFINITY, 101, grid)).toHaveLength(2);
    expect(walkBook(asks, 'buy', 5, 150, undefined, grid)).toEqual([
      { priceQuote: 100, amountBase: 1 },
      { priceQuote: 101, amountBase: 0.49504 },
    ]);
  });
});
