import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backfillCandles,
  CandleCache,
  candleSeriesFromCandles,
  createCcxtMarketData,
  importCandlesFromCsvFile,
  validateCandleSeries,
} from '../../core/market/index.ts';
import { binanceClientFor, startFakeExchange } from '../fake-exchange/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../support/sharedData.ts';
import { measureRounds, median, progress } from './stats.ts';

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

/**
 * Backfill of the whole BTC/USDT 1h file from the fake exchange, through ccxt (limiter on, with
 * ccxt's default pacing) into a fresh SQLite cache.
 */
export async function benchBackfill(): Promise<Record<string, number>> {
  progress('backfill through ccxt from the fake exchange');
  const fake = await startFakeExchange();
  const rates: number[] = [];
  try {
    for (let round = 0; round < 3; round += 1) {
      const client = binanceClientFor(fake, { timeout: 10_000 });
      const created = createCcxtMarketData({ exchangeId: 'binance', exchange: client, nowMs: () => fake.clock.nowMs() });
      if (!created.ok) throw new Error(created.error.detail);
      const dir = mkdtempSync(join(tmpdir(), 'ballast-bench-backfill-'));
      const cache = CandleCache.open(join(dir, 'candles.sqlite'));
      const start = process.hrtime.bigint();
      const result = await backfillCandles({ port: created.value, cache, symbol: 'BTC/USDT', timeframe: '1h', fromMs: Date.UTC(2017, 7, 17), toMs: Date.UTC(2021, 5, 10), pageLimit: 1000 });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (!result.ok) throw new Error(`backfill failed: ${result.error.message}`);
      const stored = cache.countCandles({ exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' }, 0, Number.MAX_SAFE_INTEGER);
      cache.close();
      rmSync(dir, { recursive: true, force: true });
      if (stored < 33_000) throw new Error(`backfill stored only ${stored} bars`);
      rates.push(stored / seconds);
    }
  } finally {
    await fake.close();
  }
  return { backfill_candles_per_s: Math.round(median(rates)) };
}
