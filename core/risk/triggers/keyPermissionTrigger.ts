import type { TradingStateMachine } from '../tradingStateMachine.ts';
import type { RiskTrigger, TriggerReading } from './triggerReading.ts';

/** The latest permission read of the live key, from the keys layer's watch. */
export interface KeyPermissionReading {
  readonly atMs: number;
  /** true: the key can withdraw; false: the exchange said explicitly it cannot; 'unknown' otherwise. */
  readonly canWithdraw: boolean | 'unknown';
  /** true when the exchange reports futures or margin trading switched on for the key (a spot bot never needs them). */
  readonly futuresOrMarginEnabled?: boolean | 'unknown';
  /** What the exchange said, for the journal (never key material). */
  readonly detail?: string;
}

export const KEY_PERMISSION_TRIGGER_ID = 'key_permissions';

/**
 * The one policy for the live key's permissions (ARCHITECTURE.md: keys). A withdraw permission
 * appearing means KILLED: the app then cancels every open order. A read that cannot be confirmed
 * means PAUSED: no new trades, stops stay, and trading resumes only when the person presses
 * Resume after the exchange has confirmed the key again — a network blip should not cancel every
 * order, but trading on an unconfirmed key is not safe either. Futures or margin switched on for
 * the key later also means PAUSED: the gate passed a spot-only key, and this one is no longer that.
 */
export function createKeyPermissionTrigger(): RiskTrigger<KeyPermissionReading> {
  return {
    triggerId: KEY_PERMISSION_TRIGGER_ID,
    check(reading): TriggerReading {
      const { canWithdraw } = reading;
      const details = { canWithdraw, futuresOrMarginEnabled: reading.futuresOrMarginEnabled ?? null, detail: reading.detail ?? null };
      if (canWithdraw === true) {
        return {
          triggerId: KEY_PERMISSION_TRIGGER_ID,
          tripped: true,
          action: 'KILLED',
          cause: {
            code: 'KEY_CAN_WITHDRAW',
            message: 'The exchange now reports that your live key can withdraw funds, so Ballast stopped everything and cancelled its open orders. ' +
              'Delete this key on the exchange now, create a new one without withdrawals, and check it on the Keys & Exchanges screen before you re-arm.',
          },
          details,
          atMs: reading.atMs,
        };
      }
      if (canWithdraw === false && reading.futuresOrMarginEnabled === true) {
        return {
          triggerId: KEY_PERMISSION_TRIGGER_ID,
          tripped: true,
          action: 'PAUSED',
          cause: {
            code: 'KEY_FUTURES_OR_MARGIN_ENABLED',
            message: 'Paused because futures or margin trading was switched on for your live key. Ballast trades spot only and opens no new trades; stops stay in place. ' +
              'Switch futures and margin off for this key on the exchange, check it again, then press Resume.',
          },
          details,
          atMs: reading.atMs,
        };
      }
      return {
        triggerId: KEY_PERMISSION_TRIGGER_ID,
        tripped: canWithdraw !== false,
        action: 'PAUSED',
        cause: canWithdraw !== false
          ? { code: 'KEY_PERMISSIONS_UNCONFIRMED', message: 'Paused because the exchange could not confirm that your live key still cannot withdraw funds. Stops stay in place; press Resume once it is confirmed again.' }
          : { code: 'KEY_PERMISSIONS_OK', message: 'The exchange confirms again that your live key cannot withdraw funds.' },
        details,
        atMs: reading.atMs,
      };
    },
  };
}

/** Every permission read of the live key goes through the one trigger to the state machine. */
export function reportKeyPermissions(machine: TradingStateMachine, reading: KeyPermissionReading): TriggerReading {
  const checked = createKeyPermissionTrigger().check(reading);
  machine.report(checked);
  return checked;
}

/**
 * The key is no longer what Ballast trades with (live trading ended, or the key was replaced):
 * its trigger no longer applies, so a kill it caused can be re-armed into paper trading.
 */
export function releaseKeyPermissionTrigger(machine: TradingStateMachine, atMs: number): void {
  machine.report({
    triggerId: KEY_PERMISSION_TRIGGER_ID,
    tripped: false,
    action: 'PAUSED',
    cause: { code: 'KEY_NOT_IN_USE', message: 'The key is no longer used for live trading.' },
    details: {},
    atMs,
  });
}
