import { z } from 'zod';

/** The trading states of ARCHITECTURE.md; the risk layer owns the machine. */
export const TRADING_STATES = ['ACTIVE', 'SAFE_MODE', 'PAUSED', 'KILLED'] as const;
export const TradingStateName = z.enum(TRADING_STATES);
export type TradingStateName = z.infer<typeof TradingStateName>;

/** 'testnet': the live bot on an exchange's practice site, with pretend money. */
export const TRADING_MODES = ['paper', 'testnet', 'live'] as const;
export const TradingMode = z.enum(TRADING_MODES);
export type TradingMode = z.infer<typeof TradingMode>;

/** Why the state is what it is: a code the screens word, and the plain explanation. */
export const StateCause = z.strictObject({
  /** Machine-readable reason, e.g. `PERSON_PAUSED`, `DAILY_LOSS_LIMIT`. */
  code: z.string().min(1).max(64),
  /** Plain-language explanation shown to the person. */
  message: z.string().max(500),
});
export type StateCause = z.infer<typeof StateCause>;

/** The state as the journal keeps it and the screens show it. */
export const TradingStateSnapshot = z.strictObject({
  state: TradingStateName,
  sinceMs: z.number().int().nonnegative(),
  cause: StateCause,
  /** The exact words the person must type to re-arm after a kill. */
  rearmPhrase: z.string(),
  /** Automatic safety checks still tripped: safe mode cannot be left until this is empty. */
  activeTriggers: z.array(StateCause).max(50).optional(),
});
export type TradingStateSnapshot = z.infer<typeof TradingStateSnapshot>;
