import type { SizedOrder } from './intent.ts';
import { describeRiskReason, type ReasonDetails, type RiskReasonCode } from './reasonCodes.ts';

/** One veto or shrink: a code to act on, a sentence for the person, the numbers behind it. */
export interface RiskReason {
  readonly code: RiskReasonCode;
  readonly message: string;
  readonly details: ReasonDetails;
}

export function riskReason(code: RiskReasonCode, details: ReasonDetails = {}): RiskReason {
  return { code, message: describeRiskReason(code, details), details };
}

const NO_REASONS: readonly RiskReason[] = Object.freeze([]);

/**
 * What `evaluate` decided. `approved` and `shrunk` carry the order to send, already rounded to
 * the market's precision; `notionalQuote` is its value at the price it was sized at.
 */
export type RiskDecision =
  | { readonly kind: 'approved'; readonly intentId: string; readonly order: SizedOrder; readonly notionalQuote: number; readonly reasons: readonly RiskReason[] }
  | { readonly kind: 'shrunk'; readonly intentId: string; readonly order: SizedOrder; readonly notionalQuote: number; readonly reasons: readonly RiskReason[] }
  | { readonly kind: 'rejected'; readonly intentId: string; readonly reasons: readonly RiskReason[] };

export type SendableDecision = Extract<RiskDecision, { readonly order: SizedOrder }>;

export function approved(order: SizedOrder, notionalQuote: number, reasons: readonly RiskReason[]): SendableDecision {
  if (reasons.length === 0) return { kind: 'approved', intentId: order.intentId, order, notionalQuote, reasons: NO_REASONS };
  return { kind: 'shrunk', intentId: order.intentId, order, notionalQuote, reasons };
}

export function rejected(intentId: string, reasons: readonly RiskReason[]): RiskDecision {
  return { kind: 'rejected', intentId, reasons };
}

export function rejectedFor(intentId: string, code: RiskReasonCode, details: ReasonDetails = {}): RiskDecision {
  return { kind: 'rejected', intentId, reasons: [riskReason(code, details)] };
}

export function isSendable(decision: RiskDecision): decision is SendableDecision {
  return decision.kind !== 'rejected';
}

/** One line for the decision feed. */
export function describeDecision(decision: RiskDecision): string {
  if (decision.kind === 'approved') {
    const { order } = decision;
    return `Approved: ${order.side} ${String(order.amountBase)} ${order.symbol}${order.limitPriceQuote === undefined ? ' at market' : ` at ${String(order.limitPriceQuote)}`}.`;
  }
  const because = decision.reasons.map((reason) => reason.message).join(' ');
  if (decision.kind === 'shrunk') {
    const { order } = decision;
    return `Made smaller: ${order.side} ${String(order.amountBase)} ${order.symbol}. ${because}`;
  }
  return `Not sent. ${because}`;
}

/** The journal payload of a decision: codes and numbers, no prose duplication beyond the messages. */
export function decisionAuditPayload(decision: RiskDecision): Record<string, unknown> {
  return {
    kind: decision.kind,
    intentId: decision.intentId,
    order: decision.kind === 'rejected' ? null : decision.order,
    notionalQuote: decision.kind === 'rejected' ? null : decision.notionalQuote,
    reasons: decision.reasons.map((reason) => ({ code: reason.code, message: reason.message, details: reason.details })),
  };
}
