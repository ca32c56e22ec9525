import { beforeAll, describe, expect, it } from 'vitest';
import {
  backtestBars,
  checkLookahead,
  measureWarmUp,
  readingNumbers,
  runBacktest,
  strategyReader,
  type ClosedBarReaderFactory,
  type NamedNumbers,
} from '../../../core/backtest/index.ts';
import type { Candle } from '../../../core/market/index.ts';
import { ALL_STRATEGY_IDS, createStrategyWith, type AnyStrategyId } from '../../../core/signals/index.ts';
import { FEATURE_NAMES, FEATURES_READY_AFTER_BARS, FeatureComputer } from '../../../core/signals/model/index.ts';
import { btcCandles, envBars, settingsFor } from './support/handMadeBars.ts';

const BARS = envBars('BALLAST_LOOKAHEAD_BARS', 1_000);
let slice: Candle[] = [];

beforeAll(async () => {
  // A stretch with a crash in it (March 2020), where indicators move the most.
  const all = await btcCandles();
  const start = all.findIndex((candle) => candle.openTimeMs >= Date.UTC(2020, 2, 1));
  slice = all.slice(start, start + BARS);
});

const create = (id: AnyStrategyId) => () => {
  const built = createStrategyWith(id);
  if (!built.ok) throw new Error(built.problem.code);
  return built.strategy;
};

describe('the lookahead check over every built-in strategy, at every decision point of a backtest', () => {
  it.each(ALL_STRATEGY_IDS)('%s reads only the bars up to each decision', async (id) => {
    const bars = backtestBars('BTC/USDT', slice);
    const observed: (NamedNumbers | undefined)[] = [];
    // The readings the engine itself acted on, bar by bar.
    await runBacktest(bars, settingsFor(bars, { fill: 'realistic', risk: 'on', sizeFraction: 0.01, strategy: { id, parameters: {} } }), {
      onReading: (bar, reading) => {
        observed[bar] = readingNumbers(reading);
      },
    });
    expect(observed).toHaveLength(slice.length);
    const result = checkLookahead({ candles: slice, factory: strategyReader(create(id)), observed: (bar) => observed[bar] });
    expect(result).toEqual({ ok: true, decisionPoints: slice.length });
  });
});

/** Reads the next bar's close from bar 100 on: the kind of leak a vectorised indicator over a whole file has. */
const leaky: ClosedBarReaderFactory = (history) => {
  let index = -1;
  return {
    update(candle) {
      index++;
      return { close: candle.close, nextClose: index >= 100 ? (history[index + 1]?.close ?? Number.NaN) : candle.close };
    },
  };
};

describe('the lookahead check catches a leak', () => {
  it('names the first leaking bar, the value and what the cut history gives', () => {
    const result = checkLookahead({ candles: slice, factory: leaky });
    expect(result).toEqual({
      ok: false,
      finding: { code: 'USES_FUTURE_DATA', bar: 100, openTimeMs: slice[100]!.openTimeMs, name: 'nextClose', valueInRun: slice[101]!.close, valueFromCutHistory: Number.NaN },
    });
  });

  it('also catches a run that acted on readings from a later bar (an engine feeding bars too early)', () => {
    const honest = strategyReader(create('sma-cross'));
    const reader = honest(slice);
    const readings = slice.map((candle) => reader.update(candle));
    // The run at bar t acts on the reading of bar t + 1.
    const result = checkLookahead({ candles: slice, factory: honest, observed: (bar) => readings[bar + 1] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.finding.bar).toBe(28); // bar 29 is the first with a reading; bar 28 already had it
  });
});

const featureReader: ClosedBarReaderFactory = () => {
  const computer = new FeatureComputer();
  return {
    update(candle) {
      const vector = computer.update(candle);
      return Object.fromEntries(FEATURE_NAMES.map((name, index) => [name, vector[index] as number]));
    },
  };
};

describe('the same checks over the AI model\'s features', () => {
  it('finds no lookahead at any bar', () => {
    expect(checkLookahead({ candles: slice, factory: featureReader })).toEqual({ ok: true, decisionPoints: slice.length });
  });

  it('measures a warm-up of at least the bars every feature needs, longer for the smoothed ones', () => {
    const warmUp = measureWarmUp(slice, featureReader, FEATURES_READY_AFTER_BARS);
    expect(warmUp.ok).toBe(true);
    if (warmUp.ok) expect(warmUp.warmUpBars).toBeGreaterThan(FEATURES_READY_AFTER_BARS);
  });
});

describe('indicator warm-up of the built-in strategies', () => {
  it('is exactly the window for a plain moving-average cross', () => {
    expect(measureWarmUp(slice, strategyReader(create('sma-cross'), false), 30)).toEqual({ ok: true, warmUpBars: 30 });
  });

  it.each(['trend-follower', 'rsi-mean-reversion'] as const)('is longer than declared for %s, whose Wilder-smoothed indicators remember where they started', (id) => {
    const declared = create(id)().description.warmUpBars;
    const warmUp = measureWarmUp(slice, strategyReader(create(id), false), declared);
    expect(warmUp.ok).toBe(true);
    // (13/14)^k shrinks a starting difference below a millionth only after some 180 bars.
    if (warmUp.ok) expect(warmUp.warmUpBars).toBeGreaterThan(declared + 100);
  });

  it('keeps the engine from trading before the warm-up', async () => {
    const bars = backtestBars('BTC/USDT', slice);
    const run = await runBacktest(bars, settingsFor(bars, { fill: 'next-open', risk: 'off', strategy: { id: 'trend-follower', parameters: {} } }));
    const warmUp = measureWarmUp(slice, strategyReader(create('trend-follower'), false), 50);
    expect(warmUp.ok && run.tradingStartBar).toBe(warmUp.ok ? warmUp.warmUpBars - 1 : -1);
    expect(run.fills.every((fill) => fill.atMs > slice[run.tradingStartBar]!.openTimeMs)).toBe(true);
  });

  it('refuses to report a warm-up for values that never settle', () => {
    let count = 0;
    const drifting: ClosedBarReaderFactory = () => {
      const started = count++;
      return { update: () => ({ age: started }) };
    };
    expect(measureWarmUp(slice, drifting, 1)).toMatchObject({ ok: false, code: 'WARM_UP_DOES_NOT_CONVERGE', name: 'age' });
  });
});
