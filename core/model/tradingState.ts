/** The trading states of ARCHITECTURE.md; the risk layer owns the machine. */
export const TRADING_STATES = ['ACTIVE', 'SAFE_MODE', 'PAUSED', 'KILLED'] as const;
export type TradingStateName = (typeof TRADING_STATES)[number];

export const TRADING_MODES = ['paper', 'live'] as const;
export type TradingMode = (typeof TRADING_MODES)[number];

/** Why the state is what it is: a code the screens word, and the plain explanation. */
export interface StateCause {
  /** Machine-readable reason, e.g. `PERSON_PAUSED`, `DAILY_LOSS_LIMIT`. */
  readonly code: string;
  /** Plain-language explanation shown to the person. */
  readonly message: string;
}
