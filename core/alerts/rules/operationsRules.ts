import type { AlertDraft } from '../alert.ts';
import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from './alertThresholds.ts';
import { minutesBetween, rounded } from './ruleValues.ts';

/** The exchange error-rate trigger tripped: `trippedAtMs` marks the episode. */
export interface ErrorSpikeReading {
  readonly errorsInWindow: number;
  readonly requestsInWindow: number;
  readonly windowMs: number;
  readonly trippedAtMs: number;
}

export function errorSpikeAlert(reading: ErrorSpikeReading): AlertDraft {
  return {
    code: 'EXCHANGE_ERROR_SPIKE',
    severity: 'warning',
    params: { errors: reading.errorsInWindow, requests: reading.requestsInWindow, windowMinutes: rounded(reading.windowMs / 60_000, 1) },
    occurrenceKey: `error-spike:${reading.trippedAtMs}`,
    groupKey: 'exchange-errors',
    atMs: reading.trippedAtMs,
  };
}

/** A market's data stopped arriving or stopped being current; `staleSinceMs` marks the episode. */
export interface StaleFeedReading {
  readonly symbol: string;
  readonly lastDataAtMs: number;
  readonly staleSinceMs: number;
  readonly atMs: number;
}

export function staleFeedAlert(reading: StaleFeedReading): AlertDraft {
  return {
    code: 'STALE_FEED',
    severity: 'warning',
    params: { symbol: reading.symbol, lastDataAtMs: reading.lastDataAtMs, minutesSinceData: minutesBetween(reading.lastDataAtMs, reading.atMs) },
    occurrenceKey: `stale-feed:${reading.symbol}:${reading.staleSinceMs}`,
    groupKey: `stale-feed:${reading.symbol}`,
    atMs: reading.atMs,
  };
}

/** The drift monitor's verdict: moderate makes entries smaller, severe puts the bot in safe mode. */
export interface DriftReading {
  readonly level: 'none' | 'moderate' | 'severe';
  readonly featuresDrifted: number;
  readonly featuresChecked: number;
  /** The feature that moved most, by name (`rsi_14`…). */
  readonly worstFeature: string;
  readonly detectedAtMs: number;
}

export function driftAlerts(reading: DriftReading): AlertDraft[] {
  if (reading.level === 'none') return [];
  const severe = reading.level === 'severe';
  return [
    {
      code: severe ? 'DRIFT_SEVERE' : 'DRIFT_MODERATE',
      severity: severe ? 'warning' : 'info',
      params: { featuresDrifted: reading.featuresDrifted, featuresChecked: reading.featuresChecked, worstFeature: reading.worstFeature },
      occurrenceKey: `drift:${reading.level}:${reading.detectedAtMs}`,
      groupKey: 'drift',
      atMs: reading.detectedAtMs,
    },
  ];
}

/** A live position and whether its protective stop is confirmed resting on the exchange. */
export interface PositionProtection {
  readonly symbol: string;
  readonly amountBase: number;
  readonly baseAsset: string;
  readonly openedAtMs: number;
  readonly stopConfirmed: boolean;
}

/**
 * Positions still without a confirmed stop after the grace period (critical: the money in them
 * has no floor). One alert per position opening.
 */
export function unprotectedPositionAlerts(
  positions: readonly PositionProtection[],
  nowMs: number,
  thresholds: AlertThresholds = DEFAULT_ALERT_THRESHOLDS,
): AlertDraft[] {
  return positions
    .filter((position) => !position.stopConfirmed && nowMs - position.openedAtMs >= thresholds.unprotectedPositionGraceMs)
    .map((position) => ({
      code: 'POSITION_WITHOUT_STOP' as const,
      severity: 'critical' as const,
      params: {
        symbol: position.symbol,
        amountBase: position.amountBase,
        baseAsset: position.baseAsset,
        minutesUnprotected: minutesBetween(position.openedAtMs, nowMs),
      },
      occurrenceKey: `unprotected:${position.symbol}:${position.openedAtMs}`,
      groupKey: `unprotected:${position.symbol}`,
      atMs: nowMs,
    }));
}

/** What one reconciliation with the exchange found. */
export interface ReconciliationFindings {
  readonly reconciledAtMs: number;
  /** Orders, fills or balances where the journal and the exchange disagreed (and were corrected). */
  readonly differences: number;
  /** Open orders on the account that Ballast did not place; reported, never touched. */
  readonly externalOrders: number;
  readonly externalSymbols: readonly string[];
}

export function reconciliationAlerts(findings: ReconciliationFindings): AlertDraft[] {
  const alerts: AlertDraft[] = [];
  if (findings.differences > 0) {
    alerts.push({
      code: 'RECONCILIATION_DIFFERENCES',
      severity: 'warning',
      params: { differences: findings.differences },
      occurrenceKey: `reconciliation:${findings.reconciledAtMs}`,
      groupKey: 'reconciliation',
      atMs: findings.reconciledAtMs,
    });
  }
  if (findings.externalOrders > 0) {
    alerts.push({
      code: 'EXTERNAL_ORDERS_FOUND',
      severity: 'warning',
      params: { externalOrders: findings.externalOrders, symbols: findings.externalSymbols.slice(0, 10).join(', ') },
      occurrenceKey: `external-orders:${findings.reconciledAtMs}`,
      groupKey: 'external-orders',
      atMs: findings.reconciledAtMs,
    });
  }
  return alerts;
}

/** An order the exchange refused, with the exchange's reason as the execution layer classified it. */
export interface RejectedOrder {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  /** Ballast's reason code (`INSUFFICIENT_BALANCE`, `MIN_NOTIONAL`…). */
  readonly reasonCode: string;
  /** The exchange's own words, shortened; masked for secrets by the outbox like every row. */
  readonly exchangeMessage: string;
  readonly atMs: number;
}

/** Grouped by reason, so a run of identical refusals becomes one message and a digest. */
export function orderRejectedAlert(order: RejectedOrder): AlertDraft {
  return {
    code: 'ORDER_REJECTED',
    severity: 'warning',
    params: { symbol: order.symbol, side: order.side, reasonCode: order.reasonCode, exchangeMessage: order.exchangeMessage.slice(0, 300) },
    occurrenceKey: `rejected:${order.clientOrderId}`,
    groupKey: `rejected:${order.reasonCode}`,
    atMs: order.atMs,
  };
}
