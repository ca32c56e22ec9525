import ccxt, { type Exchange } from 'ccxt';
import type { Logger } from '../log/index.ts';
import type { Timeframe } from './candle.ts';
import { marketErrorFromCcxt } from './ccxtErrors.ts';
import { catalogueFromCcxt, marketInfoFromCcxt } from './ccxtMarkets.ts';
import { parseExchangeTime, parseOhlcv, parseOrderBook, parseTicker, type Parsed } from './ccxtResponses.ts';
import { marketError, marketOk, type MarketDataPort, type MarketResult } from './marketDataPort.ts';

export interface CcxtMarketDataOptions {
  /** ccxt exchange id, e.g. 'binance'. */
  readonly exchangeId: string;
  /** An already-built ccxt instance (tests pass one pointed at the fake exchange). */
  readonly exchange?: Exchange;
  /** Constructor options when Ballast builds the instance itself; public data needs no key. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Local clock; defaults to the system clock. */
  readonly nowMs?: () => number;
  /**
   * Lets a test run with ccxt's rate limiter off. Nothing else may: the limiter is what keeps
   * Ballast from getting its IP banned (HTTP 418) by the exchange.
   */
  readonly unsafeAllowRateLimiterOffInTests?: boolean;
  readonly logger?: Logger;
}

type ExchangeConstructor = new (config: Record<string, unknown>) => Exchange;

function buildExchange(options: CcxtMarketDataOptions): MarketResult<Exchange> {
  if (options.exchange) {
    if (options.exchange.id !== options.exchangeId) {
      return marketError('BAD_REQUEST', 'The exchange connection does not match the chosen exchange.', `expected '${options.exchangeId}', got '${options.exchange.id}'`);
    }
    return marketOk(options.exchange);
  }
  if (!ccxt.exchanges.includes(options.exchangeId)) {
    return marketError('NOT_SUPPORTED', `Ballast does not know an exchange called '${options.exchangeId}'.`, `'${options.exchangeId}' is not a ccxt exchange id`);
  }
  const constructors = ccxt as unknown as Record<string, ExchangeConstructor | undefined>;
  const Constructor = constructors[options.exchangeId];
  if (typeof Constructor !== 'function') {
    return marketError('NOT_SUPPORTED', `Ballast cannot connect to '${options.exchangeId}'.`, `ccxt has no class for '${options.exchangeId}'`);
  }
  return marketOk(new Constructor({ enableRateLimit: true, ...options.config }));
}

function refusal(exchange: Exchange, options: CcxtMarketDataOptions): MarketResult<never> | null {
  if (!exchange.enableRateLimit && options.unsafeAllowRateLimiterOffInTests !== true) {
    return marketError(
      'BAD_REQUEST',
      "Ballast keeps the exchange's request rate limiter on, so the exchange does not block this computer.",
      'enableRateLimit is false; only tests may turn it off (unsafeAllowRateLimiterOffInTests)',
    );
  }
  if (exchange.has.fetchOHLCV !== true) {
    return marketError(
      'NOT_SUPPORTED',
      `${exchange.name ?? exchange.id} does not provide price history (candles), which Ballast needs.`,
      `has.fetchOHLCV is ${String(exchange.has.fetchOHLCV)}`,
    );
  }
  if (exchange.has.spot === false) {
    return marketError('NOT_SUPPORTED', `${exchange.name ?? exchange.id} has no spot markets; Ballast trades spot only.`, 'has.spot is false');
  }
  return null;
}

/**
 * Market data through ccxt. The limiter stays on, markets are loaded before use, every
 * response is parsed with zod (fail closed) and every ccxt error becomes a typed result.
 */
