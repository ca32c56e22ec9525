import { z } from 'zod';
import { amount, callWords, shortOrderId, statusWords, words } from './activityWording.ts';

/** Summaries of an order's life and of the exchange's answers (see activitySummary.ts). */

const OrderRecord = z.looseObject({
  side: z.string(),
  symbol: z.string(),
  amountBase: z.number(),
  type: z.string(),
  purpose: z.string().optional(),
  limitPriceQuote: z.number().nullable().optional(),
  stopPriceQuote: z.number().nullable().optional(),
});

const OrderEvent = z.looseObject({
  event: z.string(),
  status: z.string().optional(),
  from: z.string().optional(),
  filledBase: z.number().optional(),
  order: OrderRecord.optional(),
  reason: z.string().optional(),
  code: z.string().optional(),
  stopPriceQuote: z.number().optional(),
  priceQuote: z.number().optional(),
  amountBase: z.number().optional(),
});
type OrderEvent = z.infer<typeof OrderEvent>;

const ExchangeAnswer = z.looseObject({
  call: z.string(),
  kind: z.string(),
  value: z.unknown().optional(),
  reason: z.string().optional(),
  detail: z.string().optional(),
  retryAfterMs: z.number().optional(),
});

const KillCancel = z.looseObject({ action: z.literal('kill_cancel'), outcome: z.string(), status: z.string().nullable().optional(), exchangeOrderId: z.string().nullable().optional() });

const Counted = z.looseObject({ count: z.number() });
const Entries = z.looseObject({ entries: z.number() });
const StatusValue = z.looseObject({ status: z.string(), filledBase: z.number().optional() });

function describeRecord(order: z.infer<typeof OrderRecord>): string {
  const size = `${order.side} ${amount(order.amountBase)} ${order.symbol}`;
  if (order.stopPriceQuote !== null && order.stopPriceQuote !== undefined) {
    const limit = order.limitPriceQuote === null || order.limitPriceQuote === undefined ? '' : ` (limit ${amount(order.limitPriceQuote)})`;
    return `${size} once the price reaches ${amount(order.stopPriceQuote)}${limit}`;
  }
  if (order.limitPriceQuote === null || order.limitPriceQuote === undefined) return `${size} at market`;
  return `${size}, limit ${amount(order.limitPriceQuote)}`;
}

function statusNow(e: OrderEvent): string {
  if (e.status === undefined) return '';
  if (e.status === 'FILLED' && e.filledBase !== undefined) return `filled (${amount(e.filledBase)})`;
  if (e.status === 'PARTIALLY_FILLED' && e.filledBase !== undefined) return `partly filled (${amount(e.filledBase)} so far)`;
  return statusWords(e.status);
}

/** Why each order event happened, in the order's own words; `name` is "Order bl-…" or "Protective stop bl-…". */
const ORDER_EVENTS: Readonly<Record<string, (name: string, e: OrderEvent) => string>> = {
  journaled: (name, e) => `${name} recorded before sending: ${e.order ? describeRecord(e.order) : 'details in the record'}.`,
  accepted: (name, e) => `${name} accepted by the exchange: ${statusNow(e)}.`,
  located: (name, e) => `${name} looked up on the exchange: ${statusNow(e)}.`,
  reconciled: (name, e) => `${name} brought in line with the exchange: ${statusNow(e)}.`,
  listed_open: (name, e) => `${name} listed as open on the exchange: ${statusNow(e)}.`,
  read_after_cancel: (name, e) => `${name} read again after the cancel request: ${statusNow(e)}.`,
  cancelled: (name, e) => `${name} cancelled on the exchange${e.status === undefined || e.status === 'CANCELED' ? '' : `; it is now ${statusNow(e)}`}.`,
  rejected: (name) => `${name} refused by the exchange.`,
  status_unknown: (name) => `${name} got no clear answer from the exchange; Ballast looks it up before doing anything else.`,
  still_unknown: (name, e) => `${name} still has no known status${e.reason ? `: ${e.reason}` : '.'}`,
  closed_locally: (name, e) => `${name} closed in Ballast's records after the exchange proved it absent: ${statusNow(e)}.`,
  resubmit: (name) => `${name} was proven absent on the exchange, so it is sent again with the same id.`,
  adopted: (name, e) => `${name} was found on the exchange without a record of its own and adopted: ${statusNow(e)}.`,
  refused_locally: (name, e) => `${name} not sent${e.reason ? `: ${e.reason}` : e.code ? ` (${e.code})` : '.'}`,
  client_stop_registered: (name, e) =>
    `Ballast watches a protective stop for ${name.replace(/^Order /, 'order ')}${e.stopPriceQuote === undefined ? '' : ` at ${amount(e.stopPriceQuote)}`}${e.reason ? `: ${e.reason}` : '.'}`,
  client_stop_triggered: (name, e) => `The protective stop for ${name.replace(/^Order /, 'order ')} was triggered${e.priceQuote === undefined ? '' : ` at ${amount(e.priceQuote)}`}.`,
  protective_stop_released_for_exit: (name) => `${name} cancelled so the exit can sell the coins it held.`,
};

