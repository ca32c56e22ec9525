import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { BacktestSetupView } from '../../../../core/contract/index.ts';
import { DEFAULT_FORM, type BacktestForm } from '../../../../renderer/src/screens/backtest/backtestStore.ts';
import { combinationCount, formRequest, valuesOf } from '../../../../renderer/src/screens/backtest/formRequest.ts';

/** The key and its values, so a test can see which sentence was chosen. */
const t = ((key: string, values?: Record<string, unknown>) => `${key}${values === undefined ? '' : ` ${JSON.stringify(values)}`}`) as unknown as TFunction;

const setup: BacktestSetupView = {
  syntheticBars: 6000,
  imported: [],
  strategies: [{ id: 'sma-cross', parameters: [{ name: 'fast', kind: 'bars', min: 1, max: 100_000, defaultValue: 10 }, { name: 'slow', kind: 'bars', min: 2, max: 100_000, defaultValue: 30 }] }],
  defaults: { cashQuote: 10_000, sizeFraction: 0.01, takerFeeRate: 0.001, slippage: { realistic: 0.0001, 'next-open': 0 } },
  maxSweepTrials: 100,
};
const form = (patch: Partial<BacktestForm>): BacktestForm => ({ ...DEFAULT_FORM, ...patch });

describe('the Backtest form as a request', () => {
  it('sends percentages as fractions and leaves untyped settings to the strategy’s defaults', () => {
    const checked = formRequest(form({ sizePercent: '2,5', feePercent: '0.075', slippagePercent: '0' }), setup, t);
    expect(checked).toEqual({
      request: { source: { kind: 'synthetic' }, strategy: 'sma-cross', parameters: {}, cashQuote: 10_000, sizeFraction: 0.025, takerFeeRate: 0.00075, slippage: 0, fill: 'realistic', mode: { kind: 'single' } },
    });
  });

  it('reads the values to try, and counts their combinations', () => {
    expect(valuesOf('5, 10;20 20')).toEqual([5, 10, 20]);
    expect(valuesOf('5, ten')).toBeNull();
    const searching = form({ mode: 'sweep', sweepValues: { 'sma-cross': { fast: '5, 10', slow: '20, 30, 40' } } });
    expect(combinationCount(searching, setup.strategies[0]?.parameters ?? [])).toBe(6);
    expect(formRequest(searching, setup, t)).toMatchObject({ request: { mode: { kind: 'sweep', grid: { fast: [5, 10], slow: [20, 30, 40] } } } });
  });

  it('says what is wrong before sending anything', () => {
    expect(formRequest(form({ cash: '0' }), setup, t)).toEqual({ problem: 'backtest.problems.positive {"field":"backtest.costs.cash"}' });
    expect(formRequest(form({ parameters: { 'sma-cross': { fast: '2.5' } } }), setup, t)).toEqual({ problem: 'backtest.problems.whole {"field":"fast"}' });
    const tooMany = form({ mode: 'sweep', sweepValues: { 'sma-cross': { fast: Array.from({ length: 11 }, (_, i) => String(i + 1)).join(','), slow: Array.from({ length: 10 }, (_, i) => String(i + 50)).join(',') } } });
    expect(formRequest(tooMany, setup, t)).toEqual({ problem: 'backtest.problems.tooMany {"count":110,"limit":100}' });
    expect(formRequest(form({ source: { kind: 'imported', importId: 'gone' } }), setup, t)).toEqual({ problem: 'backtest.problems.noImport' });
    expect(formRequest(form({ mode: 'walk-forward', trainBars: '1.5' }), setup, t)).toEqual({ problem: 'backtest.problems.positive {"field":"backtest.mode.trainBars"}' });
  });
});
