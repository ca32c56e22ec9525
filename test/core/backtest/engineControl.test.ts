import { describe, expect, it } from 'vitest';
import { backtestBars, backtestReport, runBacktest, type BacktestProgress } from '../../../core/backtest/index.ts';
import { btcCandles, settingsFor } from './support/handMadeBars.ts';

describe('progress and cancel, for a screen that runs the engine in a worker', () => {
  it('reports progress as it goes, ending with every bar done, and sees every reading it acts on', async () => {
    const bars = backtestBars('BTC/USDT', (await btcCandles()).slice(0, 20_000));
    const progress: BacktestProgress[] = [];
    let readings = 0;
    await runBacktest(bars, settingsFor(bars, { fill: 'next-open', risk: 'on', sizeFraction: 0.01, amountStepBase: 0.00001 }), {
      onProgress: (step) => progress.push(step),
      onReading: () => {
        readings++;
      },
    });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.map((step) => step.bar)).toEqual([...progress.map((step) => step.bar)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ bar: 20_000, bars: 20_000 });
    expect(readings).toBe(20_000);
  });

  it('counts the four runs of a report in one progress', async () => {
    const bars = backtestBars('BTC/USDT', (await btcCandles()).slice(0, 2_000));
    const progress: BacktestProgress[] = [];
    await backtestReport(bars, settingsFor(bars, { amountStepBase: 0.00001 }), { onProgress: (step) => progress.push(step) });
    expect(progress.at(-1)).toEqual({ bar: 8_000, bars: 8_000 });
  });

  it('stops when cancelled and says why', async () => {
    const bars = backtestBars('BTC/USDT', (await btcCandles()).slice(0, 20_000));
    const controller = new AbortController();
    const run = runBacktest(bars, settingsFor(bars, { amountStepBase: 0.00001 }), {
      signal: controller.signal,
      onProgress: (step) => {
        if (step.bar > 0) controller.abort(new Error('Cancelled by the person.'));
      },
    });
    await expect(run).rejects.toThrow('Cancelled by the person.');
  });
});
