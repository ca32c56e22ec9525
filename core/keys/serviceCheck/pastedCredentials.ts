import { z } from 'zod';
import type { ExchangeCredentials } from '../permissions/exchangeClient.ts';
import { makeSecret, revealSecret, type Secret } from '../secret.ts';
import type { Reason } from './serviceVerdict.ts';

const bundleSchema = z.union([
  z.object({ apiKey: z.string(), secret: z.string(), passphrase: z.string().optional() }),
  // The key file Coinbase's developer platform downloads.
  z.object({ name: z.string(), privateKey: z.string() }),
]);

export type PastedCredentials =
  | { readonly ok: true; readonly credentials: ExchangeCredentials }
  | { readonly ok: false; readonly problem: Reason };

const NOT_UNDERSTOOD: PastedCredentials = {
  ok: false, problem: { code: 'KEY_PASTE_NOT_UNDERSTOOD', params: {}, severity: 'not_confirmed' },
};

function fromJson(text: string): PastedCredentials {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text in its message; the message is dropped.
    return NOT_UNDERSTOOD;
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) return NOT_UNDERSTOOD;
  const bundle = parsed.data;
  if ('name' in bundle) return { ok: true, credentials: { apiKey: makeSecret(bundle.name), secret: makeSecret(bundle.privateKey) } };
  return {
    ok: true,
    credentials: {
      apiKey: makeSecret(bundle.apiKey),
      secret: makeSecret(bundle.secret),
      ...(bundle.passphrase === undefined ? {} : { passphrase: makeSecret(bundle.passphrase) }),
    },
  };
}

/** "key", then a PEM block: a Coinbase key pasted as text. */
function fromPem(lines: readonly string[]): PastedCredentials {
  const [apiKey, ...rest] = lines;
  if (apiKey === undefined || !rest[0]?.startsWith('-----BEGIN') || !rest.at(-1)?.startsWith('-----END')) return NOT_UNDERSTOOD;
  return { ok: true, credentials: { apiKey: makeSecret(apiKey), secret: makeSecret(rest.join('\n')) } };
}

/**
 * Reads credentials as they arrive on standard input or a paste field: the key, the secret and,
 * for OKX, KuCoin and Bitget, the passphrase on their own lines; a JSON object with apiKey, secret
 * and passphrase; or Coinbase's downloaded key file. What could not be read is reported by code
 * only: the text itself appears in no result and no error.
 */
export function credentialsFromPastedText(pasted: Secret): PastedCredentials {
  const text = revealSecret(pasted).trim();
  if (text.startsWith('{')) return fromJson(text);
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  if (lines.some((line) => line.startsWith('-----BEGIN'))) return fromPem(lines);
  const [apiKey, secret, passphrase, ...extra] = lines;
  if (apiKey === undefined || secret === undefined || extra.length > 0) return NOT_UNDERSTOOD;
  return {
    ok: true,
    credentials: {
      apiKey: makeSecret(apiKey),
      secret: makeSecret(secret),
      ...(passphrase === undefined ? {} : { passphrase: makeSecret(passphrase) }),
    },
  };
}