export function orderEventSummary(payload: unknown, subject: string | null): string | undefined {
  const parsed = OrderEvent.safeParse(payload);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  const stop = e.order?.purpose === 'protective_stop';
  const name = `${stop ? 'Protective stop' : 'Order'} ${subject === null ? '' : shortOrderId(subject)}`.trim();
  const describe = ORDER_EVENTS[e.event];
  if (describe !== undefined) return describe(name, e);
  const status = statusNow(e);
  return `${name}: ${words(e.event)}${status ? ` (${status})` : ''}.`;
}

/** What a counted answer counts, singular and plural. */
const ENTRY_WORDS: Readonly<Record<string, readonly [string, string]>> = { loadMarkets: ['market', 'markets'], fetchBalances: ['asset', 'assets'] };

function answerValue(call: string, value: unknown): string {
  const counted = Counted.safeParse(value);
  if (counted.success) return ` (${counted.data.count} listed)`;
  const entries = Entries.safeParse(value);
  if (entries.success) {
    const [one, many] = ENTRY_WORDS[call] ?? ['entry', 'entries'];
    return ` (${entries.data.entries} ${entries.data.entries === 1 ? one : many})`;
  }
  const status = StatusValue.safeParse(value);
  if (status.success) return `: ${statusWords(status.data.status)}`;
  return '';
}

export function exchangeAnswerSummary(payload: unknown, subject: string | null): string | undefined {
  const kill = KillCancel.safeParse(payload);
  if (kill.success) {
    const order = subject === null ? 'an order' : `order ${shortOrderId(subject)}`;
    const outcome = kill.data.outcome === 'ok' ? `done${kill.data.status ? ` (${statusWords(kill.data.status)})` : ''}` : words(kill.data.outcome);
    return `Kill: cancelling ${order} — ${outcome}.`;
  }
  const parsed = ExchangeAnswer.safeParse(payload);
  if (!parsed.success) return undefined;
  const a = parsed.data;
  const about = `${callWords(a.call)}${subject === null ? '' : ` for ${shortOrderId(subject)}`}`;
  switch (a.kind) {
    case 'ok':
      return `The exchange answered ${about}${answerValue(a.call, a.value)}.`;
    case 'rejected':
      return `The exchange refused ${about}${a.reason ? `: ${a.reason}` : '.'}`;
    case 'not_found':
      return `The exchange did not find what ${about} asked for.`;
    case 'rate_limited':
      return `The exchange asked Ballast to slow down (${about})${a.retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(a.retryAfterMs / 1000)} s`}.`;
    case 'auth_failed':
      return `The exchange refused the key for ${about}.`;
    default:
      return `No clear answer from the exchange to ${about} (${words(a.kind)})${a.detail ? `: ${a.detail}` : '.'}`;
  }
}
