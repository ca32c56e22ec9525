/** Exchanges Ballast knows: it reads their keys' permissions and their public prices. */
export const EXCHANGE_IDS = ['binance', 'kraken', 'okx', 'bybit', 'kucoin', 'coinbase', 'bitget'] as const;
export type ExchangeId = (typeof EXCHANGE_IDS)[number];

export const isExchangeId = (value: unknown): value is ExchangeId =>
  typeof value === 'string' && (EXCHANGE_IDS as readonly string[]).includes(value);

/** Each exchange's own name for the product Ballast talks to (proper nouns: the same in every language). */
export const EXCHANGE_NAMES: Readonly<Record<ExchangeId, string>> = {
  binance: 'Binance',
  kraken: 'Kraken',
  okx: 'OKX',
  bybit: 'Bybit',
  kucoin: 'KuCoin',
  coinbase: 'Coinbase Advanced',
  bitget: 'Bitget',
};

/** Exchanges whose API keys come with a third part, a passphrase chosen when the key is made. */
export const EXCHANGES_WITH_PASSPHRASE: ReadonlySet<ExchangeId> = new Set(['okx', 'kucoin', 'bitget']);
