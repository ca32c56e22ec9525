import type { AnyStrategyId, Strategy } from '../strategy.ts';
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
  isKnownStrategyId,
  resolveStrategyParameters,
  STRATEGY_PARAMETERS,
  type StrategyBuild,
  type StrategyParameterProblem,
  type StrategyParameterSpec,
} from './strategyParameters.ts';

export { ALL_STRATEGY_IDS, STRATEGY_IDS } from '../../model/index.ts';

/** A fresh instance (fresh indicator state) of a built-in strategy. */
export function createStrategy(id: AnyStrategyId): Strategy {
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
