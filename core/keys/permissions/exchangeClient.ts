import ccxt, { type Exchange } from 'ccxt';
import type { ExchangeId, KeyEnvironment } from '../exchangeId.ts';
import { EXCHANGE_NAMES } from '../exchangeId.ts';
import { KeysError } from '../keysError.ts';
import { revealSecret, type Secret } from '../secret.ts';

export interface ExchangeCredentials {
  readonly apiKey: Secret;
  readonly secret: Secret;
  /** OKX, KuCoin and Bitget keys come with a passphrase chosen when the key was created. */
  readonly passphrase?: Secret;
}

export interface ExchangeClientOptions {
  readonly environment: KeyEnvironment;
  /** ccxt's per-request timeout. */
  readonly timeoutMs?: number;
  /**
   * Sends every request to this origin instead of the exchange (the local fake exchange and
   * test fixtures). Each urls.api entry keeps its path: 'https://api.binance.com/sapi/v1'
   * becomes '<origin>/sapi/v1'.
   */
  readonly apiBaseUrl?: string;
}

const CLIENT_CLASSES: Readonly<Record<ExchangeId, new (config: Record<string, unknown>) => Exchange>> = {
  binance: ccxt.binance,
  kraken: ccxt.kraken,
  okx: ccxt.okx,
  bybit: ccxt.bybit,
  kucoin: ccxt.kucoin,
  coinbase: ccxt.coinbase,
  bitget: ccxt.bitget,
};

function hasUrls(tree: unknown): boolean {
  if (typeof tree === 'string') return /^https?:\/\//.test(tree);
  return tree !== null && typeof tree === 'object' && Object.values(tree).some(hasUrls);
}

function rebase(tree: unknown, origin: string): unknown {
  if (typeof tree === 'string') return tree.replace(/^https?:\/\/[^/]+/, origin);
  if (tree !== null && typeof tree === 'object') {
    return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, rebase(value, origin)]));
  }
  return tree;
}

/**
 * A ccxt client for one stored key. The secret leaves its `Secret` wrapper only here, because
 * ccxt needs the raw strings to sign requests; the client must stay inside the main process.
 */
export function createExchangeClient(
  exchange: ExchangeId,
  credentials: ExchangeCredentials,
  options: ExchangeClientOptions,
): Exchange {
  const config: Record<string, unknown> = {
    apiKey: revealSecret(credentials.apiKey),
    secret: revealSecret(credentials.secret),
    enableRateLimit: true,
    timeout: options.timeoutMs ?? 10_000,
  };
  if (credentials.passphrase) config['password'] = revealSecret(credentials.passphrase);
  const client = new CLIENT_CLASSES[exchange](config);
  if (options.environment === 'testnet') {
    // Some ccxt exchanges declare `urls.test` but leave it empty; switching to it would send
    // requests nowhere sensible, so an empty test map counts as "no testnet".
    const noTestnet = (): KeysError =>
      new KeysError('NO_TESTNET', `${EXCHANGE_NAMES[exchange]} has no test network that Ballast can use. Use paper trading instead.`);
    if (!hasUrls(client.urls['test'])) throw noTestnet();
    try {
      client.setSandboxMode(true);
    } catch {
      throw noTestnet();
    }
  }
  if (options.apiBaseUrl !== undefined) {
    const origin = options.apiBaseUrl.replace(/\/+$/, '');
    client.urls['api'] = rebase(client.urls['api'], origin) as typeof client.urls['api'];
  }
  return client;
}
