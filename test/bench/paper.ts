import { openJournal } from '../../core/journal/index.ts';
import { PRECISION_MODE, importCandlesFromCsvFile, marketInfoFromCcxt, type Candle, type MarketInfo } from '../../core/market/index.ts';
import { createPaperExchange, type PaperExchange } from '../../core/paper/index.ts';
import { readFileSync } from 'node:fs';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../support/sharedData.ts';
import { measureRounds, progress } from './stats.ts';

const ORDERS_PER_ROUND = 2000;
const HOUR_MS = 3_600_000;
const START = Date.parse('2020-03-12T10:00:00Z');

function btcMarket(): MarketInfo {
  const raw = JSON.parse(readFileSync(sharedDataPath('markets/ccxt_static_markets_binance_BTCUSDT_ETHUSDT_excerpt.json'), 'utf8')) as Record<string, unknown>;
  const mapped = marketInfoFromCcxt(raw['BTC/USDT'], 'binance', PRECISION_MODE.decimalPlaces);
  if (!mapped.ok) throw new Error(`reference market refused: ${mapped.reason}`);
  return mapped.market;
}

/**
 * One round: a fresh in-memory paper account (no latency) on the real BTC/USDT 1h bars takes
 * alternating market buys and sells, each filled at once; every tenth order also places a limit
 * buy 0.2 % under the price and moves the clock an hour, so resting orders meet the next bar.
 * Counted: fills per second of wall time, SQLite persistence included.
 */
async function roundFillsPerSecond(candles: readonly Candle[], market: MarketInfo): Promise<number> {
  const journal = openJournal(':memory:');
  try {
    const created = createPaperExchange({
      journal,
      markets: [market],
      initialBalances: { USDT: 10_000_000, BTC: 1000 },
      feed: { kind: 'replay', timeframe: '1h', startAtMs: START, candles: { 'BTC/USDT': candles } },
    });
    if (!created.ok) throw new Error(`paper exchange refused to start: ${created.error.detail}`);
    const port: PaperExchange = created.value;
    const closeByOpenMs = new Map(candles.map((candle) => [candle.openTimeMs, candle.close]));
    const startedNs = process.hrtime.bigint();
    for (let index = 0; index < ORDERS_PER_ROUND; index += 1) {
      const side = index % 2 === 0 ? 'buy' : 'sell';
      const placed = await port.createOrder({ clientOrderId: `bench-${index}`, symbol: 'BTC/USDT', side, type: 'market', amountBase: 0.01 });
      if (placed.kind !== 'ok') throw new Error(`bench order ${index} refused: ${JSON.stringify(placed)}`);
      if (index % 10 === 0) {
        // 0.2 % under the last close: the next bar usually trades through it.
        const lastClose = closeByOpenMs.get(port.nowMs() - HOUR_MS) ?? 1000;
        const limitPriceQuote = Math.floor(lastClose * 0.998 * 100) / 100;
        const resting = await port.createOrder({ clientOrderId: `bench-limit-${index}`, symbol: 'BTC/USDT', side: 'buy', type: 'limit', amountBase: 0.01, limitPriceQuote });
        if (resting.kind !== 'ok') throw new Error(`bench limit ${index} refused: ${JSON.stringify(resting)}`);
        const moved = port.advanceTo(port.nowMs() + HOUR_MS);
        if (moved.kind !== 'ok') throw new Error(`bench clock refused: ${JSON.stringify(moved)}`);
      }
    }
    const seconds = Number(process.hrtime.bigint() - startedNs) / 1e9;
    const trades = await port.fetchMyTrades('BTC/USDT');
    if (trades.kind !== 'ok' || trades.value.length < ORDERS_PER_ROUND) throw new Error('the bench filled fewer orders than it placed');
    return trades.value.length / seconds;
  } finally {
    journal.close();
  }
}

/** `paper_fills_per_s`: median over rounds (after a warm-up) of PaperExchange fills per second, in process, no latency. */
export async function benchPaperFills(): Promise<Record<string, number>> {
  progress('paper exchange fills (BTC/USDT 1h replay)');
  const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
  if (!imported.ok) throw new Error(`cannot import the reference file: ${imported.error.message}`);
  const candles = imported.value.candles;
  const market = btcMarket();
  const [fillsPerSecond] = await measureRounds(async () => [await roundFillsPerSecond(candles, market)], [50]);
  return { paper_fills_per_s: Math.round(fillsPerSecond ?? Number.NaN) };
}
