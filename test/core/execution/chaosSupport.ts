import { approvedForTest } from '../../support/approvedOrder.ts';
import { createCcxtExchange, isBallastClientOrderId, type ExchangePort, type Order, type OrderStatus } from '../../../core/execution/index.ts';
import type { SizedOrder } from '../../../core/risk/index.ts';
import { binanceClientFor, type FakeOrder, type FaultRule } from '../../fake-exchange/index.ts';

/** Symbols the fake lists, by unified and Binance id. */
export const CHAOS_SYMBOLS = [
  { symbol: 'BTC/USDT', id: 'BTCUSDT', base: 'BTC' },
  { symbol: 'ETH/USDT', id: 'ETHUSDT', base: 'ETH' },
] as const;

/** A market time with normal liquidity on both replayed markets. */
export const CHAOS_START_AT = '2021-03-01T00:00:00Z';
export const CHAOS_BALANCES: Readonly<Record<string, number>> = { USDT: 5_000_000, BTC: 50, ETH: 1_000 };

export function envInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return value;
}

/**
 * Real ccxt (limiter on, a short `rateLimit` so the test is quick) through the execution layer's
 * own ccxt adapter, pointed at the fake exchange.
 */
export function ccxtPortFor(fake: { url: string; credentials: { apiKey: string; secret: string } }, options: { timeoutMs: number; rateLimitMs: number }, defaultRetryAfterMs = 50): ExchangePort {
  const client = binanceClientFor(fake, { timeout: options.timeoutMs });
  client.rateLimit = options.rateLimitMs;
  // The limiter's bucket is built from rateLimit at construction: rebuild it for the new value.
  (client as unknown as { tokenBucket: unknown }).tokenBucket = undefined;
  client.initRestRateLimiter();
  const created = createCcxtExchange({ exchange: client, defaultRetryAfterMs });
  if (!created.ok) throw new Error(`${created.error.reason} (${created.error.detail})`);
  return created.value;
}

/**
 * Every fault kind the fake has, on the calls where it matters, each with a small probability:
 * together about one request in five fails in some way. Order placement gets the nastiest mix.
 */
export function chaosFaultRules(): FaultRule[] {
  const order = '/api/v3/order';
  const hold = { connection: 'hold' as const, holdMs: 1_500 };
  return [
    { method: 'POST', path: order, probability: 0.025, fault: { kind: 'timeoutAfterAccept', ...hold } },
    { method: 'POST', path: order, probability: 0.025, fault: { kind: 'timeoutAfterAccept', connection: 'reset' } },
    { method: 'POST', path: order, probability: 0.02, fault: { kind: 'timeoutBeforeAccept', ...hold } },
    { method: 'POST', path: order, probability: 0.02, fault: { kind: 'timeoutBeforeAccept', connection: 'reset' } },
    { method: 'POST', path: order, probability: 0.02, fault: { kind: 'serverError', status: 500, body: 'binanceJson', afterAccept: true } },
    { method: 'POST', path: order, probability: 0.015, fault: { kind: 'serverError', status: 503, body: 'text' } },
    { method: 'POST', path: order, probability: 0.01, fault: { kind: 'serverError', status: 504, body: 'html', afterAccept: true } },
    { method: 'POST', path: order, probability: 0.02, fault: { kind: 'rateLimited', retryAfterS: 0 } },
    { method: 'POST', path: order, probability: 0.02, fault: { kind: 'duplicateClientOrderId' } },
    { method: 'POST', path: order, probability: 0.08, fault: { kind: 'partialFill', fraction: 0.4 } },
    { method: 'POST', path: order, probability: 0.005, fault: { kind: 'maintenance' } },
    { method: 'POST', path: order, times: 2, probability: 0.01, fault: { kind: 'ipBanned', retryAfterS: 1 } },
    { method: 'GET', path: order, probability: 0.06, fault: { kind: 'unknownOrder' } },
    { method: 'GET', path: order, probability: 0.02, fault: { kind: 'serverError', status: 502, body: 'html' } },
    { method: 'GET', path: order, probability: 0.01, fault: { kind: 'timeoutBeforeAccept', connection: 'reset' } },
    { method: 'DELETE', path: order, probability: 0.04, fault: { kind: 'unknownOrder' } },
    { method: 'DELETE', path: order, probability: 0.02, fault: { kind: 'timeoutAfterAccept', connection: 'reset' } },
    { method: 'DELETE', path: order, probability: 0.01, fault: { kind: 'serverError', status: 500, body: 'binanceJson', afterAccept: true } },
    { method: 'GET', path: '/api/v3/openOrders', probability: 0.03, fault: { kind: 'serverError', status: 503, body: 'text' } },
    { method: 'GET', path: '/api/v3/myTrades', probability: 0.03, fault: { kind: 'serverError', status: 500, body: 'binanceJson' } },
    { method: 'GET', path: '/api/v3/myTrades', probability: 0.02, fault: { kind: 'rateLimited', retryAfterS: 0 } },
    { method: 'GET', path: '/api/v3/account', probability: 0.02, fault: { kind: 'latency', ms: 50 } },
  ];
}

