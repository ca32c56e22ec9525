/**
 * The strategies a paper or live bot can run, by id; each one's description lives with its code
 * in core/signals. `sma-cross` is for backtests only: it has no protective stop, which a bot needs.
 */
export const STRATEGY_IDS = ['trend-follower', 'rsi-mean-reversion', 'do-nothing'] as const;
export type StrategyId = (typeof STRATEGY_IDS)[number];

/** Every built-in strategy, the backtest-only ones included. */
export const ALL_STRATEGY_IDS = ['trend-follower', 'rsi-mean-reversion', 'sma-cross', 'do-nothing'] as const;
export type AnyStrategyId = (typeof ALL_STRATEGY_IDS)[number];

/**
 * Strategies made of Ballast's AI, for the paper bot only: `ai-model` enters when the trained
 * model's calibrated probability clears the threshold chosen on its training folds; `llm-advisor`
 * lets the AI advisor (an LLM) propose trades. Neither runs live in this version.
 */
export const AI_STRATEGY_IDS = ['ai-model', 'llm-advisor'] as const;
export type AiStrategyId = (typeof AI_STRATEGY_IDS)[number];

/** What the paper bot may run: the rule strategies and the AI ones. */
export const PAPER_STRATEGY_IDS = [...STRATEGY_IDS, ...AI_STRATEGY_IDS] as const;
export type PaperStrategyId = (typeof PAPER_STRATEGY_IDS)[number];

export const isStrategyId = (value: unknown): value is StrategyId =>
  typeof value === 'string' && (STRATEGY_IDS as readonly string[]).includes(value);

export const isAnyStrategyId = (value: unknown): value is AnyStrategyId =>
  typeof value === 'string' && (ALL_STRATEGY_IDS as readonly string[]).includes(value);

export const isAiStrategyId = (value: unknown): value is AiStrategyId =>
  typeof value === 'string' && (AI_STRATEGY_IDS as readonly string[]).includes(value);
