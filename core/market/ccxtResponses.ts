import type { Result } from '../model/index.ts';
import { z } from 'zod';
import type { Candle } from './candle.ts';
import type { OrderBookSnapshot, TickerSnapshot } from './marketDataPort.ts';

// zod 4's z.number() already refuses NaN and ±Infinity, which is exactly "fail closed" here.
const price = z.number().positive();
const amount = z.number().nonnegative();
const optionalNumber = z.number().nullish().transform((value) => value ?? null);

/** ccxt OHLCV rows: [openTimeMs, open, high, low, close, volumeBase, …]. */
const ohlcvSchema = z.array(z.tuple([z.number().int().nonnegative(), price, price, price, price, amount], z.unknown()));

const levelSchema = z.tuple([price, amount], z.unknown());
const orderBookSchema = z.object({
  bids: z.array(levelSchema),
  asks: z.array(levelSchema),
  timestamp: optionalNumber,
});

const tickerSchema = z.object({
  symbol: z.string(),
  timestamp: optionalNumber,
  bid: optionalNumber,
  ask: optionalNumber,
  last: optionalNumber,
  baseVolume: optionalNumber,
  quoteVolume: optionalNumber,
});

/** A response read against what Ballast expects; the error says what did not fit. */
export type Parsed<T> = Result<T, string>;

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unreadable';
  return `${issue.path.length > 0 ? issue.path.join('.') : 'response'}: ${issue.message}`;
}

export function parseOhlcv(raw: unknown): Parsed<Candle[]> {
  const parsed = ohlcvSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const candles = parsed.data.map(([openTimeMs, open, high, low, close, volumeBase]) => ({ openTimeMs, open, high, low, close, volumeBase }));
  for (let i = 1; i < candles.length; i++) {
    if ((candles[i] as Candle).openTimeMs <= (candles[i - 1] as Candle).openTimeMs) {
      return { ok: false, error: `${i}: bars are not in strictly ascending time order` };
    }
  }
  return { ok: true, value: candles };
}

function isSorted(levels: readonly (readonly [number, number, ...unknown[]])[], descending: boolean): boolean {
  for (let i = 1; i < levels.length; i++) {
    const previous = (levels[i - 1] as readonly [number, number])[0];
    const current = (levels[i] as readonly [number, number])[0];
    if (descending ? current > previous : current < previous) return false;
  }
  return true;
}

export function parseOrderBook(raw: unknown, symbol: string): Parsed<OrderBookSnapshot> {
  const parsed = orderBookSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { bids, asks, timestamp } = parsed.data;
  if (!isSorted(bids, true) || !isSorted(asks, false)) return { ok: false, error: 'order book levels are not sorted best-first' };
  const level = ([priceQuote, amountBase]: readonly [number, number, ...unknown[]]): { priceQuote: number; amountBase: number } => ({ priceQuote, amountBase });
  return { ok: true, value: { symbol, atMs: timestamp, bids: bids.map(level), asks: asks.map(level) } };
}

export function parseTicker(raw: unknown, symbol: string): Parsed<TickerSnapshot> {
  const parsed = tickerSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const ticker = parsed.data;
  if (ticker.symbol !== symbol) return { ok: false, error: `ticker is for ${ticker.symbol}, not ${symbol}` };
  return {
    ok: true,
    value: {
      symbol,
      atMs: ticker.timestamp,
      bidQuote: ticker.bid,
      askQuote: ticker.ask,
      lastQuote: ticker.last,
      baseVolume24h: ticker.baseVolume,
      quoteVolume24h: ticker.quoteVolume,
    },
  };
}

export function parseExchangeTime(raw: unknown): Parsed<number> {
  const parsed = z.number().int().positive().safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: firstIssue(parsed.error) };
}
