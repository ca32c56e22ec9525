import { z } from 'zod';
import { TRADING_MODES, TRADING_STATES, type StateCause as ModelStateCause } from '../model/index.ts';

/** The trading states of ARCHITECTURE.md; the risk layer owns the machine, the contract names them. */
export const TradingStateName = z.enum(TRADING_STATES);
export type TradingStateName = z.infer<typeof TradingStateName>;

export const TradingMode = z.enum(TRADING_MODES);
export type TradingMode = z.infer<typeof TradingMode>;

export const StateCause = z.strictObject({
  /** Machine-readable reason, e.g. `PERSON_PAUSED`, `DAILY_LOSS_LIMIT`. */
  code: z.string().min(1).max(64),
  /** Plain-language explanation shown to the person. */
  message: z.string().max(500),
});
export type StateCause = ModelStateCause;

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
