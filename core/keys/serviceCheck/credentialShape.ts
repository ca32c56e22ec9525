import { EXCHANGES_WITH_PASSPHRASE } from '../../model/index.ts';
import { EXCHANGE_NAMES, type ExchangeId } from '../exchangeId.ts';
import type { ExchangeCredentials } from '../permissions/exchangeClient.ts';
import { makeSecret, revealSecret, type Secret } from '../secret.ts';
import type { Reason } from './serviceVerdict.ts';

/** Exchanges whose keys come with a passphrase chosen when the key was made. */
const NEEDS_PASSPHRASE = EXCHANGES_WITH_PASSPHRASE;

/** Far longer than any exchange's key, secret or passphrase (a Coinbase PEM key is ~230). */
export const MAX_CREDENTIAL_CHARS = 10_000;

type Field = 'apiKey' | 'secret' | 'passphrase';

export type CredentialShape =
  | { readonly ok: true; readonly credentials: ExchangeCredentials }
  | { readonly ok: false; readonly problems: readonly Reason[] };

const FIELD_CODES: Readonly<Record<Field, string>> = { apiKey: 'API_KEY', secret: 'SECRET', passphrase: 'PASSPHRASE' };

/** KEY_MALFORMED_<FIELD>_<PROBLEM>, e.g. KEY_MALFORMED_SECRET_BLANK; the value itself never appears. */
const malformed = (problem: string, field: Field): Reason =>
  ({ code: `KEY_MALFORMED_${FIELD_CODES[field]}_${problem}`, params: {}, severity: 'not_confirmed' });
const special = (code: string): Reason => ({ code, params: {}, severity: 'not_confirmed' });

/** Blanks, control and invisible characters: a key or secret containing one was mis-copied. */
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const NOT_A_KEY_CHARACTER = /[\u0000-\u0020\u007f-\u00a0\u200b-\u200f\u2028\u2029\ufeff]/;
/** A passphrase is chosen by the person and may contain a space, but never a control character. */
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const NOT_A_PASSPHRASE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const PEM_PRIVATE_KEY = /^-----BEGIN (?:EC |)PRIVATE KEY-----[\s\S]+-----END (?:EC |)PRIVATE KEY-----$/;

function fieldProblems(field: Field, value: string, exchange: ExchangeId): Reason[] {
  if (value.length === 0) return [malformed('BLANK', field)];
  if (value.length > MAX_CREDENTIAL_CHARS) return [malformed('TOO_LONG', field)];
  // A Coinbase secret is a PEM block with line breaks inside; every other value is one token.
  const pem = exchange === 'coinbase' && field === 'secret';
  if (pem) return PEM_PRIVATE_KEY.test(value) ? [] : [special('KEY_MALFORMED_COINBASE_SECRET')];
  const invalid = field === 'passphrase' ? NOT_A_PASSPHRASE_CHARACTER : NOT_A_KEY_CHARACTER;
  if (invalid.test(value)) return [malformed('CHARACTERS', field)];
  // ccxt base64-decodes a Kraken secret before signing; anything else would sign garbage.
  if (exchange === 'kraken' && field === 'secret' && (!BASE64.test(value) || value.length % 4 !== 0)) {
    return [special('KEY_MALFORMED_KRAKEN_SECRET')];
  }
  return [];
}

/**
 * The value without surrounding blanks; the same Secret when nothing had to change. A Coinbase
 * key copied out of its downloaded JSON file carries its line breaks as the two characters `\n`.
 */
function normalised(secret: Secret, pemLineBreaks = false): { secret: Secret; text: string } {
  const raw = revealSecret(secret);
  const text = (pemLineBreaks ? raw.replaceAll('\\n', '\n') : raw).trim();
  return { secret: text === raw ? secret : makeSecret(text), text };
}

/**
 * Checks that pasted credentials can be a key of this exchange before anything is sent. Surrounding
 * blanks (a trailing line break from copy and paste) are dropped; anything else that cannot be part
 * of a key is reported by field name only, never by value.
 */
export function checkCredentialShape(exchange: ExchangeId, credentials: ExchangeCredentials): CredentialShape {
  const apiKey = normalised(credentials.apiKey);
  const secret = normalised(credentials.secret, exchange === 'coinbase');
  const passphrase = credentials.passphrase === undefined ? undefined : normalised(credentials.passphrase);
  const problems = [
    ...fieldProblems('apiKey', apiKey.text, exchange),
    ...fieldProblems('secret', secret.text, exchange),
  ];
  if (NEEDS_PASSPHRASE.has(exchange)) {
    if (passphrase === undefined || passphrase.text.length === 0) {
      problems.push({ ...special('KEY_MALFORMED_PASSPHRASE_MISSING'), params: { exchange: EXCHANGE_NAMES[exchange] } });
    } else {
      problems.push(...fieldProblems('passphrase', passphrase.text, exchange));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    credentials: {
      apiKey: apiKey.secret,
      secret: secret.secret,
      ...(passphrase !== undefined && NEEDS_PASSPHRASE.has(exchange) ? { passphrase: passphrase.secret } : {}),
    },
  };
}
