import { candleSeriesFromCandles, importCandlesFromCsvFile, validateCandleSeries } from '../../core/market/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../support/sharedData.ts';
import { measureRounds, progress } from './stats.ts';

const PASSES_PER_ROUND = 30;

/** Candle validation on the real 33,411-bar BTC/USDT 1h file, in its columnar form, repeated. */
export async function benchCandleValidation(): Promise<Record<string, number>> {
  progress('candle validation (BTC/USDT 1h)');
  const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
  if (!imported.ok) throw new Error(`cannot import the reference file: ${imported.error.message}`);
  const series = candleSeriesFromCandles(imported.value.candles);
  let issuesSeen = 0;
  const [candlesPerSecond] = await measureRounds(() => {
    const rates: number[] = [];
    for (let pass = 0; pass < PASSES_PER_ROUND; pass += 1) {
      const start = process.hrtime.bigint();
      issuesSeen += validateCandleSeries(series, '1h').length;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      rates.push(series.length / seconds);
    }
    return rates;
  }, [50]);
  // The validator must have found the file's known problems, or the figure measures nothing.
  if (issuesSeen === 0) throw new Error('validation found no issues in a file known to have gaps');
  return { candles_validated_per_s: Math.round(candlesPerSecond ?? Number.NaN) };
}
