import { importCandlesFromCsvFile, type Candle } from '../../../../../core/market/index.ts';
import { mulberry32 } from '../../../../../core/signals/model/boostedTrees.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../../../support/sharedData.ts';

export const PROPERTY_SEED = Number(process.env.BALLAST_PROPERTY_SEED ?? 20_261_125);
export const PROPERTY_RUNS = Number(process.env.BALLAST_PROPERTY_RUNS ?? 200);

let btcCache: Candle[] | null = null;

/** The real 33,411-bar Binance BTC/USDT 1h history (read once per test file). */
export async function btcHourly(): Promise<Candle[]> {
  if (btcCache) return btcCache;
  const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
  if (!imported.ok) throw new Error(imported.error.message);
  btcCache = imported.value.candles;
  return btcCache;
}

export const HOUR_MS = 3_600_000;

/**
 * A seeded random walk of hourly candles with no edge at all: log returns are independent
 * normal draws, so no feature can say anything about the next bars.
 */
export function randomWalkCandles(bars: number, seed: number, startMs = Date.UTC(2021, 0, 1)): Candle[] {
  const random = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const candles: Candle[] = [];
  let close = 100;
  for (let i = 0; i < bars; i++) {
    const open = close;
    close = open * Math.exp(0.01 * normal());
    const high = Math.max(open, close) * (1 + 0.003 * random());
    const low = Math.min(open, close) * (1 - 0.003 * random());
    candles.push({ openTimeMs: startMs + i * HOUR_MS, open, high, low, close, volumeBase: 10 + 5 * random() });
  }
  return candles;
}

export function barAt(openTimeMs: number, open: number, high: number, low: number, close: number, volumeBase = 1): Candle {
  return { openTimeMs, open, high, low, close, volumeBase };
}
