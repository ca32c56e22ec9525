import { beforeAll, describe, expect, it } from 'vitest';
import { backtestBars, runSweep, runTrial, runWalkForward, type BacktestBars, type BacktestSettings } from '../../../core/backtest/index.ts';
import { btcCandles, envBars, settingsFor } from './support/handMadeBars.ts';

const BARS = envBars('BALLAST_SWEEP_BARS', 3_000);
let bars: BacktestBars;
let settings: BacktestSettings;

beforeAll(async () => {
  const all = await btcCandles();
  bars = backtestBars('BTC/USDT', all.slice(20_000, 20_000 + BARS));
  settings = settingsFor(bars, { fill: 'next-open', risk: 'off', sizeFraction: 0.5, amountStepBase: 0.00001, strategy: { id: 'sma-cross', parameters: { fast: 10, slow: 30 } } });
});

const GRID = { fast: [5, 10, 20], slow: [40, 80] };

describe('a parameter sweep', () => {
  it('records every trial, in grid order, with the same figures as running each one alone', async () => {
    const progress: number[] = [];
    const sweep = await runSweep(bars, settings, GRID, { workers: 0, onProgress: (p) => progress.push(p.trialsDone) });
    expect(sweep.registry.count).toBe(6);
    expect(sweep.trials.map((trial) => trial.parameters)).toEqual([
      { fast: 5, slow: 40 }, { fast: 5, slow: 80 }, { fast: 10, slow: 40 }, { fast: 10, slow: 80 }, { fast: 20, slow: 40 }, { fast: 20, slow: 80 },
    ]);
    expect(sweep.registry.trials().map((record) => record.params)).toEqual(sweep.trials.map((trial) => trial.parameters));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    for (const trial of sweep.trials) {
      const alone = await runTrial(bars, { settings: { ...settings, strategy: { id: 'sma-cross', parameters: trial.parameters } }, startBar: 0, endBar: bars.length });
      expect(trial.statistics).toEqual(alone.statistics);
    }
    const sharpes = sweep.trials.map((trial) => trial.statistics['Sharpe Ratio']);
    expect(sweep.best.statistics['Sharpe Ratio']).toBe(Math.max(...sharpes));
    expect(sweep.sample).toBe('in-sample');
    expect(sweep.overfitting?.trials).toBe(6);
    expect(sweep.overfitting?.backtestOverfitting?.splits).toBe(12_870);
  });

  it('gives the same trials on two worker threads as on this thread', async () => {
    const here = await runSweep(bars, settings, GRID, { workers: 0 });
    const threads = await runSweep(bars, settings, GRID, { workers: 2 });
    expect(threads.trials).toEqual(here.trials);
    expect(threads.registry.returnsMatrix()).toEqual(here.registry.returnsMatrix());
  });

  it('skips combinations the strategy cannot run and says how many', async () => {
    const sweep = await runSweep(bars, settings, { fast: [10, 40], slow: [30, 60] }, { workers: 0 });
    // fast 40 with slow 30 is no cross of a fast and a slow average.
    expect(sweep.skippedCombinations).toBe(1);
    expect(sweep.registry.count).toBe(3);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const run = runSweep(bars, settings, GRID, { workers: 2, signal: controller.signal, onProgress: () => { controller.abort(new Error('cancelled by the test')); } });
    await expect(run).rejects.toThrow('cancelled by the test');
  });
});

describe('walk-forward', () => {
  const request = { scheme: 'rolling' as const, trainBars: 1_200, testBars: 600, purgeBars: 24, grid: { fast: [5, 20], slow: [40, 80] } };

  it('stitches only the test windows, each traded with what the window before it chose by in-sample Sharpe', async () => {
    const result = await runWalkForward(bars, settings, request, { workers: 0 });
    expect(result.sample).toBe('out-of-sample');
    // The folds' test windows follow each other from bar 1 200 to the end, and the curve is exactly their bars.
    expect(result.folds[0]?.test.startBar).toBe(1_200);
    result.folds.forEach((fold, index) => {
      expect(fold.test.startBar).toBe(index === 0 ? 1_200 : result.folds[index - 1]!.test.endBar);
    });
    expect(result.folds.at(-1)?.test.endBar).toBe(BARS);
    const testTimes = result.folds.flatMap((fold) => [...bars.timeMs.subarray(fold.test.startBar, fold.test.endBar)]);
    expect([...result.curve.timeMs]).toEqual(testTimes);
    expect(result.curve.equity[0]).toBe(settings.cashQuote);
    for (const fold of result.folds) {
      // Training ends `purgeBars` before the test window: no trade it learnt from reaches into it.
      expect(fold.train.at(-1)?.endBar).toBe(fold.test.startBar - 24);
      const inSample = await Promise.all(
        [{ fast: 5, slow: 40 }, { fast: 5, slow: 80 }, { fast: 20, slow: 40 }, { fast: 20, slow: 80 }].map(async (parameters) => ({
          parameters,
          sharpe: (await runTrial(bars, { settings: { ...settings, strategy: { id: 'sma-cross', parameters } }, startBar: fold.train[0]!.startBar, endBar: fold.train.at(-1)!.endBar })).statistics['Sharpe Ratio'],
        })),
      );
      const best = inSample.reduce((a, b) => (b.sharpe > a.sharpe ? b : a));
      expect(fold.parameters).toEqual(best.parameters);
      expect(fold.inSampleSharpe).toBe(best.sharpe);
    }
    // Every out-of-sample trade happened inside a test window.
    const firstTest = bars.timeMs[result.folds[0]!.test.startBar]!;
    expect(result.trades.length).toBeGreaterThan(0);
    expect(result.trades.every((trade) => trade.entryTime >= firstTest)).toBe(true);
    expect(result.statistics.Start).toBe(firstTest);
  });

  it('chooses the same on worker threads, and reports costs at every multiple', async () => {
    const here = await runWalkForward(bars, settings, request, { workers: 0 });
    const threads = await runWalkForward(bars, settings, request, { workers: 2 });
    expect(threads.folds).toEqual(here.folds);
    expect(threads.fingerprint).toBe(here.fingerprint);
    expect(here.costs.map((scenario) => scenario.multiple)).toEqual([0, 1, 2, 3]);
    expect(here.costs[1]?.returnPercent).toBe(here.statistics['Return [%]']);
    expect(here.costs[0]!.equityFinalQuote).toBeGreaterThan(here.costs[3]!.equityFinalQuote);
  });
});
