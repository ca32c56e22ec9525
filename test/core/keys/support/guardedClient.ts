import type { Exchange } from 'ccxt';
import { createExchangeClient, makeSecret, type ExchangeId } from '../../../../core/keys/index.ts';
import type { FakeCredentials } from './exchangeSignatures.ts';

export interface GuardedClient {
  readonly client: Exchange;
  /** URLs ccxt tried to reach outside the fixture; must stay empty. */
  readonly escapedUrls: string[];
}

/**
 * A real ccxt client for `exchange`, pointed at the fixture with urls.api rewritten, whose
 * transport refuses (and records) any URL that would leave the fixture's origin.
 */
export function guardedClient(exchange: ExchangeId, credentials: FakeCredentials, origin: string, timeoutMs = 2_000): GuardedClient {
  const client = createExchangeClient(
    exchange,
    {
      apiKey: makeSecret(credentials.apiKey),
      secret: makeSecret(credentials.secret),
      ...(credentials.passphrase === undefined ? {} : { passphrase: makeSecret(credentials.passphrase) }),
    },
    { environment: 'live', apiBaseUrl: origin, timeoutMs },
  );
  const escapedUrls: string[] = [];
  const transport = client.fetch.bind(client);
  client.fetch = async (url: string, ...rest: unknown[]): Promise<unknown> => {
    if (!url.startsWith(`${origin}/`)) {
      escapedUrls.push(url);
      throw new Error('request outside the fixture refused by the test');
    }
    return (transport as (url: string, ...more: unknown[]) => Promise<unknown>)(url, ...rest);
  };
  return { client, escapedUrls };
}
