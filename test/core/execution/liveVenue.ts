import { approvedForTest } from '../../support/approvedOrder.ts';
import { OrderManager, type ExecutionClock, type LiveExecution, type LiveProtectionOptions } from '../../../core/execution/index.ts';
import type { Journal } from '../../../core/journal/index.ts';
import type { SizedOrder, SizedOrderFields } from '../../../core/risk/index.ts';
import { startFakeExchange, type FakeExchange, type FakeExchangeOptions } from '../../fake-exchange/index.ts';
import { ccxtPortFor } from './chaosSupport.ts';
import { openTestJournal, tempJournalPath } from './executionFixtures.ts';

export const BTC = 'BTC/USDT';
const IDS: Readonly<Record<string, string>> = { 'BTC/USDT': 'BTCUSDT', 'ETH/USDT': 'ETHUSDT' };

export function idOf(symbol: string): string {
  const id = IDS[symbol];
  if (id === undefined) throw new Error(`no fake exchange id for ${symbol}`);
  return id;
}

export interface LiveVenue {
  readonly fake: FakeExchange;
  readonly path: string;
  journal: Journal;
  manager: OrderManager;
  live: LiveExecution;
  /** The price the bot sees for a market (the replayed price unless a test overrides it). */
  markPriceQuote(symbol: string): number | undefined;
  setMark(override: ((symbol: string, replayed: number | undefined) => number | undefined) | null): void;
  /** The process is killed and started again: a new OrderManager and live layer on the same journal file. */
  restart(): void;
  close(): Promise<void>;
}

export interface LiveVenueOptions {
  readonly fake?: FakeExchangeOptions;
  readonly priceBandBps?: number;
  readonly timeoutMs?: number;
  readonly clock?: ExecutionClock;
  readonly hooks?: ConstructorParameters<typeof OrderManager>[0]['hooks'];
  readonly readRetryAttempts?: number;
}

/**
 * The live execution layer as production builds it: OrderManager and its live duties over the
 * CcxtExchange adapter (unmodified ccxt.binance, rate limiter on), talking HTTP to the fake Binance,
 * journal in a temporary folder.
 */
export async function startLiveVenue(options: LiveVenueOptions = {}): Promise<LiveVenue> {
  const fake = await startFakeExchange({ startAt: '2020-03-12T09:00:00Z', ...options.fake });
  const port = ccxtPortFor(fake, { timeoutMs: options.timeoutMs ?? 1_000, rateLimitMs: 1 });
  const path = tempJournalPath();
  let override: ((symbol: string, replayed: number | undefined) => number | undefined) | null = null;
  const markPriceQuote = (symbol: string): number | undefined => {
    const replayed = fake.inspect.priceOf(idOf(symbol));
    return override === null ? replayed : override(symbol, replayed);
  };
  const protection: LiveProtectionOptions = { priceBandBps: options.priceBandBps ?? 100, markPriceQuote, symbols: [BTC] };
  const build = (journal: Journal): { manager: OrderManager; live: LiveExecution } => {
    const manager = new OrderManager({
      exchange: port,
      journal,
      readRetry: { attempts: options.readRetryAttempts ?? 5, baseDelayMs: 10, maxDelayMs: 100 },
      requeryDelayMs: 20,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
    });
    return { manager, live: manager.live(protection) };
  };
  const first = openTestJournal(path);
  const venue: LiveVenue = {
    fake,
    path,
    journal: first,
    ...build(first),
    markPriceQuote,
    setMark: (next) => {
      override = next;
    },
    restart: () => {
      venue.journal.close();
      venue.journal = openTestJournal(path);
      Object.assign(venue, build(venue.journal));
    },
    close: () => fake.close(),
  };
  return venue;
}

let intents = 0;

/** A marketable limit buy (fills at once against the book) with its protective stop price. */
export function entryOrder(venue: LiveVenue, amountBase: number, stopBelowFraction: number, overrides: Partial<SizedOrderFields> = {}): { order: SizedOrder; stopPriceQuote: number } {
  intents += 1;
  const price = venue.markPriceQuote(overrides.symbol ?? BTC) ?? Number.NaN;
  const stopPriceQuote = Math.round(price * (1 - stopBelowFraction) * 100) / 100;
  return {
    order: approvedForTest({
      intentId: `live-test:entry:${intents}`,
      origin: 'strategy',
      purpose: 'entry',
      symbol: BTC,
      side: 'buy',
      type: 'limit',
      amountBase,
      limitPriceQuote: Math.round(price * 1.002 * 100) / 100,
      stopPriceQuote,
      reduceOnly: false,
      atMs: 0,
      ...overrides,
    }),
    stopPriceQuote,
  };
}

/** A marketable limit sell of `amountBase` (an exit the risk layer approved). */
export function exitOrder(venue: LiveVenue, amountBase: number, overrides: Partial<SizedOrderFields> = {}): SizedOrder {
  intents += 1;
  const price = venue.markPriceQuote(overrides.symbol ?? BTC) ?? Number.NaN;
  return approvedForTest({
    intentId: `live-test:exit:${intents}`,
    origin: 'strategy',
    purpose: 'exit',
    symbol: BTC,
    side: 'sell',
    type: 'limit',
    amountBase,
    limitPriceQuote: Math.round(price * 0.998 * 100) / 100,
    reduceOnly: true,
    atMs: 0,
    ...overrides,
  });
}

/** Open orders of the exchange's own book for a market, as the exchange keeps them. */
export function openOnExchange(venue: LiveVenue, symbol = BTC): { clientOrderId: string; type: string; side: string; amountBase: number; filledBase: number; stopPriceQuote: number }[] {
  return venue.fake.inspect.openOrders(idOf(symbol)).map((order) => ({
    clientOrderId: order.clientOrderId,
    type: order.type,
    side: order.side,
    amountBase: order.origAmountBase,
    filledBase: order.executedAmountBase,
    stopPriceQuote: order.stopPriceQuote,
  }));
}
