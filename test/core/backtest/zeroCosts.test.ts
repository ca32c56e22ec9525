import { describe, expect, it } from 'vitest';
import { backtestReport, runBacktest, settingsAtCostMultiple } from '../../../core/backtest/index.ts';
import { crossBars, settingsFor } from './support/handMadeBars.ts';

describe('free trading (0× costs, no slippage)', () => {
  it('still trades with risk on in the realistic model: a book with no spread is quoted one price tick wide, not refused as missing market data', async () => {
    const liquid = crossBars(2_000_000);
    const free = settingsAtCostMultiple(settingsFor(liquid, { fill: 'realistic', risk: 'on', sizeFraction: 0.01 }), 0);
    expect(free.fillModel.costs.slippage).toBe(0);
    const run = await runBacktest(liquid, free);
    expect(run.decisions.reasons).not.toHaveProperty('MISSING_MARKET_DATA');
    expect(run.fills.map((fill) => fill.side)).toEqual(['buy', 'sell']);
    // Free trading: no fee and no spread paid.
    expect(run.feesQuote).toBe(0);
    expect(run.slippageQuote).toBe(0);
  });

  it('shows the same trades at 0× as at 1× in the report’s cost table', async () => {
    const liquid = crossBars(2_000_000);
    const report = await backtestReport(liquid, settingsFor(liquid, { fill: 'realistic', risk: 'on', sizeFraction: 0.01 }));
    const trades = report.costs.map((scenario) => [scenario.multiple, scenario.trades]);
    expect(trades).toEqual([[0, 1], [1, 1], [2, 1], [3, 1]]);
  });
});
