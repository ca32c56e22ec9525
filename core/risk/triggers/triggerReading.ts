import type { StateCause } from '../../model/index.ts';

/**
 * What a tripped trigger does to trading: reduce-only; no new trades until the person resumes
 * (and the check has cleared); or stop everything.
 */
export type TriggerAction = 'SAFE_MODE' | 'PAUSED' | 'KILLED';

/**
 * One reading of one automatic trigger (daily loss, drawdown, error rate, data feed, volatility,
 * key permissions — and later drift). Every trigger speaks this shape, so the state machine
 * treats them all alike: a tripped reading latches its action, a clear reading lets the person
 * re-arm once every trigger is clear.
 */
export interface TriggerReading {
  /** Stable id; per market where it matters, e.g. `data_feed:BTC/USDT`. */
  readonly triggerId: string;
  readonly tripped: boolean;
  readonly action: TriggerAction;
  /** Code (e.g. `DAILY_LOSS_LIMIT`) and a plain sentence; becomes the state's cause. */
  readonly cause: StateCause;
  /** The numbers behind it, for the journal and the detail view. */
  readonly details: Readonly<Record<string, number | string | boolean | null>>;
  readonly atMs: number;
}

/** A trigger that judges one kind of input. Stateful ones (volatility) remember past inputs. */
export interface RiskTrigger<Input> {
  readonly triggerId: string;
  check(input: Input): TriggerReading;
}

/** A trigger still active in the state machine. */
export interface ActiveTrigger {
  readonly triggerId: string;
  readonly action: TriggerAction;
  readonly cause: StateCause;
  readonly sinceMs: number;
}
