import { importCandlesFromCsvFile, type Candle } from '../../../../core/market/index.ts';
import { sharedDataPath } from '../../../support/sharedData.ts';

const loaded = new Map<string, Promise<Candle[]>>();

/** Candles of a reference file in ../shared/data, read once per test file. */
export function realCandles(file: string): Promise<Candle[]> {
  let candles = loaded.get(file);
  if (candles === undefined) {
    candles = importCandlesFromCsvFile(sharedDataPath(file)).then((result) => {
      if (!result.ok) throw new Error(`reference data ${file} did not import: ${result.error.message}`);
      return result.value.candles;
    });
    loaded.set(file, candles);
  }
  return candles;
}

export const BTC_USDT_1D_CSV = 'ohlcv/binance_BTCUSDT_1d_2017-08-17_2021-06-10.csv';

/** Index of the bar opening at `isoUtc` ('2020-03-12T10:00:00Z'); throws if the file has none. */
export function barIndex(candles: readonly Candle[], isoUtc: string): number {
  const atMs = Date.parse(isoUtc);
  const index = candles.findIndex((candle) => candle.openTimeMs === atMs);
  if (index < 0) throw new Error(`no bar opens at ${isoUtc}`);
  return index;
}
