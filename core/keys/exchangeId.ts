import { z } from 'zod';

/** Exchanges whose key permissions Ballast can read from the exchange itself. */
export const EXCHANGE_IDS = ['binance', 'kraken', 'okx', 'bybit', 'kucoin', 'coinbase', 'bitget'] as const;
export const exchangeIdSchema = z.enum(EXCHANGE_IDS);
export type ExchangeId = z.infer<typeof exchangeIdSchema>;

export const EXCHANGE_NAMES: Readonly<Record<ExchangeId, string>> = {
  binance: 'Binance',
  kraken: 'Kraken',
  okx: 'OKX',
  bybit: 'Bybit',
  kucoin: 'KuCoin',
  coinbase: 'Coinbase Advanced',
  bitget: 'Bitget',
};

/** Paper trading needs no key; testnet keys and live keys are kept apart. */
export const KEY_ENVIRONMENTS = ['testnet', 'live'] as const;
export const keyEnvironmentSchema = z.enum(KEY_ENVIRONMENTS);
export type KeyEnvironment = z.infer<typeof keyEnvironmentSchema>;
