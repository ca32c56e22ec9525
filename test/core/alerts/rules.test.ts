import { describe, expect, it } from 'vitest';
import {
  alertThresholdsSchema, capitalLadderAlert, dailyLossAlerts, drawdownAlerts, driftAlerts, errorSpikeAlert, keyPermissionAlert, orderRejectedAlert,
  reconciliationAlerts, staleFeedAlert, tradingStateAlerts, unexpectedStopAlert, unprotectedPositionAlerts, type TradingStateView,
} from '../../../core/alerts/index.ts';

const AT = Date.UTC(2024, 4, 1, 12, 0);

describe('daily loss rule', () => {
  const reading = (lossQuote: number) => ({ tradingDay: '2024-05-01', lossQuote, limitQuote: 200, quoteAsset: 'USDT', atMs: AT });

  it('stays quiet below 70% of the limit', () => {
    // 139 / 200 = 69.5% < 70%
    expect(dailyLossAlerts(reading(139))).toEqual([]);
  });

  it('warns at 70% of the limit, once per trading day', () => {
    // 140 / 200 = 70% → warning
    const [alert] = dailyLossAlerts(reading(140));
    expect(alert).toMatchObject({ code: 'DAILY_LOSS_NEAR_LIMIT', severity: 'warning', occurrenceKey: 'daily-loss-near:2024-05-01' });
    expect(alert?.params).toMatchObject({ lossQuote: 140, limitQuote: 200, usedPercent: 70 });
    // Evaluated again later the same day: the same occurrence, which the outbox records once.
    expect(dailyLossAlerts(reading(150))[0]?.occurrenceKey).toBe(alert?.occurrenceKey);
  });

  it('reports reaching the limit as critical, without a separate warning', () => {
    const alerts = dailyLossAlerts(reading(200.4));
    expect(alerts).toHaveLength(1);
    // 200.4 / 200 = 100.2%
    expect(alerts[0]).toMatchObject({ code: 'DAILY_LOSS_LIMIT_REACHED', severity: 'critical', params: { usedPercent: 100.2 } });
  });

  it('says nothing on unreadable numbers or a gain', () => {
    expect(dailyLossAlerts(reading(Number.NaN))).toEqual([]);
    expect(dailyLossAlerts(reading(-50))).toEqual([]);
    expect(dailyLossAlerts({ ...reading(10), limitQuote: 0 })).toEqual([]);
  });

  it('takes its threshold from the settings, within 50–95%', () => {
    const thresholds = alertThresholdsSchema.parse({ dailyLossNearFraction: 0.5 });
    // 100 / 200 = 50%
    expect(dailyLossAlerts(reading(100), thresholds)[0]?.code).toBe('DAILY_LOSS_NEAR_LIMIT');
    expect(alertThresholdsSchema.safeParse({ dailyLossNearFraction: 0.2 }).success).toBe(false);
  });
});

describe('drawdown rule', () => {
  const reading = (drawdownFraction: number, highWaterMarkAtMs = AT - 86_400_000) => ({
    drawdownFraction, limitFraction: 0.1, equityQuote: 10_000 * (1 - drawdownFraction), highWaterMarkQuote: 10_000, highWaterMarkAtMs, quoteAsset: 'USDT', atMs: AT,
  });

  it('warns at 70% of the drawdown limit and is critical at the limit, once per high-water mark', () => {
    // 7% of a 10% limit = 70%
    expect(drawdownAlerts(reading(0.07))[0]).toMatchObject({ code: 'DRAWDOWN_NEAR_LIMIT', params: { drawdownPercent: 7, limitPercent: 10, usedPercent: 70, equityQuote: 9_300 } });
    expect(drawdownAlerts(reading(0.069))).toEqual([]);
    expect(drawdownAlerts(reading(0.1))[0]?.code).toBe('DRAWDOWN_LIMIT_REACHED');
    expect(drawdownAlerts(reading(0.08, 1))[0]?.occurrenceKey).not.toBe(drawdownAlerts(reading(0.08, 2))[0]?.occurrenceKey);
  });
});

describe('trading state rule', () => {
  const state = (name: TradingStateView['state'], code: string, sinceMs = AT): TradingStateView => ({ state: name, sinceMs, cause: { code, message: `Because ${code}.` } });

  it('alerts on every change of state, with why', () => {
    expect(tradingStateAlerts(state('ACTIVE', 'STARTED'), state('SAFE_MODE', 'EXCHANGE_ERROR_RATE'))[0]).toMatchObject({
      code: 'TRADING_STATE_SAFE_MODE', severity: 'warning', params: { previousState: 'ACTIVE', causeCode: 'EXCHANGE_ERROR_RATE', causeMessage: 'Because EXCHANGE_ERROR_RATE.' },
    });
    expect(tradingStateAlerts(state('ACTIVE', 'STARTED'), state('KILLED', 'KEY_CAN_WITHDRAW'))[0]?.severity).toBe('critical');
    expect(tradingStateAlerts(state('ACTIVE', 'STARTED'), state('KILLED', 'PERSON_KILLED'))[0]?.severity).toBe('warning');
    expect(tradingStateAlerts(state('ACTIVE', 'STARTED'), state('PAUSED', 'PERSON_PAUSED'))[0]?.severity).toBe('info');
    expect(tradingStateAlerts(state('ACTIVE', 'STARTED'), state('PAUSED', 'DAILY_LOSS_LIMIT'))[0]?.severity).toBe('warning');
    expect(tradingStateAlerts(state('PAUSED', 'PERSON_PAUSED'), state('ACTIVE', 'PERSON_RESUMED'))[0]?.code).toBe('TRADING_STATE_ACTIVE');
  });

  it('is silent for the starting state and for a trigger inside the same state', () => {
    expect(tradingStateAlerts(null, state('KILLED', 'PERSON_KILLED'))).toEqual([]);
    expect(tradingStateAlerts(state('SAFE_MODE', 'A'), state('SAFE_MODE', 'B', AT + 1))).toEqual([]);
  });
});

