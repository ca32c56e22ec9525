import { ContractError } from '../../contract/index.ts';
import { EXCHANGE_NAMES, makeSecret, type ExchangeCredentials, type ExchangeId } from '../../keys/index.ts';

/** Exchanges whose keys come with a passphrase chosen when the key was created. */
export { EXCHANGES_WITH_PASSPHRASE } from '../../model/index.ts';
import { EXCHANGES_WITH_PASSPHRASE } from '../../model/index.ts';

export interface PastedCredentials {
  readonly exchange: ExchangeId;
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase?: string | undefined;
}

const PEM_LINE = /-----(BEGIN|END) ([A-Z ]+)-----/g;

/**
 * Coinbase's private key is a multi-line PEM block. A password field drops the line breaks, and
 * copying from the downloaded JSON file keeps them as the two characters "\n". Both are put back
 * so the exchange's signature check sees the key as it was issued.
 */
export function normaliseCoinbasePrivateKey(pasted: string): string {
  const text = pasted.replace(/\\n/g, '\n').trim();
  if (!text.includes('-----BEGIN')) return text;
  const body = text.replace(PEM_LINE, ' ').replace(/\s+/g, '');
  const header = /-----BEGIN ([A-Z ]+)-----/.exec(text)?.[1] ?? 'EC PRIVATE KEY';
  const lines = body.match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${header}-----`, ...lines, `-----END ${header}-----`, ''].join('\n');
}

/**
 * Turns what the person pasted into `Secret`s straight away, so nothing after this point can
 * print it. Refusals name the missing field, never its content.
 */
export function credentialsFromPaste(pasted: PastedCredentials): ExchangeCredentials {
  const needsPassphrase = EXCHANGES_WITH_PASSPHRASE.has(pasted.exchange);
  const passphrase = pasted.passphrase === undefined || pasted.passphrase.length === 0 ? undefined : pasted.passphrase;
  if (needsPassphrase && passphrase === undefined) {
    throw new ContractError('REFUSED', `${EXCHANGE_NAMES[pasted.exchange]} keys come with a passphrase. Paste it too.`);
  }
  if (!needsPassphrase && passphrase !== undefined) {
    throw new ContractError('REFUSED', `${EXCHANGE_NAMES[pasted.exchange]} keys have no passphrase. Leave that field empty.`);
  }
  const secret = pasted.exchange === 'coinbase' ? normaliseCoinbasePrivateKey(pasted.secret) : pasted.secret;
  return {
    apiKey: makeSecret(pasted.apiKey),
    secret: makeSecret(secret),
    ...(passphrase === undefined ? {} : { passphrase: makeSecret(passphrase) }),
  };
}

/**
 * The name is shown on screen and written to the log, so a secret pasted into the name field by
 * mistake would leak. Any overlap of 8 characters or more with the pasted credentials is refused.
 */
export function refuseCredentialAsLabel(label: string, pasted: PastedCredentials): void {
  const values = [pasted.apiKey, pasted.secret, pasted.passphrase ?? ''].map((value) => value.trim()).filter((value) => value.length >= 8);
  const overlaps = (value: string): boolean => {
    for (let start = 0; start + 8 <= label.length; start += 1) {
      if (value.includes(label.slice(start, start + 8))) return true;
    }
    return false;
  };
  if (values.some(overlaps)) {
    throw new ContractError('REFUSED', 'The name looks like part of the key itself. Give the key a name of your own, such as "Main account"; the name is shown on screen.');
  }
}
