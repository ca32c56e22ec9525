import type { Strategy, StrategyId } from '../strategy.ts';
import { createDoNothing } from './doNothing.ts';
import { createRsiMeanReversion } from './rsiMeanReversion.ts';
import { createTrendFollower } from './trendFollower.ts';

export { createDoNothing } from './doNothing.ts';
export { createRsiMeanReversion, RSI_MEAN_REVERSION_DEFAULTS, type RsiMeanReversionParameters } from './rsiMeanReversion.ts';
export { createTrendFollower, TREND_FOLLOWER_DEFAULTS, type TrendFollowerParameters } from './trendFollower.ts';

export { STRATEGY_IDS } from '../../model/index.ts';

/** A fresh instance (fresh indicator state) of a built-in strategy. */
export function createStrategy(id: StrategyId): Strategy {
  switch (id) {
    case 'trend-follower':
      return createTrendFollower();
    case 'rsi-mean-reversion':
      return createRsiMeanReversion();
    case 'do-nothing':
      return createDoNothing();
  }
}
