import { describe, expect, it } from 'vitest';
import { ATR, BollingerBands, EMA, IndicatorInputError, MACD, RSI, SMA, WMA } from '../../../../core/signals/indicators/index.ts';

const singlePriceIndicators = [
  ['SMA', () => new SMA(3)],
  ['EMA', () => new EMA(3)],
  ['WMA', () => new WMA(3)],
  ['RSI', () => new RSI(3)],
  ['BollingerBands', () => new BollingerBands(3)],
  ['MACD', () => new MACD({ fastPeriod: 2, slowPeriod: 3, signalPeriod: 2 })],
] as const;

describe('indicators refuse input that would corrupt them', () => {
  for (const [name, make] of singlePriceIndicators) {
    it(`${name} refuses NaN and Infinity and keeps its earlier value`, () => {
      const indicator = make();
      for (const price of [10, 11, 12, 13]) indicator.update(price);
      const before = JSON.stringify(indicator.value);
      expect(() => indicator.update(Number.NaN)).toThrow(IndicatorInputError);
      expect(() => indicator.update(Number.POSITIVE_INFINITY)).toThrow(/not a usable number/);
      expect(JSON.stringify(indicator.value)).toBe(before);
      expect(indicator.update(14)).toBeDefined();
    });
  }

  it('ATR refuses a candle whose low is above its high, or a missing close', () => {
    const atr = new ATR(3);
    expect(() => atr.update(10, 11, 10.5)).toThrow(/low \(11\) is above its high \(10\)/);
    expect(() => atr.update(11, 10, Number.NaN)).toThrow(IndicatorInputError);
  });

  it('periods must be whole numbers of candles', () => {
    expect(() => new SMA(0)).toThrow(/at least 1/);
    expect(() => new EMA(2.5)).toThrow(/whole number/);
    expect(() => new RSI(Number.NaN)).toThrow(IndicatorInputError);
  });

  it('a period of 1 simply follows the price', () => {
    const sma = new SMA(1);
    const wma = new WMA(1);
    const ema = new EMA(1);
    for (const price of [3, 7, 5]) {
      expect(sma.update(price)).toBe(price);
      expect(wma.update(price)).toBe(price);
      expect(ema.update(price)).toBe(price);
    }
  });
});
