import { z } from 'zod';
import { alertMessages, alertParamsSchema, fillTemplate } from '../../alerts/index.ts';
import type { AuditKind } from '../../journal/index.ts';
import { orderEventSummary, exchangeAnswerSummary } from './orderSummaries.ts';
import { amount, baseOf, money, oneLine, percentOf, quoteOf, shortOrderId, signedScore, stateWords, strategyName, transitionWords, words } from './activityWording.ts';

/**
 * One line in plain words per journal entry, built from its stored details. The details are
 * data from a file, parsed here with loose schemas: an entry of a shape this code does not know
 * (an older Ballast, a new kind of event, an edited file) gets a generic line, never an error.
 */

type Summarize = (payload: unknown, subject: string | null) => string | undefined;

const Reason = z.looseObject({ code: z.string(), message: z.string() });

const SignalPayload = z.looseObject({
  strategyId: z.string(),
  symbol: z.string(),
  score: z.number(),
  stance: z.string().optional(),
  rationale: z.string().optional(),
});

const SizedOrder = z.looseObject({ side: z.string(), symbol: z.string(), amountBase: z.number(), limitPriceQuote: z.number().optional() });

const DecisionPayload = z.looseObject({
  intent: z.looseObject({
    side: z.string(),
    symbol: z.string(),
    desiredFractionOfEquity: z.number().optional(),
    desiredAmountBase: z.number().optional(),
  }),
  decision: z.looseObject({
    kind: z.enum(['approved', 'shrunk', 'rejected']),
    order: SizedOrder.nullable().optional(),
    notionalQuote: z.number().nullable().optional(),
    reasons: z.array(Reason),
  }),
});

const FillPayload = z.looseObject({
  clientOrderId: z.string(),
  side: z.enum(['buy', 'sell']),
  symbol: z.string(),
  amountBase: z.number(),
  priceQuote: z.number(),
  fee: z.looseObject({ amount: z.number(), asset: z.string() }).nullable().optional(),
});

const StatePayload = z.looseObject({
  transition: z.string(),
  from: z.string(),
  to: z.string(),
  cause: z.looseObject({ code: z.string(), message: z.string() }),
});

const Evented = z.looseObject({ event: z.string() });

const AlertPayload = z.looseObject({ title: z.string(), severity: z.string().optional() });
const RefusalAlert = z.looseObject({ event: z.literal('trading_refused'), code: z.string(), detail: z.string().optional() });

const BalancePayload = z.looseObject({ event: z.literal('balance_snapshot'), balances: z.record(z.string(), z.number()), discrepancies: z.array(z.unknown()) });
const ReconciledPayload = z.looseObject({
  event: z.literal('reconciled'),
  phase: z.string(),
  ordersChecked: z.number(),
  discrepancies: z.array(z.unknown()),
  unresolvedOrders: z.array(z.unknown()),
});
const TradingDayPayload = z.looseObject({ event: z.literal('trading_day_started'), dayKey: z.string(), timeZone: z.string(), dayStartEquityQuote: z.number() });
const SessionStartedPayload = z.looseObject({ event: z.literal('paper_session_started'), strategyId: z.string(), prices: z.string() });
const PRICE_WORDS: Readonly<Record<string, string>> = { synthetic: 'generated demo prices', replay: 'replayed past prices', live: 'live prices' };
const HighWaterResetPayload = z.looseObject({ event: z.literal('high_water_mark_reset'), from: z.number().nullable(), to: z.number() });

function parsed<T>(schema: z.ZodType<T>, payload: unknown): T | undefined {
  const result = schema.safeParse(payload);
  return result.success ? result.data : undefined;
}

const signal: Summarize = (payload) => {
  const s = parsed(SignalPayload, payload);
  if (s === undefined) return undefined;
  const stance = s.stance === undefined ? '' : ` (${s.stance})`;
  return `${strategyName(s.strategyId)} scored ${s.symbol} ${signedScore(s.score)}${stance}${s.rationale ? `: ${s.rationale}` : '.'}`;
};

function wanted(intent: z.infer<typeof DecisionPayload>['intent']): string {
  if (intent.desiredAmountBase !== undefined) return `${intent.side} ${amount(intent.desiredAmountBase)} ${intent.symbol}`;
  if (intent.desiredFractionOfEquity !== undefined) return `${intent.side} ${intent.symbol} worth ${percentOf(intent.desiredFractionOfEquity)} of equity`;
  return `${intent.side} ${intent.symbol}`;
}

const riskDecision: Summarize = (payload) => {
  const d = parsed(DecisionPayload, payload);
  if (d === undefined) return undefined;
  const { intent, decision } = d;
  const because = decision.reasons.map((reason) => reason.message).join(' ');
  const order = decision.order;
  if (decision.kind === 'rejected' || order === null || order === undefined) return `Risk blocked ${wanted(intent)}${because ? `: ${because}` : '.'}`;
  const price = order.limitPriceQuote === undefined ? ' at market' : ` at ${amount(order.limitPriceQuote)}`;
  const worth = typeof decision.notionalQuote === 'number' ? ` (worth ${money(decision.notionalQuote, quoteOf(order.symbol))})` : '';
  if (decision.kind === 'approved') return `Risk approved ${order.side} ${amount(order.amountBase)} ${order.symbol}${price}${worth}.`;
  return `Risk shrank ${wanted(intent)} to ${amount(order.amountBase)}${price}${worth}${because ? `: ${because}` : '.'}`;
};