describe('operations rules', () => {
  it('reports an error spike, a stale feed and drift with their numbers', () => {
    expect(errorSpikeAlert({ errorsInWindow: 12, requestsInWindow: 40, windowMs: 300_000, trippedAtMs: AT }).params).toEqual({ errors: 12, requests: 40, windowMinutes: 5 });
    // 7 minutes between the last candle and now
    expect(staleFeedAlert({ symbol: 'ETH/USDT', lastDataAtMs: AT - 420_000, staleSinceMs: AT - 120_000, atMs: AT }).params).toMatchObject({ minutesSinceData: 7 });
    expect(driftAlerts({ level: 'none', featuresDrifted: 0, featuresChecked: 9, worstFeature: 'rsi', detectedAtMs: AT })).toEqual([]);
    expect(driftAlerts({ level: 'moderate', featuresDrifted: 2, featuresChecked: 9, worstFeature: 'rsi', detectedAtMs: AT })[0]?.code).toBe('DRIFT_MODERATE');
    expect(driftAlerts({ level: 'severe', featuresDrifted: 6, featuresChecked: 9, worstFeature: 'rsi', detectedAtMs: AT })[0]?.severity).toBe('warning');
  });

  it('alerts on a position without a confirmed stop only after the grace period', () => {
    const position = { symbol: 'BTC/USDT', amountBase: 0.01, baseAsset: 'BTC', openedAtMs: AT, stopConfirmed: false };
    expect(unprotectedPositionAlerts([position], AT + 59_999)).toEqual([]);
    const [alert] = unprotectedPositionAlerts([position, { ...position, symbol: 'ETH/USDT', stopConfirmed: true }], AT + 180_000);
    expect(alert).toMatchObject({ code: 'POSITION_WITHOUT_STOP', severity: 'critical', params: { minutesUnprotected: 3 } });
  });

  it('reports reconciliation differences and external orders separately', () => {
    const findings = { reconciledAtMs: AT, differences: 2, externalOrders: 1, externalSymbols: ['DOGE/USDT'] };
    expect(reconciliationAlerts(findings).map((alert) => alert.code)).toEqual(['RECONCILIATION_DIFFERENCES', 'EXTERNAL_ORDERS_FOUND']);
    expect(reconciliationAlerts({ ...findings, differences: 0, externalOrders: 0 })).toEqual([]);
  });

  it('groups rejected orders by the exchange reason', () => {
    const a = orderRejectedAlert({ clientOrderId: 'c1', symbol: 'BTC/USDT', side: 'buy', reasonCode: 'MIN_NOTIONAL', exchangeMessage: 'x', atMs: AT });
    const b = orderRejectedAlert({ clientOrderId: 'c2', symbol: 'ETH/USDT', side: 'sell', reasonCode: 'MIN_NOTIONAL', exchangeMessage: 'y', atMs: AT });
    expect(a.groupKey).toBe(b.groupKey);
    expect(a.occurrenceKey).not.toBe(b.occurrenceKey);
  });

  it('makes a key that can withdraw critical and an unreadable one a warning', () => {
    const change = { keyId: 'k1', label: 'main', exchange: 'binance', maskedKeyId: 'AbCd…wXyZ', atMs: AT };
    expect(keyPermissionAlert({ ...change, change: 'withdraw-enabled' })).toMatchObject({ code: 'KEY_CAN_WITHDRAW', severity: 'critical' });
    expect(keyPermissionAlert({ ...change, change: 'key-rejected' })).toMatchObject({ code: 'KEY_REJECTED_BY_EXCHANGE', severity: 'critical' });
    expect(keyPermissionAlert({ ...change, change: 'unreadable' })).toMatchObject({ code: 'KEY_PERMISSIONS_UNREADABLE', severity: 'warning' });
  });

  it('tells about capital ladder steps; only a step down is a warning', () => {
    const step = { fromQuote: 500, toQuote: 1_000, quoteAsset: 'USDT', reasonCode: null, atMs: AT };
    expect(capitalLadderAlert({ ...step, kind: 'ready' })).toMatchObject({ code: 'CAPITAL_LADDER_STEP_READY', severity: 'info' });
    expect(capitalLadderAlert({ ...step, kind: 'stepped-down', fromQuote: 1_000, toQuote: 500, reasonCode: 'SLIPPAGE' }).severity).toBe('warning');
  });
});

describe('Ballast stopped unexpectedly', () => {
  it('is raised at start when the previous run left no clean-stop mark', () => {
    const previous = { runId: 'run-1', startedAtMs: AT - 7_200_000, lastBeatAtMs: AT - 1_800_000, cleanStopAtMs: null };
    // 30 minutes between the last heartbeat and this start
    expect(unexpectedStopAlert(previous, AT)).toMatchObject({ code: 'BALLAST_STOPPED_UNEXPECTEDLY', severity: 'critical', occurrenceKey: 'stopped:run-1', params: { minutesDown: 30 } });
    expect(unexpectedStopAlert({ ...previous, cleanStopAtMs: AT - 1_800_000 }, AT)).toBeNull();
    expect(unexpectedStopAlert(null, AT)).toBeNull();
  });
});
