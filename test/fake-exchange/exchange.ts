import { BTC_USDT_1H_CSV, ETH_USDT_1H_CSV, sharedDataPath } from '../support/sharedData.ts';
import { FakeAccount, type AccountOptions, type Credentials } from './account.ts';
import { anotherAppOn, type AnotherApp } from './anotherApp.ts';
import { DEFAULT_BOOK_SHAPE, type BookShape } from './book.ts';
import { lastCloseTimeMs, loadCandleCsv } from './candles.ts';
import { MarketClock, type MarketTimeInput } from './clock.ts';
import { loadSharedSymbolInfos, rulesOf, symbolInfoSchema, type SymbolInfo } from './exchangeInfo.ts';
import { FaultPlan, type FaultRule } from './faults.ts';
import { createInspector, type ExchangeInspector } from './inspect.ts';
import { DEFAULT_MATCHING, MatchingEngine, type FeeRates } from './matching.ts';
import { OrderStore } from './orders.ts';
import { ReplayMarkets } from './replayMarkets.ts';
import { RequestLog } from './requestLog.ts';
import { marketDataRoutes } from './routes/marketDataRoutes.ts';
import type { ExchangeState } from './routes/route.ts';
import { tradingRoutes } from './routes/tradingRoutes.ts';
import { walletRoutes } from './routes/walletRoutes.ts';
import { startServer } from './server.ts';
import { DEFAULT_WEIGHT_LIMIT, RequestWeightTracker, type WeightLimitOptions } from './weights.ts';

export interface FakeExchangeOptions {
  /** default 127.0.0.1 */
  host?: string;
  /** default 0 (any free port) */
  port?: number;
  /** raw Binance symbol entries; default BTCUSDT and ETHUSDT from the shared market data */
  markets?: readonly SymbolInfo[];
  /** candle CSV per symbol id; default the real 1h BTC/USDT and ETH/USDT files */
  candleFiles?: Readonly<Record<string, string>>;
  /** market time at start; default the close of the last candle (the whole file is history) */
  startAt?: MarketTimeInput;
  account?: AccountOptions;
  faults?: readonly FaultRule[];
  /** seeds the fault plan's random draws (default 1) */
  seed?: number;
  /** default 6000, Binance's current spot limit */
  weightLimitPerMinute?: number;
  rateLimit?: Partial<Omit<WeightLimitOptions, 'weightLimitPerMinute'>>;
  book?: Partial<BookShape>;
  /** default 0.1% maker and taker */
  fees?: Partial<FeeRates>;
  /** share of a candle's volume a resting order can fill, default 0.1 */
  volumeShare?: number;
  /**
   * Behave like Binance's spot testnet: only `/api/v3` is served. Every `/sapi` endpoint, the key
   * permission endpoint among them, answers 404 as an unknown path.
   */
  testnet?: boolean;
}

export interface FakeExchange {
  url: string;
  credentials: Credentials;
  clock: MarketClock;
  faults: FaultPlan;
  account: FakeAccount;
  inspect: ExchangeInspector;
  /** the same account used from the exchange's website or another bot: orders that are not the client's */
  anotherApp: AnotherApp;
  /** true when started with `testnet: true` (no `/sapi` endpoints) */
  testnet: boolean;
  /**
   * The client's computer sleeps for `durationMs`: its open connections die, and the market moves
   * on meanwhile (market time jumps ahead; resting orders and stops fill along the replayed path).
   */
  sleep: (durationMs: number) => Promise<void>;
  /** The network is lost: every request's connection is reset unprocessed until `reconnect()`. */
  disconnect: () => Promise<void>;
  reconnect: () => void;
  /** lifts a rate-limit ban and clears the weight window */
  resetRateLimits: () => void;
  close: () => Promise<void>;
}

export const DEFAULT_CANDLE_FILES: Readonly<Record<string, string>> = {
  BTCUSDT: BTC_USDT_1H_CSV,
  ETHUSDT: ETH_USDT_1H_CSV,
};

/**
 * Gives the client's side of a dropped connection time to see it closed, so that its next request
 * opens a new one (as after a real wake-up, where the old sockets are long dead).
 */
const connectionsNoticed = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

/** Starts a Binance-spot-speaking exchange on 127.0.0.1 that replays real candles. */
export async function startFakeExchange(options: FakeExchangeOptions = {}): Promise<FakeExchange> {
  const symbolInfos = (options.markets ?? loadSharedSymbolInfos()).map((info) => symbolInfoSchema.parse(info));
  const candleFiles = options.candleFiles ?? Object.fromEntries(Object.entries(DEFAULT_CANDLE_FILES).map(([id, file]) => [id, sharedDataPath(file)]));
  const markets = new ReplayMarkets(
    symbolInfos.map((info) => {
      const file = candleFiles[info.symbol];
      if (file === undefined) throw new Error(`No candle file for ${info.symbol}: pass candleFiles.${info.symbol}`);
      return { rules: rulesOf(info), series: loadCandleCsv(file) };
    }),
    { ...DEFAULT_BOOK_SHAPE, ...options.book },
  );
  const startAt = options.startAt ?? Math.max(...markets.all().map((market) => lastCloseTimeMs(market.series)));
  const clock = new MarketClock(startAt);
  const account = new FakeAccount(options.account ?? {}, Date.now());
  const orders = new OrderStore();
  const engine = new MatchingEngine(
    markets,
    account,
    orders,
    { fees: { ...DEFAULT_MATCHING.fees, ...options.fees }, volumeShare: options.volumeShare ?? DEFAULT_MATCHING.volumeShare },
    clock.nowMs(),
  );
  clock.onChange((nowMs) => { engine.catchUpTo(nowMs); });
  const weights = new RequestWeightTracker({ ...DEFAULT_WEIGHT_LIMIT, ...options.rateLimit, weightLimitPerMinute: options.weightLimitPerMinute ?? DEFAULT_WEIGHT_LIMIT.weightLimitPerMinute });
  const faults = new FaultPlan(options.seed ?? 1, options.faults);
  const log = new RequestLog();
  const state: ExchangeState = { markets, account, orders, engine, clock, weightLimitPerMinute: weights.options.weightLimitPerMinute };
  const testnet = options.testnet ?? false;
  const network = { offline: false };
  const server = await startServer(
    { state, routes: [...marketDataRoutes, ...tradingRoutes, ...(testnet ? [] : walletRoutes)], faults, weights, log, network },
    options.host ?? '127.0.0.1',
    options.port ?? 0,
  );
  return {
    url: server.url,
    /** The key the account accepts now (a rotation changes it). */
    get credentials() { return account.credentials; },
    clock,
    faults,
    account,
    inspect: createInspector({ orders, account, log, markets, engine, clock }),
    anotherApp: anotherAppOn({ engine, orders, clock }),
    testnet,
    sleep: async (durationMs) => {
      server.dropConnections();
      clock.advance(durationMs);
      await connectionsNoticed();
    },
    disconnect: async () => {
      network.offline = true;
      server.dropConnections();
      await connectionsNoticed();
    },
    reconnect: () => {
      network.offline = false;
    },
    resetRateLimits: () => { weights.reset(); },
    close: server.close,
  };
}