const fill: Summarize = (payload) => {
  const f = parsed(FillPayload, payload);
  if (f === undefined) return undefined;
  const did = f.side === 'buy' ? 'bought' : 'sold';
  const fee = f.fee ? `, fee ${amount(f.fee.amount)} ${f.fee.asset}` : '';
  return `Order ${shortOrderId(f.clientOrderId)} filled: ${did} ${amount(f.amountBase)} ${baseOf(f.symbol)} at ${amount(f.priceQuote)} ${quoteOf(f.symbol)}${fee}.`;
};

const stateChange: Summarize = (payload) => {
  const s = parsed(StatePayload, payload);
  if (s === undefined) return undefined;
  const head = s.from === s.to ? `Trading state ${stateWords(s.to)} (${transitionWords(s.transition)})` : `Trading state ${stateWords(s.from)} → ${stateWords(s.to)}`;
  return `${head}: ${s.cause.message}`;
};

const personAction: Summarize = (payload) => {
  const reset = parsed(HighWaterResetPayload, payload);
  if (reset !== undefined) {
    return `You reset the high-water mark${reset.from === null ? '' : ` from ${amount(reset.from)}`} to ${amount(reset.to)}: drawdown is measured from there.`;
  }
  const e = parsed(Evented, payload);
  return e === undefined ? undefined : `You: ${words(e.event)}.`;
};

const OutboxRecorded = z.looseObject({ event: z.literal('recorded'), severity: z.string(), params: alertParamsSchema, channels: z.array(z.string()) });
const CHANNEL_WORDS: Readonly<Record<string, string>> = { desktop: 'this computer', email: 'email', telegram: 'Telegram' };

/** An alert the outbox recorded: its title in the alert's own words, and where it was sent. */
function recordedAlert(payload: unknown, subject: string | null): string | undefined {
  const recorded = parsed(OutboxRecorded, payload);
  const words = subject === null ? undefined : (alertMessages.alert as Readonly<Record<string, { readonly title: string } | undefined>>)[subject];
  if (recorded === undefined || words === undefined) return undefined;
  const title = fillTemplate(words.title, recorded.params, { timeZone: 'UTC' });
  const to = recorded.channels.map((c) => CHANNEL_WORDS[c] ?? c).join(', ');
  return `Alert (${recorded.severity}): ${title}${to === '' ? '' : `. Sent to ${to}`}.`;
}

const alert: Summarize = (payload, subject) => {
  const outboxAlert = recordedAlert(payload, subject);
  if (outboxAlert !== undefined) return outboxAlert;
  const refused = parsed(RefusalAlert, payload);
  if (refused !== undefined) return `Trading refused (${refused.code})${refused.detail ? `: ${refused.detail}` : '.'}`;
  const a = parsed(AlertPayload, payload);
  return a === undefined ? undefined : `Alert${a.severity ? ` (${a.severity})` : ''}: ${a.title}`;
};

function differences(count: number): string {
  return count === 0 ? 'no differences' : `${count} difference${count === 1 ? '' : 's'} found and recorded`;
}

const system: Summarize = (payload, subject) => {
  const balances = parsed(BalancePayload, payload);
  if (balances !== undefined) {
    const listed = Object.entries(balances.balances).map(([asset, value]) => `${amount(value)} ${asset}`).join(', ');
    return `Balances read from the exchange: ${listed || 'none'}; ${differences(balances.discrepancies.length)}.`;
  }
  const reconciled = parsed(ReconciledPayload, payload);
  if (reconciled !== undefined) {
    const unresolved = reconciled.unresolvedOrders.length > 0 ? `; ${reconciled.unresolvedOrders.length} still unresolved` : '';
    const orders = `${reconciled.ordersChecked} order${reconciled.ordersChecked === 1 ? '' : 's'} checked`;
    return `Orders compared with the exchange (${words(reconciled.phase)}): ${orders}, ${differences(reconciled.discrepancies.length)}${unresolved}.`;
  }
  const started = parsed(SessionStartedPayload, payload);
  if (started !== undefined) return `Paper run started: ${strategyName(started.strategyId)} on ${PRICE_WORDS[started.prices] ?? words(started.prices)}, with pretend money.`;
  const day = parsed(TradingDayPayload, payload);
  if (day !== undefined) return `New trading day ${day.dayKey} (${day.timeZone}): the day starts at equity ${money(day.dayStartEquityQuote, '')}.`;
  const e = parsed(Evented, payload);
  return e === undefined ? undefined : `${words(e.event)}${subject === null ? '' : ` (${subject})`}.`;
};

const SUMMARIES: Readonly<Record<AuditKind, Summarize>> = {
  signal,
  risk_decision: riskDecision,
  order: orderEventSummary,
  fill,
  exchange_response: exchangeAnswerSummary,
  state_change: stateChange,
  person_action: personAction,
  alert,
  system,
};

const KIND_LINES: Readonly<Record<AuditKind, string>> = {
  signal: 'Strategy signal',
  risk_decision: 'Risk decision',
  order: 'Order event',
  fill: 'Fill',
  exchange_response: 'Exchange answer',
  state_change: 'Trading state change',
  person_action: 'Your action',
  alert: 'Alert',
  system: 'Bookkeeping',
};

function generic(kind: AuditKind, payload: unknown, subject: string | null): string {
  const event = parsed(Evented, payload)?.event;
  return `${KIND_LINES[kind]}${event === undefined ? '' : `: ${words(event)}`}${subject === null ? '' : ` (${subject})`}. See the details.`;
}

/** The entry's one-line summary; never throws, whatever the stored details are. */
export function summarizeActivity(kind: AuditKind, subject: string | null, payloadJson: string): string {
  let payload: unknown;
  try {
    payload = JSON.parse(payloadJson);
  } catch {
    return 'The details of this entry cannot be read: they are not valid JSON, so the file may have been edited.';
  }
  return oneLine(SUMMARIES[kind](payload, subject) ?? generic(kind, payload, subject));
}
