import { describe, expect, it } from 'vitest';
import { backtestBars, backtestReport, measureRun, runBacktest } from '../../../core/backtest/index.ts';
import { crossBars, CROSS_CLOSES, CROSS_OPENS, handMadeCandles, HOUR_MS, settingsFor, T0 } from './support/handMadeBars.ts';

describe('next-open fills, worked by hand (sma-cross 2/4, research mode)', () => {
  const bars = crossBars();

  it('buys at the open after the cross up and sells at the open after the cross down, sized at the fill price', async () => {
    const run = await runBacktest(bars, settingsFor(bars, { sizeFraction: 0.5 }));
    // The averages need 4 bars: the first bar whose reading may be traded is bar 3.
    expect(run.tradingStartBar).toBe(3);
    // Cross up on bar 5's close → buy at bar 6's open, 12.5.
    // amount = floor(equity × size-fraction / next open / step) × step = floor(10 000 × 0.5 / 12.5 / 0.001) × 0.001 = 400
    // Cross down on bar 8's close → sell the 400 at bar 9's open, 10.5.
    expect(run.fills.map((fill) => [fill.side, fill.atMs, fill.priceQuote, fill.amountBase, fill.fee?.amount])).toEqual([
      ['buy', T0 + 6 * HOUR_MS, 12.5, 400, 400 * 12.5 * 0.001], // fee 5
      ['sell', T0 + 9 * HOUR_MS, 10.5, 400, expect.closeTo(400 * 10.5 * 0.001, 12)], // fee 4.2
    ]);
    // Cash after the buy: 10 000 − 5 000 − 5 = 4 995; equity marks 400 coins at each close.
    expect(run.equity[6]).toBeCloseTo(4_995 + 400 * 14, 9);
    expect(run.equity[8]).toBeCloseTo(4_995 + 400 * 11, 9);
    // After the sell: 4 995 + 4 200 − 4.2 = 9 190.8, flat to the end.
    expect(run.equity[9]).toBeCloseTo(9_190.8, 9);
    expect(run.equity[11]).toBeCloseTo(9_190.8, 9);
    expect(run.feesQuote).toBeCloseTo(9.2, 12);
    expect(run.slippageQuote).toBe(0);
    expect(run.turnoverQuote).toBeCloseTo(5_000 + 4_200, 9);
  });

  it('reports the round trip with its P&L after both fees, and buy-and-hold from the same start', async () => {
    const outcome = measureRun(await runBacktest(bars, settingsFor(bars, { sizeFraction: 0.5 })));
    expect(outcome.trades).toHaveLength(1);
    const [trade] = outcome.trades;
    expect(trade).toMatchObject({ entryTime: T0 + 6 * HOUR_MS, exitTime: T0 + 9 * HOUR_MS, entryPrice: 12.5, exitPrice: 10.5, size: 400 });
    // pnl = 4 200 − 5 000 − 5 − 4.2 = −809.2; return = −809.2 / 5 000
    expect(trade?.pnl).toBeCloseTo(-809.2, 9);
    expect(trade?.returnPct).toBeCloseTo(-0.16184, 12);
    expect(trade?.fees).toBeCloseTo(9.2, 12);
    expect(outcome.statistics['Return [%]']).toBeCloseTo(-8.092, 9);
    expect(outcome.statistics['# Trades']).toBe(1);
    // Buy-and-hold enters at the first price the strategy could have filled at (bar 4's open, 10),
    // pays 0.1 % in and out: 10 000 / (10 × 1.001) coins × 7 (last close) × 0.999.
    const coins = 10_000 / (10 * 1.001);
    expect(outcome.statistics['Buy & Hold Return [%]']).toBeCloseTo(((coins * 7 * 0.999) / 10_000 - 1) * 100, 9);
    // The statistics start where the strategy could first trade.
    expect(outcome.statistics.Start).toBe(T0 + 3 * HOUR_MS);
  });

  it('rounds the amount down to the lot step', async () => {
    // 10 000 × 0.3 / 12.5 = 240 exactly on a 0.001 step; with a step of 7: floor(240 / 7) × 7 = 238.
    const run = await runBacktest(bars, settingsFor(bars, { sizeFraction: 0.3, amountStepBase: 7 }));
    expect(run.fills[0]?.amountBase).toBe(238);
  });

  it('gives the same result at every cost multiple as worked out by hand, 1× being the run itself', async () => {
    const report = await backtestReport(bars, settingsFor(bars, { sizeFraction: 0.5 }));
    // Final cash = 10 000 − 5 000 + 4 200 − fees, fees = m × (5 + 4.2).
    expect(report.costs.map((scenario) => [scenario.multiple, scenario.equityFinalQuote])).toEqual([
      [0, expect.closeTo(9_200, 9)],
      [1, expect.closeTo(9_190.8, 9)],
      [2, expect.closeTo(9_181.6, 9)],
      [3, expect.closeTo(9_172.4, 9)],
    ]);
    expect(report.costs[1]?.returnPercent).toBe(report.statistics['Return [%]']);
    expect(report.costs[0]?.feesQuote).toBe(0);
  });

  it('sells an open position at the last close with --close-at-end, and leaves it open without', async () => {
    // Three more bars: 9, 12, 12.5. Bar 13: fast (9 + 12) / 2 = 10.5 > slow (8 + 7 + 9 + 12) / 4 = 9,
    // after bar 12's 8 < 8.25: a cross up, bought at bar 14's open (12, the previous close).
    const longer = backtestBars('TST/USDT', handMadeCandles([...CROSS_CLOSES, 9, 12, 12.5], CROSS_OPENS));
    const open = await runBacktest(longer, settingsFor(longer, { sizeFraction: 0.5 }));
    // Cash 9 190.8 after the first round trip: floor(9 190.8 × 0.5 / 12 / 0.001) × 0.001 = 382.95
    expect(open.fills.at(-1)).toMatchObject({ side: 'buy', priceQuote: 12, amountBase: 382.95, atMs: T0 + 14 * HOUR_MS });
    expect(open.openPositionBase).toBeCloseTo(382.95, 12);
    expect(measureRun(open).trades).toHaveLength(1);

    const closed = await runBacktest(longer, settingsFor(longer, { sizeFraction: 0.5, closeAtEnd: true }));
    expect(closed.fills.at(-1)).toMatchObject({ side: 'sell', priceQuote: 12.5, amountBase: 382.95, atMs: T0 + 15 * HOUR_MS });
    expect(closed.openPositionBase).toBe(0);
    expect(measureRun(closed).trades).toHaveLength(2);
    // The last equity is cash: the sale's proceeds net of its fee.
    const cashBefore = 9_190.8 - 382.95 * 12 * 1.001;
    expect(closed.equity[14]).toBeCloseTo(cashBefore + 382.95 * 12.5 * 0.999, 9);
  });
});
