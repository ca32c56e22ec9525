import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, intentFor, type Signal } from '../../../core/signals/index.ts';

const signal = (stance: Signal['stance'], confidence = 0.8): Signal => ({
  signalId: 'trend-follower:BTC/USDT:1000',
  strategyId: 'trend-follower',
  symbol: 'BTC/USDT',
  barOpenTimeMs: 1_000,
  score: stance === 'bullish' ? 0.6 : -0.6,
  confidence,
  horizonBars: 1,
  stance,
  rationale: 'because',
  features: {},
  invalidationPriceQuote: 39_000,
  closeQuote: 40_000,
});

const flat = { amountBase: 0, isDust: false };
const long = { amountBase: 0.25, isDust: false };

describe('intentFor', () => {
  it('asks to buy on a bullish signal while flat, with the stop where the idea is wrong', () => {
    const intent = intentFor(signal('bullish', 0.5), flat, 5_000);
    expect(intent).toMatchObject({
      intentId: 'trend-follower:BTC/USDT:1000:entry',
      purpose: 'entry',
      side: 'buy',
      origin: 'strategy',
      orderType: 'limit',
      stopPriceQuote: 39_000,
      desiredFractionOfEquity: DEFAULT_POLICY.entryFractionOfEquity * 0.5,
      signalId: 'trend-follower:BTC/USDT:1000',
    });
    expect(intent?.limitPriceQuote).toBeCloseTo(40_040, 6);
  });

  it('asks to sell exactly what is held on a bearish signal', () => {
    const intent = intentFor(signal('bearish'), long, 5_000);
    expect(intent).toMatchObject({ purpose: 'exit', side: 'sell', desiredAmountBase: 0.25 });
    expect(intent?.limitPriceQuote).toBeCloseTo(39_960, 6);
  });

  it('does nothing when the signal agrees with the position or there is nothing to sell', () => {
    expect(intentFor(signal('bullish'), long, 5_000)).toBeNull();
    expect(intentFor(signal('bearish'), flat, 5_000)).toBeNull();
    expect(intentFor(signal('neutral'), long, 5_000)).toBeNull();
  });

  it('treats an unsellable dust holding as flat', () => {
    expect(intentFor(signal('bullish'), { amountBase: 0.000001, isDust: true }, 5_000)?.purpose).toBe('entry');
    expect(intentFor(signal('bearish'), { amountBase: 0.000001, isDust: true }, 5_000)).toBeNull();
  });
});