/** One seeded approved order at the current price: market or limit, buy or sell, 20 to 400 USDT. */
export function chaosIntent(random: () => number, intentId: string, priceOf: (symbolId: string) => number): { order: SizedOrder; referencePriceQuote: number } {
  const market = CHAOS_SYMBOLS[random() < 0.6 ? 0 : 1];
  const price = priceOf(market.id);
  const side = random() < 0.55 ? 'buy' : 'sell';
  const notional = 20 + random() * 380;
  const limit = random() < 0.5;
  // Limits sit between 1.5 % away (they rest) and 0.5 % through the price (they take at once).
  const offset = (random() * 0.02 - 0.005) * (side === 'buy' ? -1 : 1);
  const order: SizedOrder = approvedForTest({
    intentId,
    origin: 'strategy',
    purpose: side === 'buy' ? 'entry' : 'exit',
    symbol: market.symbol,
    side,
    type: limit ? 'limit' : 'market',
    amountBase: notional / price,
    ...(limit ? { limitPriceQuote: price * (1 + offset) } : {}),
    reduceOnly: side === 'sell',
    atMs: 0,
  });
  return { order, referencePriceQuote: price };
}

const FAKE_STATUS: Readonly<Record<FakeOrder['status'], OrderStatus>> = {
  NEW: 'OPEN',
  PARTIALLY_FILLED: 'PARTIALLY_FILLED',
  FILLED: 'FILLED',
  CANCELED: 'CANCELED',
  EXPIRED: 'EXPIRED',
};

/**
 * Everything on which the journal and the exchange disagree (empty when they agree): per-order
 * status and filled amount, orders one side has and the other not, more than one exchange order
 * per client id, and fills recorded against executed amounts.
 */
export function journalVersusExchange(journalOrders: readonly Order[], recordedFilled: (clientOrderId: string) => number, exchangeOrders: readonly FakeOrder[]): string[] {
  const problems: string[] = [];
  const byClientId = new Map<string, FakeOrder[]>();
  for (const order of exchangeOrders) byClientId.set(order.clientOrderId, [...(byClientId.get(order.clientOrderId) ?? []), order]);
  for (const [clientOrderId, orders] of byClientId) {
    if (orders.length > 1) problems.push(`${clientOrderId}: ${orders.length} exchange orders for one intent`);
  }
  const journaled = new Set<string>();
  for (const row of journalOrders) {
    journaled.add(row.clientOrderId);
    const onExchange = byClientId.get(row.clientOrderId)?.at(-1);
    if (onExchange === undefined) {
      const closedWithoutOrder = row.status === 'REJECTED' || (!row.confirmedByExchange && (row.status === 'EXPIRED' || row.status === 'CANCELED'));
      if (!closedWithoutOrder) problems.push(`${row.clientOrderId}: journal ${row.status}, exchange has no order`);
      continue;
    }
    const status = FAKE_STATUS[onExchange.status];
    if (row.status !== status) problems.push(`${row.clientOrderId}: journal ${row.status}, exchange ${status}`);
    if (Math.abs(row.filledBase - onExchange.executedAmountBase) > 1e-9) problems.push(`${row.clientOrderId}: journal filled ${row.filledBase}, exchange ${onExchange.executedAmountBase}`);
    if (String(onExchange.orderId) !== row.exchangeOrderId) problems.push(`${row.clientOrderId}: journal id ${row.exchangeOrderId}, exchange ${onExchange.orderId}`);
    const fills = recordedFilled(row.clientOrderId);
    if (Math.abs(fills - onExchange.executedAmountBase) > 1e-9) problems.push(`${row.clientOrderId}: fills ${fills}, exchange executed ${onExchange.executedAmountBase}`);
  }
  for (const order of exchangeOrders) {
    if (isBallastClientOrderId(order.clientOrderId) && !journaled.has(order.clientOrderId)) problems.push(`${order.clientOrderId}: on the exchange, not in the journal`);
  }
  return problems;
}

/** Balance change on the exchange against the change Ballast's fills explain, per asset. */
export function balanceProblems(deltas: ReadonlyMap<string, number>, before: Readonly<Record<string, number>>, after: Readonly<Record<string, { free: number; locked: number }>>): string[] {
  const problems: string[] = [];
  const assets = new Set([...Object.keys(before), ...Object.keys(after), ...deltas.keys()]);
  for (const asset of assets) {
    const actual = (after[asset]?.free ?? 0) + (after[asset]?.locked ?? 0) - (before[asset] ?? 0);
    const expected = deltas.get(asset) ?? 0;
    if (Math.abs(actual - expected) > 1e-6) problems.push(`${asset}: exchange changed by ${actual}, fills explain ${expected}`);
  }
  return problems;
}
