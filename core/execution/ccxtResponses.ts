import type { Result } from '../model/index.ts';
import { z } from 'zod';
import type { AssetBalance, ExchangeOrder, ExchangeOrderType, ExchangeTrade, FeePaid } from './exchangePort.ts';

/**
 * ccxt's unified order, trade and balance structures, parsed with zod before anything is believed.
 * A response that does not fit fails closed: the caller turns it into an error outcome (for an
 * order placement, `unknown`, because the order may exist even though its answer is unreadable).
 */
/** A response read against what Ballast expects; the error says what did not fit. */
export type Parsed<T> = Result<T, string>;

const optionalNumber = z.number().nullish().transform((value) => value ?? null);
const looseFee = z.object({ currency: z.string().nullish(), cost: z.number().nullish() }).nullish();

const orderSchema = z.object({
  id: z.string().min(1),
  clientOrderId: z.string().nullish(),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  type: z.string().nullish(),
  status: z.string().nullish(),
  amount: z.number().nonnegative(),
  filled: z.number().nonnegative(),
  price: optionalNumber,
  average: optionalNumber,
  cost: optionalNumber,
  triggerPrice: optionalNumber,
  timestamp: optionalNumber,
  lastUpdateTimestamp: optionalNumber,
  fee: looseFee,
  fees: z.array(looseFee).nullish(),
  trades: z.array(z.unknown()).nullish(),
  info: z.unknown(),
});

const tradeSchema = z.object({
  id: z.string().min(1),
  order: z.string().min(1),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  price: z.number().positive(),
  amount: z.number().positive(),
  timestamp: z.number().int().nonnegative(),
  fee: looseFee,
  clientOrderId: z.string().nullish(),
});

const balanceMap = z.record(z.string(), z.number().nullish());
const balanceSchema = z.object({ free: balanceMap, used: balanceMap, total: balanceMap });

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unreadable';
  return `${issue.path.length > 0 ? issue.path.join('.') : 'response'}: ${issue.message}`;
}

type ParsedOrder = z.infer<typeof orderSchema>;

function statusOf(order: ParsedOrder): Parsed<ExchangeOrder['status']> {
  switch (order.status) {
    case 'open':
      return { ok: true, value: order.filled > 0 ? 'PARTIALLY_FILLED' : 'OPEN' };
    case 'closed':
      return { ok: true, value: 'FILLED' };
    case 'canceled':
      return { ok: true, value: 'CANCELED' };
    case 'expired':
      return { ok: true, value: 'EXPIRED' };
    case 'rejected':
      return { ok: true, value: 'REJECTED' };
    default:
      return { ok: false, error: `status: '${String(order.status)}' is not an order status Ballast knows` };
  }
}

/** ccxt reports a spot stop-limit as type 'limit' with a trigger price; a triggered market order has no Ballast type. */
function typeOf(order: ParsedOrder): Parsed<ExchangeOrderType> {
  const hasTrigger = order.triggerPrice !== null && order.triggerPrice > 0;
  if (order.type === 'limit') return { ok: true, value: hasTrigger ? 'stop_limit' : 'limit' };
  if (order.type === 'market' && !hasTrigger) return { ok: true, value: 'market' };
  return { ok: false, error: `type: '${String(order.type)}'${hasTrigger ? ' with a trigger price' : ''} is not an order type Ballast handles` };
}

function feesOf(order: ParsedOrder): FeePaid[] {
  const listed = (order.fees ?? []).length > 0 ? (order.fees ?? []) : [order.fee];
  const fees: FeePaid[] = [];
  for (const fee of listed) {
    if (fee?.currency && typeof fee.cost === 'number' && fee.cost > 0) fees.push({ asset: fee.currency, amount: fee.cost });
  }
  return fees;
}

/** True when the order filled something but its answer carried no fills to read fees from. */
export function feesMissing(raw: unknown): boolean {
  const parsed = orderSchema.safeParse(raw);
  if (!parsed.success) return false;
  return parsed.data.filled > 0 && feesOf(parsed.data).length === 0 && (parsed.data.trades ?? []).length === 0;
}

/**
 * `clientOrderIdOverride` exists for cancel answers: Binance's cancel response names the cancel
 * request's own client id in `clientOrderId` and the order's in `origClientOrderId`.
 */
