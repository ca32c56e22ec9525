/** Why the OrderManager will not trade. The runtime shows `message`; `detail` is the technical part. */
export type RefusalCode =
  | 'EXCHANGE_UNREACHABLE'
  | 'KEY_REFUSED'
  | 'MARKETS_UNREADABLE'
  | 'ORDERS_UNREADABLE'
  | 'ORDER_STATUS_UNKNOWN'
  | 'FILLS_INCOMPLETE'
  | 'BALANCES_UNREADABLE'
  | 'JOURNAL_FAILED';

export type DiscrepancyKind = 'ORDER_STATUS' | 'ORDER_NOT_ON_EXCHANGE' | 'ORDER_NOT_IN_JOURNAL' | 'MISSING_FILLS' | 'BALANCE';

/** Something the journal and the exchange disagreed on, and what was done about it (always journaled). */
export interface Discrepancy {
  readonly kind: DiscrepancyKind;
  /** A client order id, or an asset for balances. */
  readonly subject: string;
  readonly journalHad: string;
  readonly exchangeHas: string;
  readonly resolution: string;
}

export interface ReconciliationReport {
  readonly atMs: number;
  readonly phase: 'startup' | 'periodic';
  readonly ordersChecked: number;
  readonly openOnExchange: number;
  /** Open orders that are not Ballast's (placed by hand): left alone, counted. */
  readonly foreignOpenOrders: number;
  readonly fillsAdded: number;
  readonly discrepancies: readonly Discrepancy[];
  /** Orders whose status is still unknown (periodic passes only; at startup that refuses). */
  readonly unresolvedOrders: readonly string[];
}

export type ExecutionReadiness =
  | { readonly state: 'NOT_STARTED' }
  | { readonly state: 'RECONCILING'; readonly sinceMs: number }
  | { readonly state: 'READY'; readonly report: ReconciliationReport }
  | { readonly state: 'REFUSED'; readonly code: RefusalCode; readonly message: string; readonly detail: string; readonly atMs: number };

export const REFUSAL_MESSAGES: Readonly<Record<RefusalCode, string>> = {
  EXCHANGE_UNREACHABLE: 'Ballast could not reach the exchange to check your orders and balances, so it is not trading. It will try again; nothing was sent.',
  KEY_REFUSED: 'The exchange refused the API key while Ballast was checking your orders, so it is not trading. Check the key in Settings.',
  MARKETS_UNREADABLE: 'Ballast could not read the exchange’s trading rules, so it is not trading.',
  ORDERS_UNREADABLE: 'Ballast could not read your open orders on the exchange, so it cannot be sure what is already placed and is not trading.',
  ORDER_STATUS_UNKNOWN: 'Ballast could not find out whether an order it sent before was placed, so it is not trading until it knows.',
  FILLS_INCOMPLETE: 'Ballast could not read all the trades on your orders, so it does not know your exact position and is not trading.',
  BALANCES_UNREADABLE: 'Ballast could not read your balances on the exchange, so it is not trading.',
  JOURNAL_FAILED: 'Ballast could not save to its journal, so it is not trading: every order must be recorded before it is sent.',
};
