import type { ProtectionCode } from './liveCodes.ts';
import type { LiveNotice } from './liveDeps.ts';

/**
 * Where one market's position stands after a protection pass:
 * - `flat`: Ballast holds nothing there, or less than one lot step (the residue of fees taken in the
 *   coin, which no order can sell); leftover stops were swept;
 * - `protected`: a stop for the whole sellable position rests on the exchange, confirmed by its listing;
 * - `too_small`: what is held is below the market's minimum order, so no stop (and no sale) is possible;
 * - `held_by_exit`: everything held is already promised to a sell of Ballast's;
 * - `unconfirmed`: a stop was sent or changed but the exchange has not listed it yet;
 * - `exited`: the stop could not be placed (or its price had passed) and the position was sold instead;
 * - `unprotected`: neither a stop nor a sale worked: the position is on the exchange without protection;
 * - `watched_by_ballast`: the exchange holds no stops for Ballast; Ballast watches the stop itself.
 */
export type ProtectionStatus = 'flat' | 'protected' | 'too_small' | 'held_by_exit' | 'unconfirmed' | 'exited' | 'unprotected' | 'watched_by_ballast';

export interface ProtectionReport {
  readonly symbol: string;
  readonly status: ProtectionStatus;
  /** Ballast's own position (from its fills), before any sale in this pass. */
  readonly positionBase: number;
  /** Amount the confirmed stop covers (0 unless `protected`). */
  readonly stopBase: number;
  readonly stopPriceQuote: number | null;
  readonly stopClientOrderId: string | null;
  readonly startedAtMs: number;
  /** When the exchange's own listing showed the stop resting. */
  readonly confirmedAtMs: number | null;
  /** The caller must enter safe mode (reduce-only): protection failed and was not restored. */
  readonly requiresSafeMode: boolean;
  readonly notices: readonly LiveNotice<ProtectionCode>[];
}

/** What every report of one pass starts from. */
export interface PassStart {
  readonly symbol: string;
  readonly positionBase: number;
  readonly startedAtMs: number;
}

/** A report without a confirmed stop. */
export function reportWithoutStop(base: PassStart, status: ProtectionStatus, requiresSafeMode: boolean, notices: readonly LiveNotice<ProtectionCode>[]): ProtectionReport {
  return { ...base, status, stopBase: 0, stopPriceQuote: null, stopClientOrderId: null, confirmedAtMs: null, requiresSafeMode, notices };
}

/**
 * Two rounds of one pass as one report: the later round says where things stand; what the earlier
 * one did (its notices) and asked for (safe mode) is kept, and a sale that emptied the market stays
 * visible as `exited`.
 */
export function mergeRounds(earlier: ProtectionReport, later: ProtectionReport): ProtectionReport {
  return {
    ...later,
    positionBase: earlier.positionBase,
    status: later.status === 'flat' && earlier.status === 'exited' ? 'exited' : later.status,
    requiresSafeMode: earlier.requiresSafeMode || later.requiresSafeMode,
    notices: [...earlier.notices, ...later.notices],
  };
}
