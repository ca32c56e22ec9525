import type { Candle } from '../market/index.ts';
import { createStrategyWith, type Strategy } from '../signals/index.ts';
import { BacktestInputError } from './backtestInputError.ts';
import type { BacktestSettings } from './backtestSettings.ts';
import type { BacktestBars } from './backtestBars.ts';
import { measureWarmUp, strategyReader, WARM_UP_WINDOW_BARS } from './lookahead.ts';

function strategyOf(settings: BacktestSettings): Strategy {
  const built = createStrategyWith(settings.strategy.id, settings.strategy.parameters);
  if (!built.ok) throw new BacktestInputError('UNUSABLE_STRATEGY', `The strategy ${settings.strategy.id} cannot be built with these parameters (${built.problem.code}).`);
  return built.strategy;
}

/**
 * Bars of history the strategy needs before the engine lets it trade: measured on the run's own
 * first bars (its indicators must give the same values however early they started), never
 * less than what the strategy declares. A strategy whose values never settle is not traded.
 */
export function strategyWarmUp(settings: BacktestSettings, history: readonly Candle[] | BacktestBars): number {
  const declared = Math.max(1, strategyOf(settings).description.warmUpBars);
  // The check reads at most its own window of bars: only those become candle objects.
  const candles = Array.isArray(history) ? history : (history as BacktestBars).candlesBetween(0, Math.min(history.length, declared + WARM_UP_WINDOW_BARS(declared)));
  const measured = measureWarmUp(candles, strategyReader(() => strategyOf(settings), false), declared);
  if (!measured.ok) {
    throw new BacktestInputError('WARM_UP_DOES_NOT_CONVERGE', `The ${settings.strategy.id} strategy's ${measured.name} still depends on where the history starts after ${measured.barsTried} bars, so it is not traded.`);
  }
  return Math.max(declared, measured.warmUpBars);
}
