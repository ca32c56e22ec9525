import { describe, expect, it } from 'vitest';
import {
  BacktestInputError,
  createTrialRegistry,
  deflatedSharpeRatio,
  probabilisticSharpeRatio,
  probabilityOfBacktestOverfitting,
} from '../../../core/backtest/index.ts';
import { normalReturnsMatrix } from './support/seededNormal.ts';

describe('createTrialRegistry', () => {
  it('records every trial with its Sharpe ratio and gives N and the Sharpe variance, worked by hand', () => {
    const registry = createTrialRegistry();
    // Trial 0: returns 1, 2, 3, 10 → mean 4, sample sd √(50/3) = 4.0824829, Sharpe 0.9797959.
    // Trial 1: returns −1, 1, −1, 1 → mean 0, Sharpe 0.
    registry.record({ fast: 10, slow: 30 }, [1, 2, 3, 10]);
    registry.record({ fast: 20, slow: 50 }, [-1, 1, -1, 1]);
    expect(registry.count).toBe(2);
    expect(registry.trials()[0]!.sharpe).toBeCloseTo(0.9797958971, 9);
    // Variance of {0.9797959, 0} with n − 1 = 1: (0.9797959 − 0.4898979)² · 2 = 0.48.
    expect(registry.sharpeVariance()).toBeCloseTo(0.48, 12);
    expect(registry.selectionBias()).toEqual({ trials: 2, sharpeVariance: registry.sharpeVariance() });
    expect(registry.best()).toMatchObject({ trial: 0, params: { fast: 10, slow: 30 } });
  });

  it('keeps each trial’s returns behind its handle and lays them out as periods × trials', () => {
    const registry = createTrialRegistry();
    registry.record({ a: 1 }, [0.1, 0.2, 0.3]);
    const second = registry.record({ a: 2 }, [0.4, 0.5, 0.6]);
    expect([...registry.returnsOf(second.trial)]).toEqual([0.4, 0.5, 0.6]);
    expect(registry.returnsMatrix()).toEqual([
      [0.1, 0.4],
      [0.2, 0.5],
      [0.3, 0.6],
    ]);
  });

  it('gives a trial that never traded a Sharpe ratio of 0, not NaN, so it still counts', () => {
    const registry = createTrialRegistry();
    expect(registry.record({ never: true }, [0, 0, 0, 0]).sharpe).toBe(0);
    expect(() => registry.record({ riskless: true }, [0.01, 0.01, 0.01, 0.01])).toThrow(BacktestInputError);
  });

  it('refuses a trial over different periods than the rest of the sweep', () => {
    const registry = createTrialRegistry();
    registry.record({ a: 1 }, [0.1, 0.2, 0.3]);
    expect(() => registry.record({ a: 2 }, [0.1, 0.2])).toThrow(/3/);
    expect(() => registry.returnsOf(5)).toThrow(BacktestInputError);
  });

  it('feeds the Deflated Sharpe Ratio and PBO of a noise sweep, which flag its best trial as luck', () => {
    // 40 trials of pure noise over 480 periods. Alone, the best one looks significant (PSR(0)
    // 0.98); deflated for the 40 tries it is not (DSR 0.39), and its Sharpe 0.098 sits below the
    // 0.112 that the best of 40 worthless trials is expected to reach.
    const registry = createTrialRegistry();
    const matrix = normalReturnsMatrix(480, 40, 11);
    for (let trial = 0; trial < 40; trial++) registry.record({ trial }, matrix.map((row) => row[trial]!));
    const best = registry.best();
    const deflated = deflatedSharpeRatio(best, registry.selectionBias());
    expect(probabilisticSharpeRatio(best)).toBeGreaterThan(0.95);
    expect(deflated.probability).toBeLessThan(0.5);
    expect(best.sharpe).toBeLessThan(deflated.benchmarkSharpe);
    expect(probabilityOfBacktestOverfitting(registry.returnsMatrix(), { blocks: 8 }).splits).toBe(70);
  });
});
