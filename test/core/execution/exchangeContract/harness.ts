import { readFileSync } from 'node:fs';
import type { ExchangePort } from '../../../../core/execution/index.ts';
import { PRECISION_MODE, importCandlesFromCsvFile, marketInfoFromCcxt, type Candle, type MarketInfo } from '../../../../core/market/index.ts';
import { BTC_USDT_1H_CSV, ETH_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';

/**
 * What the contract suite needs from an adapter under test: the port itself, and a way to move
 * the market (the fake exchange's clock, or the paper replay's), so resting orders can fill.
 */
export interface ExchangeHarness {
  readonly port: ExchangePort;
  /** Moves market time forward; resting orders meet every price in between. */
  readonly advanceMarket: (durationMs: number) => Promise<void>;
  readonly close: () => Promise<void>;
}

export interface HarnessOptions {
  /** Market time at the start, on a bar open (ISO, UTC). */
  readonly startAt: string;
  readonly balances: Readonly<Record<string, number>>;
  /** Share of a bar's volume resting orders may fill; both adapters read it the same way. */
  readonly volumeShare?: number;
}

export type MakeHarness = (options: HarnessOptions) => Promise<ExchangeHarness>;

export const HOUR_MS = 3_600_000;

/** The real Binance rules of BTC/USDT and ETH/USDT (ccxt's static market fixture). */
export function referenceMarkets(): MarketInfo[] {
  const raw = JSON.parse(readFileSync(sharedDataPath('markets/ccxt_static_markets_binance_BTCUSDT_ETHUSDT_excerpt.json'), 'utf8')) as Record<string, unknown>;
  return ['BTC/USDT', 'ETH/USDT'].map((symbol) => {
    const mapped = marketInfoFromCcxt(raw[symbol], 'binance', PRECISION_MODE.decimalPlaces);
    if (!mapped.ok) throw new Error(`reference market ${symbol} refused: ${mapped.reason}`);
    return mapped.market;
  });
}

let candles: Promise<Record<string, Candle[]>> | undefined;

/** The real 1h BTC/USDT and ETH/USDT bars, read once per test process. */
export function referenceCandles(): Promise<Record<string, Candle[]>> {
  candles ??= (async () => {
    const read = async (file: string): Promise<Candle[]> => {
      const imported = await importCandlesFromCsvFile(sharedDataPath(file));
      if (!imported.ok) throw new Error(`cannot read ${file}: ${imported.error.message}`);
      return imported.value.candles;
    };
    return { 'BTC/USDT': await read(BTC_USDT_1H_CSV), 'ETH/USDT': await read(ETH_USDT_1H_CSV) };
  })();
  return candles;
}

export async function referenceCandleAt(symbol: string, iso: string): Promise<Candle> {
  const atMs = Date.parse(iso);
  const candle = (await referenceCandles())[symbol]?.find((bar) => bar.openTimeMs === atMs);
  if (candle === undefined) throw new Error(`no ${symbol} bar opens at ${iso}`);
  return candle;
}
