import type { AlertDraft } from '../alert.ts';
import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from './alertThresholds.ts';
import { allFinite, rounded } from './ruleValues.ts';

/** Today's loss against the daily loss limit, as the risk layer measures it (open P&L included). */
export interface DailyLossReading {
  /** The risk layer's trading-day key, e.g. `2024-05-01`: one warning and one "reached" per day. */
  readonly tradingDay: string;
  /** Today's loss as a positive amount (a gain is zero or negative). */
  readonly lossQuote: number;
  readonly limitQuote: number;
  readonly quoteAsset: string;
  readonly atMs: number;
}

/** Drawdown from the high-water mark against its limit. */
export interface DrawdownReading {
  /** (high-water mark − equity) / high-water mark, e.g. 0.08 for 8%. */
  readonly drawdownFraction: number;
  readonly limitFraction: number;
  readonly equityQuote: number;
  readonly highWaterMarkQuote: number;
  /** When the high-water mark was set: one warning and one "reached" per high-water mark. */
  readonly highWaterMarkAtMs: number;
  readonly quoteAsset: string;
  readonly atMs: number;
}

/**
 * The daily loss nearing its limit (warning, at 70% by default) or reaching it (critical). Only
 * the further one is returned: a jump straight past the limit needs no separate warning.
 * Unreadable numbers give no alert here: the risk layer refuses to trade on them and says so.
 */
export function dailyLossAlerts(reading: DailyLossReading, thresholds: AlertThresholds = DEFAULT_ALERT_THRESHOLDS): AlertDraft[] {
  const { lossQuote, limitQuote } = reading;
  if (!allFinite(lossQuote, limitQuote) || limitQuote <= 0 || lossQuote <= 0) return [];
  const used = lossQuote / limitQuote;
  const params = {
    lossQuote: rounded(lossQuote),
    limitQuote: rounded(limitQuote),
    usedPercent: rounded(used * 100, 1),
    quoteAsset: reading.quoteAsset,
    tradingDay: reading.tradingDay,
  };
  if (used >= 1) {
    return [{ code: 'DAILY_LOSS_LIMIT_REACHED', severity: 'critical', params, occurrenceKey: `daily-loss-reached:${reading.tradingDay}`, groupKey: 'daily-loss', atMs: reading.atMs }];
  }
  if (used >= thresholds.dailyLossNearFraction) {
    return [{ code: 'DAILY_LOSS_NEAR_LIMIT', severity: 'warning', params, occurrenceKey: `daily-loss-near:${reading.tradingDay}`, groupKey: 'daily-loss', atMs: reading.atMs }];
  }
  return [];
}

/** The drawdown nearing its limit (warning) or reaching it (critical), once per high-water mark. */
export function drawdownAlerts(reading: DrawdownReading, thresholds: AlertThresholds = DEFAULT_ALERT_THRESHOLDS): AlertDraft[] {
  const { drawdownFraction, limitFraction } = reading;
  if (!allFinite(drawdownFraction, limitFraction, reading.equityQuote, reading.highWaterMarkQuote) || limitFraction <= 0 || drawdownFraction <= 0) return [];
  const used = drawdownFraction / limitFraction;
  const params = {
    drawdownPercent: rounded(drawdownFraction * 100),
    limitPercent: rounded(limitFraction * 100),
    usedPercent: rounded(used * 100, 1),
    equityQuote: rounded(reading.equityQuote),
    highWaterMarkQuote: rounded(reading.highWaterMarkQuote),
    quoteAsset: reading.quoteAsset,
  };
  const episode = String(reading.highWaterMarkAtMs);
  if (used >= 1) {
    return [{ code: 'DRAWDOWN_LIMIT_REACHED', severity: 'critical', params, occurrenceKey: `drawdown-reached:${episode}`, groupKey: 'drawdown', atMs: reading.atMs }];
  }
  if (used >= thresholds.drawdownNearFraction) {
    return [{ code: 'DRAWDOWN_NEAR_LIMIT', severity: 'warning', params, occurrenceKey: `drawdown-near:${episode}`, groupKey: 'drawdown', atMs: reading.atMs }];
  }
  return [];
}
