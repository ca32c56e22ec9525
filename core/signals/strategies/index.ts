import type { Strategy, StrategyId } from '../strategy.ts';
import { createDoNothing } from './doNothing.ts';
import { createRsiMeanReversion } from './rsiMeanReversion.ts';
import { createSmaCross } from './smaCross.ts';
import { createTrendFollower } from './trendFollower.ts';

export { createDoNothing } from './doNothing.ts';
export { createRsiMeanReversion, RSI_MEAN_REVERSION_DEFAULTS, type RsiMeanReversionParameters } from './rsiMeanReversion.ts';
export { createTrendFollower, TREND_FOLLOWER_DEFAULTS, type TrendFollowerParameters } from './trendFollower.ts';
export { createSmaCross, SMA_CROSS_DEFAULTS, type SmaCrossParameters } from './smaCross.ts';
export {
  createStrategyWith,
  isStrategyId,
  resolveStrategyParameters,
  STRATEGY_PARAMETERS,
  type StrategyBuild,
  type StrategyParameterProblem,
  type StrategyParameterSpec,
} from './strategyParameters.ts';

/**
 * The strategies a paper or live bot can run (the contract's list). `sma-cross` is for backtests
 * only until the contract lists it: it has no protective stop, which live trading requires.
 */
export const STRATEGY_IDS = ['trend-follower', 'rsi-mean-reversion', 'do-nothing'] as const satisfies readonly StrategyId[];

/** Every built-in strategy, backtest-only ones included. */
export const ALL_STRATEGY_IDS: readonly StrategyId[] = ['trend-follower', 'rsi-mean-reversion', 'sma-cross', 'do-nothing'];

/** A fresh instance (fresh indicator state) of a built-in strategy. */
export function createStrategy(id: StrategyId): Strategy {
  switch (id) {
    case 'trend-follower':
      return createTrendFollower();
    case 'rsi-mean-reversion':
      return createRsiMeanReversion();
    case 'sma-cross':
      return createSmaCross();
    case 'do-nothing':
      return createDoNothing();
  }
}
