import type { KeyExchange } from '#core/contract/index.ts';

/** The fields an exchange's key comes with, by their names on that exchange. */
export interface KeyFields {
  readonly apiKey: string;
  readonly secret: string;
  /** OKX, KuCoin and Bitget keys have a passphrase chosen when the key was created. */
  readonly passphrase?: string;
}

export interface ExchangeGuide {
  readonly id: KeyExchange;
  /**
   * The exchange's own help page. It opens in the system browser: the main process lets only
   * https pages on its list of documentation hosts out of the app (electron/main/security.ts).
   */
  readonly helpUrl: string;
  /** i18n keys under keys.wizard.fields. */
  readonly fields: KeyFields;
  /** i18n keys of the steps, in order. */
  readonly steps: readonly string[];
}

const STEPS = (id: KeyExchange): string[] => ['s1', 's2', 's3', 's4', 's5'].map((step) => `keys.guides.${id}.${step}`);

export const EXCHANGE_GUIDES: readonly ExchangeGuide[] = [
  {
    id: 'binance',
    helpUrl: 'https://www.binance.com/en/support/faq/how-to-create-api-keys-on-binance-360002502072',
    fields: { apiKey: 'apiKey', secret: 'secret' },
    steps: STEPS('binance'),
  },
  {
    id: 'kraken',
    helpUrl: 'https://support.kraken.com/hc/en-us/articles/360000919966-How-to-create-an-API-key',
    fields: { apiKey: 'apiKey', secret: 'krakenSecret' },
    steps: STEPS('kraken'),
  },
  {
    id: 'okx',
    helpUrl: 'https://www.okx.com/help/how-do-i-create-an-api-key',
    fields: { apiKey: 'apiKey', secret: 'secret', passphrase: 'passphrase' },
    steps: STEPS('okx'),
  },
  {
    id: 'bybit',
    helpUrl: 'https://www.bybit.com/en/help-center/article/How-to-create-your-API-key',
    fields: { apiKey: 'apiKey', secret: 'bybitSecret' },
    steps: STEPS('bybit'),
  },
  {
    id: 'kucoin',
    helpUrl: 'https://www.kucoin.com/support/360015102174',
    fields: { apiKey: 'apiKey', secret: 'kucoinSecret', passphrase: 'kucoinPassphrase' },
    steps: STEPS('kucoin'),
  },
  {
    id: 'coinbase',
    helpUrl: 'https://docs.cdp.coinbase.com/advanced-trade/docs/getting-started',
    fields: { apiKey: 'coinbaseApiKey', secret: 'coinbaseSecret' },
    steps: STEPS('coinbase'),
  },
  {
    id: 'bitget',
    helpUrl: 'https://www.bitget.com/support/articles/12560603791226',
    fields: { apiKey: 'apiKey', secret: 'secret', passphrase: 'passphrase' },
    steps: STEPS('bitget'),
  },
];

export function guideFor(id: KeyExchange): ExchangeGuide {
  const guide = EXCHANGE_GUIDES.find((candidate) => candidate.id === id);
  if (!guide) throw new Error(`No key guide for ${id}`);
  return guide;
}
