import type { ExchangeOrder, OrderStatus } from './exchangePort.ts';

/**
 * The order state machine:
 *
 *   PENDING_SUBMIT ─▶ OPEN ─▶ PARTIALLY_FILLED ─▶ FILLED | CANCELED | EXPIRED
 *        │  │           └──────────┴────────────▶ FILLED | CANCELED | EXPIRED
 *        │  └─▶ REJECTED
 *        └─▶ UNKNOWN ─▶ (any status the exchange reports) | PENDING_SUBMIT (only once proven absent)
 *
 * Any live status may fall into UNKNOWN when a request about it times out. Terminal statuses are
 * final, except one Ballast decided itself (`confirmedByExchange` false): the exchange's own
 * record always wins over a local conclusion.
 */
export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED']);

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

const ALLOWED: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING_SUBMIT: ['OPEN', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'UNKNOWN'],
  UNKNOWN: ['PENDING_SUBMIT', 'OPEN', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED'],
  OPEN: ['PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED', 'UNKNOWN'],
  PARTIALLY_FILLED: ['PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED', 'UNKNOWN'],
  FILLED: [],
  CANCELED: [],
  REJECTED: [],
  EXPIRED: [],
};

/** Whether `from → to` is a normal step; anything else the exchange reports is journaled as a correction. */
export function isAllowedTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** An exchange may say "open" for an order that has started to fill; Ballast names that precisely. */
export function statusOfExchangeOrder(order: ExchangeOrder): OrderStatus {
  if (order.status === 'OPEN' && order.filledBase > 0) return 'PARTIALLY_FILLED';
  return order.status;
}
