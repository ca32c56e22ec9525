// The first live week's halving is part of the capital ladder, which the risk layer owns.
export { firstLiveSizingMultiplier, DEFAULT_FIRST_LIVE_PERIOD, type FirstLivePeriodPolicy } from '../risk/index.ts';
