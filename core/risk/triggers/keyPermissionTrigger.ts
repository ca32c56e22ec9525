import type { RiskTrigger, TriggerReading } from './triggerReading.ts';

/** The latest permission read of the live key, from the keys layer's watch. */
export interface KeyPermissionReading {
  readonly atMs: number;
  /** true: the key can withdraw; false: the exchange said explicitly it cannot; 'unknown' otherwise. */
  readonly canWithdraw: boolean | 'unknown';
  /** What the exchange said, for the journal (never key material). */
  readonly detail?: string;
}

export const KEY_PERMISSION_TRIGGER_ID = 'key_permissions';

/**
 * A withdraw permission appearing on a live key means KILLED (ARCHITECTURE.md: keys). A read
 * that cannot be confirmed means reduce-only until it can: a network blip should not cancel
 * every order, but trading on an unconfirmed key is not safe either.
 */
export function createKeyPermissionTrigger(): RiskTrigger<KeyPermissionReading> {
  return {
    triggerId: KEY_PERMISSION_TRIGGER_ID,
    check(reading): TriggerReading {
      const { canWithdraw } = reading;
      const details = { canWithdraw, detail: reading.detail ?? null };
      if (canWithdraw === true) {
        return {
          triggerId: KEY_PERMISSION_TRIGGER_ID,
          tripped: true,
          action: 'KILLED',
          cause: { code: 'KEY_CAN_WITHDRAW', message: 'Your API key can now withdraw funds. Ballast stopped everything. Remove the withdraw permission on the exchange, then re-arm.' },
          details,
          atMs: reading.atMs,
        };
      }
      return {
        triggerId: KEY_PERMISSION_TRIGGER_ID,
        tripped: canWithdraw !== false,
        action: 'SAFE_MODE',
        cause: canWithdraw !== false
          ? { code: 'KEY_PERMISSIONS_UNKNOWN', message: 'Ballast could not confirm that your API key cannot withdraw funds, so it only reduces positions until it can.' }
          : { code: 'KEY_PERMISSIONS_OK', message: 'Your API key was confirmed unable to withdraw funds.' },
        details,
        atMs: reading.atMs,
      };
    },
  };
}