export function createCcxtMarketData(options: CcxtMarketDataOptions): MarketResult<MarketDataPort> {
  const built = buildExchange(options);
  if (!built.ok) return built;
  const exchange = built.value;
  const refused = refusal(exchange, options);
  if (refused) return refused;

  const exchangeId = options.exchangeId;
  const secrets = (): string[] =>
    [exchange.apiKey, exchange.secret, exchange.password, exchange.uid, exchange.privateKey].filter((value): value is string => typeof value === 'string' && value !== '');

  async function call<Raw, T>(action: string, request: () => Promise<Raw>, parse: (raw: Raw) => Parsed<T>): Promise<MarketResult<T>> {
    let raw: Raw;
    try {
      raw = await request();
    } catch (error) {
      const mapped = marketErrorFromCcxt(error, `${exchangeId} ${action}`, secrets());
      options.logger?.warn({ exchange: exchangeId, action, code: mapped.code, detail: mapped.detail }, 'market data request failed');
      return { ok: false, error: mapped };
    }
    const parsed = parse(raw);
    if (parsed.ok) return parsed;
    options.logger?.warn({ exchange: exchangeId, action, issue: parsed.error }, 'market data response refused');
    return marketError('MALFORMED_RESPONSE', 'The exchange sent market data Ballast cannot trust, so it was not used.', `${exchangeId} ${action}: ${parsed.error}`);
  }

  async function spotMarket(symbol: string): Promise<MarketResult<null>> {
    const loaded = await call('loadMarkets', () => exchange.loadMarkets(), () => ({ ok: true, value: null }));
    if (!loaded.ok) return loaded;
    const market = exchange.markets?.[symbol] as { spot?: boolean } | undefined;
    if (market?.spot !== true) {
      return marketError('UNKNOWN_SYMBOL', `${exchange.name ?? exchangeId} does not list ${symbol} as a spot market.`, `no spot market '${symbol}' on ${exchangeId}`);
    }
    return marketOk(null);
  }

  const port: MarketDataPort = {
    exchangeId,
    nowMs: options.nowMs ?? Date.now,

    fetchTime: () => call('fetchTime', () => exchange.fetchTime(), parseExchangeTime),

    async fetchMarkets() {
      const loaded = await call('loadMarkets', () => exchange.loadMarkets(), () => ({ ok: true, value: null }));
      if (!loaded.ok) return loaded;
      const spot = Object.values(exchange.markets ?? {}).filter((market) => (market as { spot?: boolean }).spot === true);
      return marketOk(catalogueFromCcxt(spot, exchangeId, exchange.precisionMode ?? Number.NaN));
    },

    async fetchMarket(symbol) {
      const known = await spotMarket(symbol);
      if (!known.ok) return known;
      const mapped = marketInfoFromCcxt(exchange.markets?.[symbol], exchangeId, exchange.precisionMode ?? Number.NaN);
      if (mapped.ok) return marketOk(mapped.market);
      return marketError('MALFORMED_RESPONSE', `Ballast cannot use ${symbol}: ${mapped.reason}.`, `${exchangeId} market ${symbol}: ${mapped.reason}`);
    },

    async fetchCandles(symbol: string, timeframe: Timeframe, sinceMs: number, limit: number) {
      if (!Number.isSafeInteger(sinceMs) || !Number.isInteger(limit) || limit < 1) {
        return marketError('BAD_REQUEST', 'Ballast asked for price history with an invalid range.', `sinceMs=${sinceMs} limit=${limit}`);
      }
      const known = await spotMarket(symbol);
      if (!known.ok) return known;
      if (!(timeframe in exchange.timeframes)) {
        return marketError('NOT_SUPPORTED', `${exchange.name ?? exchangeId} does not offer ${timeframe} candles.`, `timeframe ${timeframe} not in exchange.timeframes`);
      }
      return call(`fetchOHLCV ${symbol} ${timeframe}`, () => exchange.fetchOHLCV(symbol, timeframe, sinceMs, limit), parseOhlcv);
    },

    async fetchOrderBook(symbol, depthLimit) {
      const known = await spotMarket(symbol);
      if (!known.ok) return known;
      return call(`fetchOrderBook ${symbol}`, () => exchange.fetchOrderBook(symbol, depthLimit), (raw) => parseOrderBook(raw, symbol));
    },

    async fetchTicker(symbol) {
      const known = await spotMarket(symbol);
      if (!known.ok) return known;
      return call(`fetchTicker ${symbol}`, () => exchange.fetchTicker(symbol), (raw) => parseTicker(raw, symbol));
    },
  };
  return marketOk(port);
}