export function parseOrder(raw: unknown, clientOrderIdOverride?: string): Parsed<ExchangeOrder> {
  const parsed = orderSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const order = parsed.data;
  const status = statusOf(order);
  if (!status.ok) return status;
  const type = typeOf(order);
  if (!type.ok) return type;
  const clientOrderId = clientOrderIdOverride ?? order.clientOrderId;
  if (clientOrderId === undefined || clientOrderId === null || clientOrderId === '') {
    return { ok: false, error: 'clientOrderId: missing, so the order cannot be matched to its intent' };
  }
  if (order.filled > order.amount * (1 + 1e-9)) return { ok: false, error: `filled ${order.filled} is more than the amount ${order.amount}` };
  const averagePriceQuote = order.filled > 0 ? (order.average ?? (order.cost !== null ? order.cost / order.filled : null)) : null;
  return {
    ok: true,
    value: {
      exchangeOrderId: order.id,
      clientOrderId,
      symbol: order.symbol,
      side: order.side,
      type: type.value,
      status: status.value,
      amountBase: order.amount,
      filledBase: order.filled,
      averagePriceQuote,
      limitPriceQuote: type.value === 'market' ? null : order.price,
      stopPriceQuote: type.value === 'stop_limit' ? order.triggerPrice : null,
      fees: feesOf(order),
      createdAtMs: order.timestamp,
      updatedAtMs: order.lastUpdateTimestamp ?? order.timestamp,
    },
  };
}

/** Binance's cancel answer names the order's own client id in `info.origClientOrderId`. */
export function originalClientOrderId(raw: unknown): string | undefined {
  const info = z.object({ info: z.object({ origClientOrderId: z.string().min(1) }) }).safeParse(raw);
  return info.success ? info.data.info.origClientOrderId : undefined;
}

export function parseOrders(raw: unknown): Parsed<ExchangeOrder[]> {
  if (!Array.isArray(raw)) return { ok: false, error: 'response: expected a list of orders' };
  const orders: ExchangeOrder[] = [];
  for (const [index, entry] of raw.entries()) {
    const parsed = parseOrder(entry);
    if (!parsed.ok) return { ok: false, error: `${index}.${parsed.error}` };
    orders.push(parsed.value);
  }
  return { ok: true, value: orders };
}

export function parseTrades(raw: unknown): Parsed<ExchangeTrade[]> {
  const parsed = z.array(tradeSchema).safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  return {
    ok: true,
    value: parsed.data.map((trade) => ({
      tradeId: trade.id,
      exchangeOrderId: trade.order,
      clientOrderId: trade.clientOrderId ?? null,
      symbol: trade.symbol,
      side: trade.side,
      priceQuote: trade.price,
      amountBase: trade.amount,
      fee: trade.fee?.currency && typeof trade.fee.cost === 'number' ? { asset: trade.fee.currency, amount: trade.fee.cost } : null,
      atMs: trade.timestamp,
    })),
  };
}

/** Fees of an order from its trades, summed per asset. */
export function feesFromTrades(trades: readonly ExchangeTrade[]): FeePaid[] {
  const byAsset = new Map<string, number>();
  for (const trade of trades) {
    if (trade.fee !== null && trade.fee.amount > 0) byAsset.set(trade.fee.asset, (byAsset.get(trade.fee.asset) ?? 0) + trade.fee.amount);
  }
  return [...byAsset].map(([asset, amount]) => ({ asset, amount: Math.round(amount * 1e12) / 1e12 }));
}

/** Every asset ccxt lists, with free, used and total all present; a missing one refuses the whole answer. */
export function parseBalances(raw: unknown): Parsed<Map<string, AssetBalance>> {
  const parsed = balanceSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  const { free, used, total } = parsed.data;
  const balances = new Map<string, AssetBalance>();
  for (const [asset, totalAmount] of Object.entries(total)) {
    const freeAmount = free[asset];
    const usedAmount = used[asset];
    if (typeof totalAmount !== 'number' || typeof freeAmount !== 'number' || typeof usedAmount !== 'number') {
      return { ok: false, error: `${asset}: free, used or total is missing` };
    }
    if (freeAmount < 0 || usedAmount < 0) return { ok: false, error: `${asset}: negative balance` };
    balances.set(asset, { asset, free: freeAmount, used: usedAmount, total: totalAmount });
  }
  return { ok: true, value: balances };
}
