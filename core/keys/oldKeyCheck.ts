import { EXCHANGE_NAMES, type ExchangeId } from './exchangeId.ts';
import type { PermissionReport } from './permissions/permissionReport.ts';

/**
 * After a rotation, is the old key really dead? Ballast asks the exchange with it once more:
 * - refused: the exchange turned the key away (deleted, disabled or unknown to it): it no longer works;
 * - still-works: the exchange answered it: anyone holding a copy can still trade with it;
 * - unknown: no answer (network, timeout, an error that says nothing about the key). Never read
 *   as "deleted": only the exchange's own refusal counts.
 */
export type OldKeyOutcome = 'refused' | 'still-works' | 'unknown';

export interface OldKeyFinding {
  readonly outcome: OldKeyOutcome;
  /** One or two sentences for the person. */
  readonly reason: string;
}

export function oldKeyFinding(exchange: ExchangeId, report: PermissionReport): OldKeyFinding {
  const name = EXCHANGE_NAMES[exchange];
  const failure = report.readFailure?.code;
  if (failure === 'AUTHENTICATION') {
    return { outcome: 'refused', reason: `${name} refuses the old key, as it refuses a deleted one: it no longer works.` };
  }
  if (failure === undefined) {
    return {
      outcome: 'still-works',
      reason: `${name} still accepts the old key, so anyone with a copy of it could still trade on your account. Delete it on ${name}’s API management page, then check again.`,
    };
  }
  return {
    outcome: 'unknown',
    reason: `Ballast could not get an answer from ${name}, so it cannot tell whether the old key still works. Check again in a moment.`,
  };
}
