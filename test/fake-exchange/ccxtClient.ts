import ccxt from 'ccxt';
import type { FakeExchange } from './exchange.ts';

export interface BinanceClientOverrides {
  /** ccxt's own limiter; on by default, as Ballast runs it */
  enableRateLimit?: boolean;
  /** ms; ccxt's default is 10 s, tests use short ones */
  timeout?: number;
  apiKey?: string;
  secret?: string;
  /** extra ccxt options merged over the defaults below */
  options?: Record<string, unknown>;
  /**
   * ccxt picks Binance's spot error table by the URL's host (`https://api.binance.com/...`), which
   * a local URL never matches, so a few spot-only codes would map to other classes than in
   * production. Copying the spot table over the common one reproduces production's mapping.
   * Default true.
   */
  productionErrorMapping?: boolean;
}

interface ErrorTables {
  exact?: Record<string, unknown>;
  broad?: Record<string, unknown>;
}

/** The options that make an unmodified ccxt.binance talk to the fake exchange, spot only. */
export const FAKE_EXCHANGE_CCXT_OPTIONS = {
  defaultType: 'spot',
  fetchCurrencies: false,
  fetchMarkets: { types: ['spot'] },
  fetchMargins: false,
} as const;

/** Every Binance host in `urls.api` is replaced by the fake's URL, so nothing can leave 127.0.0.1. */
export function fakeExchangeApiUrls(baseUrl: string, binanceApiUrls: Readonly<Record<string, unknown>>): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [name, value] of Object.entries(binanceApiUrls)) {
    if (typeof value === 'string') urls[name] = value.replace(/^https:\/\/[a-z0-9.-]+\.binance\.com/, baseUrl);
  }
  return urls;
}

export function binanceClientFor(fake: Pick<FakeExchange, 'url' | 'credentials'>, overrides: BinanceClientOverrides = {}): InstanceType<typeof ccxt.binance> {
  const client = new ccxt.binance({
    apiKey: overrides.apiKey ?? fake.credentials.apiKey,
    secret: overrides.secret ?? fake.credentials.secret,
    enableRateLimit: overrides.enableRateLimit ?? true,
    timeout: overrides.timeout ?? 10_000,
    options: { ...FAKE_EXCHANGE_CCXT_OPTIONS, ...overrides.options },
  });
  client.urls.api = fakeExchangeApiUrls(fake.url, client.urls.api);
  if (overrides.productionErrorMapping ?? true) {
    const exceptions = client.exceptions as ErrorTables & { spot?: ErrorTables };
    client.exceptions = {
      ...exceptions,
      exact: { ...exceptions.exact, ...exceptions.spot?.exact },
      broad: { ...exceptions.broad, ...exceptions.spot?.broad },
    };
  }
  return client;
}
