import type { Keystore } from './keystore.ts';
import type { PermissionReader } from './liveGate.ts';
import { createExchangeClient } from './permissions/exchangeClient.ts';
import { verifyKeyPermissions } from './permissions/verifyKeyPermissions.ts';

export interface KeyPermissionReaderOptions {
  /** Send requests to this origin (fake exchange, harness) instead of the exchange. */
  readonly apiBaseUrl?: string;
  readonly timeoutMs?: number;
  readonly nowMs?: () => number;
}

/**
 * The PermissionReader for one saved key, for the live gate and PermissionWatch: every call
 * decrypts the key, builds a fresh ccxt client for its exchange and environment, and asks the
 * exchange. Keystore refusals (changed backend, basic_text for live) reject with their plain
 * KeysError; exchange trouble comes back as an 'unknown' report.
 */
export function keyPermissionReader(keystore: Keystore, keyId: string, options: KeyPermissionReaderOptions = {}): PermissionReader {
  return async () => {
    const key = await keystore.get(keyId);
    const credentials = await keystore.readCredentials(keyId);
    const client = createExchangeClient(key.exchange, credentials, {
      environment: key.environment,
      ...(options.apiBaseUrl === undefined ? {} : { apiBaseUrl: options.apiBaseUrl }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    return verifyKeyPermissions(key.exchange, client, {
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.nowMs === undefined ? {} : { nowMs: options.nowMs }),
    });
  };
}
