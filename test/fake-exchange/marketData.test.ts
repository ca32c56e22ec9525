import { readFileSync } from 'node:fs';
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../support/sharedData.ts';
import { HOUR_MS, referenceBtcCandles, referenceCandleAt } from './referenceCandles.ts';
import { exchangeForTest, rejectionOf } from './testExchange.ts';

const CRASH_HOUR = '2020-03-12T10:00:00Z';

describe('market data through ccxt', () => {
  it('loads BTC/USDT and ETH/USDT with the real filters from the shared market data', async () => {
    const { client } = await exchangeForTest();
    const markets = await client.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    const shared = JSON.parse(readFileSync(sharedDataPath('markets/ccxt_static_markets_binance_BTCUSDT_ETHUSDT_excerpt.json'), 'utf8')) as Record<
      string,
      { precision: object; limits: { amount: object; price: object; cost: object } }
    >;
    for (const symbol of ['BTC/USDT', 'ETH/USDT']) {
      const market = markets[symbol]!;
      const expected = shared[symbol]!;
      expect(market.spot).toBe(true);
      expect(market.limits.amount).toEqual(expected.limits.amount);
      expect(market.limits.price).toEqual(expected.limits.price);
      expect(market.limits.cost).toEqual(expected.limits.cost);
    }
    expect(markets['BTC/USDT']!.precision.amount).toBe(0.00001);
    expect(markets['ETH/USDT']!.precision.amount).toBe(0.0001);
  });

  it('reports the server time in milliseconds', async () => {
    const { client } = await exchangeForTest();
    const before = Date.now();
    const serverTime = await client.fetchTime();
    expect(serverTime).toBeGreaterThanOrEqual(before - 5);
    expect(serverTime).toBeLessThanOrEqual(Date.now() + 5);
  });

  it('serves the candles of the file exactly, including its real gaps', async () => {
    const { client } = await exchangeForTest();
    const since = Date.parse('2017-09-22T16:00:00Z');
    const candles = await client.fetchOHLCV('BTC/USDT', '1h', since, 6);
    const expected = referenceBtcCandles().filter((row) => row.openTimeMs >= since).slice(0, 6);
    expect(candles).toEqual(expected.map((row) => [row.openTimeMs, row.open, row.high, row.low, row.close, row.volume]));
    // 19:00 is followed by 00:00 the next day: four hours the exchange never produced.
    expect(candles[4]![0]! - candles[3]![0]!).toBe(5 * HOUR_MS);
  });

  it('never serves a candle from after the market clock, and cuts the current one at now', async () => {
    const { fake, client } = await exchangeForTest({ startAt: Date.parse(CRASH_HOUR) + 30 * 60_000 });
    const candles = await client.fetchOHLCV('BTC/USDT', '1h', undefined, 3);
    const crash = referenceCandleAt(CRASH_HOUR);
    expect(candles.map((candle) => candle[0])).toEqual([crash.openTimeMs - 2 * HOUR_MS, crash.openTimeMs - HOUR_MS, crash.openTimeMs]);
    const current = candles[2]!;
    expect(current[1]).toBe(crash.open);
    expect(current[5]).toBeCloseTo(crash.volume / 2, 6);
    expect(current[4]).toBeCloseTo(fake.inspect.priceOf('BTCUSDT')!, 2);
    expect(current[4]).not.toBe(crash.close);

    fake.clock.advance(30 * 60_000);
    const afterClose = await client.fetchOHLCV('BTC/USDT', '1h', crash.openTimeMs, 5);
    const next = referenceCandleAt('2020-03-12T11:00:00Z');
    expect(afterClose).toEqual([
      [crash.openTimeMs, crash.open, crash.high, crash.low, crash.close, crash.volume],
      // the next candle has just opened: one price, no volume yet
      [next.openTimeMs, next.open, next.open, next.open, next.open, 0],
    ]);
  });

  it('pages through the whole 33,411-bar history without holes or repeats', async () => {
    const { client } = await exchangeForTest({}, { enableRateLimit: false });
    const reference = referenceBtcCandles();
    const seen: number[] = [];
    let since = reference[0]!.openTimeMs;
    for (;;) {
      const page = await client.fetchOHLCV('BTC/USDT', '1h', since, 1000);
      if (page.length === 0) break;
      for (const candle of page) seen.push(candle[0]!);
      since = page.at(-1)![0]! + 1;
    }
    expect(seen).toHaveLength(33_411);
    expect(seen).toEqual(reference.map((row) => row.openTimeMs));
  });

  it('answers a request with only an end time with the candles just before it', async () => {
    const { client } = await exchangeForTest();
    const until = referenceCandleAt(CRASH_HOUR).openTimeMs;
    const candles = await client.fetchOHLCV('BTC/USDT', '1h', undefined, 2, { until });
    expect(candles.map((candle) => candle[0])).toEqual([until - HOUR_MS, until]);
  });

  it('caps a page at Binance’s maximum of 1000 candles', async () => {
    const { client } = await exchangeForTest();
    const rows = (await client.publicGetKlines({ symbol: 'BTCUSDT', interval: '1h', startTime: referenceBtcCandles()[0]!.openTimeMs, limit: 5000 })) as unknown[];
    expect(rows).toHaveLength(1000);
  });

  it('aggregates coarser intervals from the hourly file', async () => {
    const { client } = await exchangeForTest();
    const since = Date.parse('2020-03-12T08:00:00Z');
    const [bar] = await client.fetchOHLCV('BTC/USDT', '4h', since, 1);
    const hours = referenceBtcCandles().filter((row) => row.openTimeMs >= since && row.openTimeMs < since + 4 * HOUR_MS);
    expect(hours).toHaveLength(4);
    expect(bar).toEqual([
      since,
      hours[0]!.open,
      Math.max(...hours.map((row) => row.high)),
      Math.min(...hours.map((row) => row.low)),
      hours[3]!.close,
      expect.closeTo(hours.reduce((sum, row) => sum + row.volume, 0), 6),
    ]);
  });

  it('refuses an interval finer than the replayed data instead of inventing candles', async () => {
    const { client } = await exchangeForTest();
    const error = await rejectionOf(client.fetchOHLCV('BTC/USDT', '1m', undefined, 5));
    expect(error).toBeInstanceOf(ccxt.BadRequest);
    expect(error.message).toContain('-1120');
  });

  it('answers an unknown symbol with Binance’s -1121, which ccxt reports as BadSymbol', async () => {
    const { client } = await exchangeForTest();
    const error = await rejectionOf(client.publicGetKlines({ symbol: 'XRPUSDT', interval: '1h' }));
    expect(error).toBeInstanceOf(ccxt.BadSymbol);
  });

  it('builds the order book around the replayed price with the configured spread and depth', async () => {
    const { fake, client } = await exchangeForTest({
      startAt: CRASH_HOUR,
      book: { spreadBps: 10, levelStepBps: 2, levels: 20, depthPerLevelQuote: 50_000 },
    });
    const book = await client.fetchOrderBook('BTC/USDT', 10);
    const mid = fake.inspect.priceOf('BTCUSDT')!;
    expect(mid).toBe(referenceCandleAt(CRASH_HOUR).open);
    expect(book.bids).toHaveLength(10);
    expect(book.asks).toHaveLength(10);
    const bestBid = book.bids[0]![0]!;
    const bestAsk = book.asks[0]![0]!;
    expect(bestBid).toBeLessThan(mid);
    expect(bestAsk).toBeGreaterThan(mid);
    expect(((bestAsk - bestBid) / mid) * 10_000).toBeCloseTo(10, 0);
    expect(book.bids[0]![1]! * bestBid).toBeCloseTo(50_000, -1);
    expect(book.asks[1]![0]! - bestAsk).toBeCloseTo((mid * 2) / 10_000, 1);
    expect(book.bids.map((level) => level[0])).toEqual([...book.bids.map((level) => level[0])].sort((a, b) => b! - a!));
  });

  it('computes the 24h ticker over the replayed candles', async () => {
    const { client } = await exchangeForTest({ startAt: CRASH_HOUR });
    const ticker = await client.fetchTicker('BTC/USDT');
    const nowMs = Date.parse(CRASH_HOUR);
    const day = referenceBtcCandles().filter((row) => row.openTimeMs >= nowMs - 24 * HOUR_MS && row.openTimeMs < nowMs);
    expect(day).toHaveLength(24);
    expect(ticker.last).toBe(referenceCandleAt(CRASH_HOUR).open);
    expect(ticker.open).toBe(day[0]!.open);
    expect(ticker.high).toBe(Math.max(...day.map((row) => row.high)));
    expect(ticker.low).toBe(Math.min(...day.map((row) => row.low)));
    expect(ticker.baseVolume).toBeCloseTo(day.reduce((sum, row) => sum + row.volume, 0), 4);
    expect(ticker.bid!).toBeLessThan(ticker.ask!);
  });
});
