import { z } from 'zod';
import { KeysError } from './keysError.ts';
import { makeSecret, revealSecret, type Secret } from './secret.ts';
import type { ExchangeCredentials } from './permissions/exchangeClient.ts';

const bundleSchema = z.object({
  apiKey: z.string().min(1),
  secret: z.string().min(1),
  passphrase: z.string().min(1).optional(),
});

/** The credentials of one key as a single Secret, so they are encrypted (and wiped) together. */
export function bundleCredentials(credentials: ExchangeCredentials): Secret {
  const bundle: Record<string, string> = {
    apiKey: revealSecret(credentials.apiKey),
    secret: revealSecret(credentials.secret),
  };
  if (credentials.passphrase) bundle['passphrase'] = revealSecret(credentials.passphrase);
  return makeSecret(JSON.stringify(bundle));
}

const DAMAGED = 'The saved key could be decrypted but is not in a form Ballast understands. Delete it and enter the key again.';

export function unbundleCredentials(bundle: Secret): ExchangeCredentials {
  let json: unknown;
  try {
    json = JSON.parse(revealSecret(bundle));
  } catch {
    // JSON.parse quotes the input in its message; never let that message out.
    throw new KeysError('STORE_DAMAGED', DAMAGED);
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) throw new KeysError('STORE_DAMAGED', DAMAGED);
  const { apiKey, secret, passphrase } = parsed.data;
  return {
    apiKey: makeSecret(apiKey),
    secret: makeSecret(secret),
    ...(passphrase === undefined ? {} : { passphrase: makeSecret(passphrase) }),
  };
}

/** Rejects blank fields before anything is encrypted. */
export function checkCredentials(credentials: ExchangeCredentials): void {
  const blank = (value: Secret | undefined): boolean => value !== undefined && revealSecret(value).trim().length === 0;
  if (blank(credentials.apiKey) || blank(credentials.secret) || blank(credentials.passphrase)) {
    throw new KeysError('INVALID_INPUT', 'The API key, secret and passphrase (where the exchange has one) must not be empty.');
  }
}
