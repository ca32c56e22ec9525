import type { TradingStateName } from '../../model/index.ts';
import type { RiskReason } from '../../risk/index.ts';
import type { ExchangeOrder } from '../exchangePort.ts';

/** An order the kill switch dealt with, as the exchange knows it. */
export interface KilledOrder {
  readonly symbol: string;
  readonly exchangeOrderId: string;
  readonly clientOrderId: string;
  /** The status the exchange answered the cancel with (CANCELED, or FILLED if it filled first). */
  readonly status: ExchangeOrder['status'];
}

/** An order still open at the last look, or whose cancel was never acknowledged. */
export interface UnconfirmedOrder {
  readonly symbol: string;
  readonly exchangeOrderId: string;
  readonly clientOrderId: string;
  /** What went wrong with it most recently, in plain words with the exchange's detail. */
  readonly problem: string;
}

export interface FlattenOrderReport {
  readonly symbol: string;
  readonly amountBase: number;
  readonly limitPriceQuote: number | null;
  readonly outcome: 'submitted' | 'failed';
  readonly clientOrderId: string | null;
  readonly detail: string;
}

export interface FlattenReport {
  readonly orders: readonly FlattenOrderReport[];
  /** Positions not flattened, with the risk layer's reasons (dust below the minimum, no prices…). */
  readonly skipped: readonly { readonly symbol: string; readonly reasons: readonly RiskReason[] }[];
  readonly problem: string | null;
}

export interface KillRequestCounts {
  readonly listings: number;
  readonly cancels: number;
  readonly rateLimitedWaits: number;
  readonly waitedMs: number;
}

/**
 * Exactly what Kill did. `success` is true ONLY when the exchange itself listed zero open
 * orders after the cancels (and, when asked, every flatten order was submitted).
 */
export interface KillReport {
  readonly success: boolean;
  readonly summary: string;
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
  readonly state: TradingStateName;
  /** The move to KILLED could not be saved to the journal (it holds in memory). */
  readonly stateProblem: string | null;
  readonly zeroOpenOrdersConfirmed: boolean;
  readonly zeroOpenOrdersConfirmedAtMs: number | null;
  /** Open orders at the first successful look; null if the exchange never answered. */
  readonly openOrdersAtStart: number | null;
  readonly cancelled: readonly KilledOrder[];
  readonly unconfirmed: readonly UnconfirmedOrder[];
  /** Why the open orders could not be listed at the last attempt, or null. */
  readonly listingProblem: string | null;
  readonly flatten: FlattenReport | null;
  /** Everything that went wrong, in plain words, including journal failures. */
  readonly problems: readonly string[];
  readonly requests: KillRequestCounts;
}

export interface KillAlert {
  readonly severity: 'critical' | 'warning' | 'info';
  readonly title: string;
  readonly message: string;
  readonly report: KillReport;
}

export function summarizeKill(report: Omit<KillReport, 'summary'>): string {
  const cancelled = report.cancelled.length;
  if (report.zeroOpenOrdersConfirmed) {
    const flatten = report.flatten;
    const flattenText = flatten === null
      ? ''
      : ` ${String(flatten.orders.filter((order) => order.outcome === 'submitted').length)} closing order(s) sent${flatten.orders.some((order) => order.outcome === 'failed') ? ', some could not be sent' : ''}${flatten.skipped.length > 0 ? `, ${String(flatten.skipped.length)} position(s) could not be closed` : ''}.`;
    return `Trading is stopped. ${String(cancelled)} order(s) cancelled; the exchange confirms no open orders remain.${flattenText}`;
  }
  if (report.unconfirmed.length > 0) {
    return `Trading is stopped, but ${String(report.unconfirmed.length)} order(s) could not be confirmed cancelled: ${report.unconfirmed.map((order) => `${order.symbol} ${order.clientOrderId}`).join(', ')}. Ballast keeps trying.`;
  }
  return `Trading is stopped, but Ballast could not confirm with the exchange that no orders remain (${report.listingProblem ?? 'no answer'}). It keeps trying.`;
}
