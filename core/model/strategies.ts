/** The built-in strategies, by id; each one's description lives with its code in core/signals. */
export const STRATEGY_IDS = ['trend-follower', 'rsi-mean-reversion', 'do-nothing'] as const;
export type StrategyId = (typeof STRATEGY_IDS)[number];

export const isStrategyId = (value: unknown): value is StrategyId =>
  typeof value === 'string' && (STRATEGY_IDS as readonly string[]).includes(value);
