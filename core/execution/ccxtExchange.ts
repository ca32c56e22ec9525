import { err, type Refusal, type Result } from '../model/index.ts';
import type { Exchange } from 'ccxt';
import type { Logger } from '../log/index.ts';
import { catalogueFromCcxt, type MarketInfo } from '../market/index.ts';
import { outcomeFromCcxtError, retryAfterMsFrom, type CallEffect } from './ccxtErrorOutcomes.ts';
import { ccxtOrderArguments } from './ccxtOrderRequest.ts';
import { feesFromTrades, feesMissing, originalClientOrderId, parseBalances, parseOrder, parseOrders, parseTrades, type Parsed } from './ccxtResponses.ts';
import { REJECTION_CODES, type ExchangeOrder, type ExchangeOutcome, type ExchangePort, type OrderRef } from './exchangePort.ts';

export interface CcxtExchangeOptions {
  /** A built ccxt instance with the key already set (tests point one at the fake exchange). */
  readonly exchange: Exchange;
  /**
   * Lets a test run with ccxt's rate limiter off. Nothing else may: the limiter is what keeps
   * Ballast from getting its IP banned (HTTP 418) by the exchange.
   */
  readonly unsafeAllowRateLimiterOffInTests?: boolean;
  /** Wait after a 429/418 that carries no Retry-After header. Default 60 s. */
  readonly defaultRetryAfterMs?: number;
  readonly logger?: Logger;
}

export type CreateCcxtExchangeResult = Result<ExchangePort, Refusal>;

/**
 * Exchanges whose spot "limit order + triggerPrice" Ballast has verified to be a stop-loss-limit
 * order the exchange holds itself (Binance STOP_LOSS_LIMIT). Elsewhere stops stay client-side.
 */
const NATIVE_STOP_EXCHANGES: readonly string[] = ['binance'];

/** Whether Ballast's protective stops rest on this exchange (spot) or are watched by Ballast itself. */
export function exchangeHoldsSpotStops(exchangeId: string): boolean {
  return NATIVE_STOP_EXCHANGES.includes(exchangeId);
}

export const DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * The trading surface over a real exchange through ccxt. The rate limiter stays on, every ccxt
 * error becomes a typed outcome, every answer is parsed with zod, and no key material reaches a
 * log line, an outcome or an error text.
 */
export function createCcxtExchange(options: CcxtExchangeOptions): CreateCcxtExchangeResult {
  const { exchange, logger } = options;
  if (!exchange.enableRateLimit && options.unsafeAllowRateLimiterOffInTests !== true) {
    return err({
      reason: "Ballast keeps the exchange's request rate limiter on, so the exchange does not block this computer.",
      detail: 'enableRateLimit is false; only tests may turn it off (unsafeAllowRateLimiterOffInTests)',
    });
  }
  // Ballast accounts for the heavier weight of an all-symbols open-orders query; ccxt would refuse it.
  exchange.options.warnOnFetchOpenOrdersWithoutSymbol = false;
  const supportsNativeStops = NATIVE_STOP_EXCHANGES.includes(exchange.id) && exchange.has.createStopLimitOrder === true;
  const defaultRetryAfterMs = options.defaultRetryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
  const secrets = (): string[] =>
    [exchange.apiKey, exchange.secret, exchange.password, exchange.uid, exchange.privateKey, exchange.token].filter(
      (value): value is string => typeof value === 'string' && value !== '',
    );
  let markets: ReadonlyMap<string, MarketInfo> | undefined;
  let marketsLoadFailed = false;

  async function call<T>(action: string, effect: CallEffect, request: () => Promise<unknown>, parse: (raw: unknown) => Parsed<T>): Promise<ExchangeOutcome<T>> {
    let raw: unknown;
    try {
      raw = await request();
    } catch (error) {
      const retryAfterMs = retryAfterMsFrom(exchange.last_response_headers, Date.now());
      const outcome = outcomeFromCcxtError(error, { action: `${exchange.id} ${action}`, effect, secrets: secrets(), retryAfterMs, defaultRetryAfterMs });
      logger?.warn({ exchange: exchange.id, action, outcome }, 'exchange request failed');
      return outcome;
    }
    const parsed = parse(raw);
    if (parsed.ok) return { kind: 'ok', value: parsed.value };
    const detail = `${exchange.id} ${action}: unreadable answer (${parsed.error})`;
    logger?.warn({ exchange: exchange.id, action, issue: parsed.error }, 'exchange answer refused');
    // An order request whose answer cannot be read may still have placed (or cancelled) the order.
    return effect === 'changes_state' ? { kind: 'unknown', detail } : { kind: 'unavailable', detail };
  }

  async function loadMarkets(): Promise<ExchangeOutcome<ReadonlyMap<string, MarketInfo>>> {
    if (markets !== undefined) return { kind: 'ok', value: markets };
    // ccxt keeps a failed first load and answers every later call with its error (a lost network
    // at start would block the live check for good): after a failure, ask it to load afresh.
    const reload = marketsLoadFailed;
    const loaded = await call('loadMarkets', 'read_only', () => exchange.loadMarkets(reload), () => ({ ok: true, value: null }));
    marketsLoadFailed = loaded.kind !== 'ok';
    if (loaded.kind !== 'ok') return loaded;
    const spot = Object.values(exchange.markets ?? {}).filter((market) => (market as { spot?: boolean } | undefined)?.spot === true);
    const catalogue = catalogueFromCcxt(spot, exchange.id, exchange.precisionMode ?? Number.NaN);
    if (catalogue.refused.length > 0) logger?.info({ exchange: exchange.id, refused: catalogue.refused.length }, 'markets Ballast cannot trade were left out');
    markets = new Map(catalogue.markets.map((market) => [market.symbol, market]));
    return { kind: 'ok', value: markets };
  }

  async function marketFor(symbol: string): Promise<ExchangeOutcome<MarketInfo>> {
    const loaded = await loadMarkets();
    if (loaded.kind !== 'ok') return loaded;
    const market = loaded.value.get(symbol);
    if (market === undefined) {
      return { kind: 'rejected', reason: `${exchange.name ?? exchange.id} does not list ${symbol} as a spot market Ballast can trade.`, exchangeCode: REJECTION_CODES.unknownSymbol };
    }
    return { kind: 'ok', value: market };
  }

  /** Binance's order query carries no fills; an order that filled gets its fees from its trades. */
  async function withFees(order: ExchangeOrder, raw: unknown): Promise<ExchangeOutcome<ExchangeOrder>> {
    if (!feesMissing(raw)) return { kind: 'ok', value: order };
    const trades = await call(`fetchMyTrades ${order.symbol} order ${order.exchangeOrderId}`, 'read_only', () => exchange.fetchMyTrades(order.symbol, undefined, 1000, { orderId: order.exchangeOrderId }), parseTrades);
    if (trades.kind !== 'ok') return trades;
    return { kind: 'ok', value: { ...order, fees: feesFromTrades(trades.value.filter((trade) => trade.exchangeOrderId === order.exchangeOrderId)) } };
  }

  async function orderCall(action: string, effect: CallEffect, ref: OrderRef, request: () => Promise<unknown>, isCancel: boolean): Promise<ExchangeOutcome<ExchangeOrder>> {
    const market = await marketFor(ref.symbol);
    if (market.kind !== 'ok') return market;
    let raw: unknown;
    const parsed = await call(action, effect, async () => (raw = await request()), (answer) => parseOrder(answer, isCancel ? originalClientOrderId(answer) : undefined));
    if (parsed.kind !== 'ok') return parsed;
    const order = parsed.value;
    if (order.symbol !== ref.symbol || (ref.clientOrderId !== undefined && order.clientOrderId !== ref.clientOrderId)) {
      const detail = `${exchange.id} ${action}: answered with order ${order.exchangeOrderId} (${order.symbol}, client id ${order.clientOrderId})`;
      return isCancel ? { kind: 'unknown', detail } : { kind: 'not_found', detail };
    }
    return withFees(order, raw);
  }

  /**
   * With both ids, both are sent: Binance then finds the order by id and refuses it unless the
   * client id matches too (ccxt alone would send only the client id).
   */
  const refParams = (ref: OrderRef): [string, Record<string, string>] => {
    if (ref.exchangeOrderId === undefined) return ['', { clientOrderId: ref.clientOrderId }];
    if (ref.clientOrderId === undefined) return [ref.exchangeOrderId, {}];
    return [ref.exchangeOrderId, { origClientOrderId: ref.clientOrderId, orderId: ref.exchangeOrderId }];
  };
  const describe = (ref: OrderRef): string => `${ref.symbol} ${ref.exchangeOrderId !== undefined ? `id ${ref.exchangeOrderId}` : `client id ${ref.clientOrderId}`}`;

  const port: ExchangePort = {
    id: exchange.id,
    supportsNativeStops,
    loadMarkets,

    fetchBalances: () => call('fetchBalance', 'read_only', () => exchange.fetchBalance(), parseBalances),

    async createOrder(request) {
      const market = await marketFor(request.symbol);
      if (market.kind !== 'ok') return market;
      const prepared = ccxtOrderArguments(exchange, market.value, request, supportsNativeStops);
      if (!prepared.ok) return prepared.outcome;
      const { symbol, type, side, amount, price, params } = prepared.args;
      const action = `createOrder ${symbol} ${request.type} ${side} client id ${request.clientOrderId}`;
      let raw: unknown;
      const placed = await call(action, 'changes_state', async () => (raw = await exchange.createOrder(symbol, type, side, amount, price, params)), (answer) => parseOrder(answer));
      if (placed.kind !== 'ok') return placed;
      if (placed.value.clientOrderId !== request.clientOrderId || placed.value.symbol !== request.symbol) {
        return { kind: 'unknown', detail: `${exchange.id} ${action}: the answer names order ${placed.value.exchangeOrderId} with client id ${placed.value.clientOrderId}` };
      }
      return withFees(placed.value, raw);
    },

    cancelOrder(ref) {
      const [id, params] = refParams(ref);
      return orderCall(`cancelOrder ${describe(ref)}`, 'changes_state', ref, () => exchange.cancelOrder(id, ref.symbol, params), true);
    },

    fetchOrder(ref) {
      const [id, params] = refParams(ref);
      return orderCall(`fetchOrder ${describe(ref)}`, 'read_only', ref, () => exchange.fetchOrder(id, ref.symbol, params), false);
    },

    async fetchOpenOrders(symbol) {
      if (symbol !== undefined) {
        const market = await marketFor(symbol);
        if (market.kind !== 'ok') return market;
      } else {
        const loaded = await loadMarkets();
        if (loaded.kind !== 'ok') return loaded;
      }
      return call(`fetchOpenOrders ${symbol ?? 'all markets'}`, 'read_only', () => exchange.fetchOpenOrders(symbol), parseOrders);
    },

    async fetchMyTrades(symbol, sinceMs) {
      const market = await marketFor(symbol);
      if (market.kind !== 'ok') return market;
      return call(`fetchMyTrades ${symbol}`, 'read_only', () => exchange.fetchMyTrades(symbol, sinceMs, 1000), parseTrades);
    },
  };
  return { ok: true, value: port };
}
