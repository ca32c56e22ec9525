import {
  alertIdFor, capitalLadderAlert, dailyLossAlerts, drawdownAlerts, driftAlerts, errorSpikeAlert, keyCareAlerts, keyPermissionAlert,
  orderRejectedAlert, reconciliationAlerts, staleFeedAlert, tradingStateAlerts, unexpectedStopAlert, unprotectedPositionAlerts,
  weeklyReview, weeklyReviewAlert, type AlertDraft, type RecordedAlert, type TradingStateView,
} from '../../../../core/alerts/index.ts';

const AT = Date.UTC(2024, 4, 1, 12, 0);
const DAY = 86_400_000;

/**
 * At least one alert of every code, each made by its own rule from plain readings, so the
 * templates are checked against the parameters the rules really produce.
 */
export function alertOfEveryCode(): AlertDraft[] {
  const state = (name: TradingStateView['state'], code: string): TradingStateView => ({ state: name, sinceMs: AT, cause: { code, message: 'The exchange returned errors for 12 of 40 requests.' } });
  const key = { keyId: 'k1', label: 'main', exchange: 'Binance', maskedKeyId: 'AbCd…wXyZ', expiresAtMs: null, ipAllowlisted: true };
  const drafts: (AlertDraft | null | undefined)[] = [
    ...dailyLossAlerts({ tradingDay: '2024-05-01', lossQuote: 150, limitQuote: 200, quoteAsset: 'USDT', atMs: AT }),
    ...dailyLossAlerts({ tradingDay: '2024-05-01', lossQuote: 210, limitQuote: 200, quoteAsset: 'USDT', atMs: AT }),
    ...drawdownAlerts({ drawdownFraction: 0.08, limitFraction: 0.1, equityQuote: 9_200, highWaterMarkQuote: 10_000, highWaterMarkAtMs: AT - DAY, quoteAsset: 'USDT', atMs: AT }),
    ...drawdownAlerts({ drawdownFraction: 0.12, limitFraction: 0.1, equityQuote: 8_800, highWaterMarkQuote: 10_000, highWaterMarkAtMs: AT - DAY, quoteAsset: 'USDT', atMs: AT }),
    ...tradingStateAlerts(state('PAUSED', 'PERSON_PAUSED'), state('ACTIVE', 'PERSON_RESUMED')),
    ...tradingStateAlerts(state('ACTIVE', 'STARTED'), state('SAFE_MODE', 'EXCHANGE_ERROR_RATE')),
    ...tradingStateAlerts(state('ACTIVE', 'STARTED'), state('PAUSED', 'PERSON_PAUSED')),
    ...tradingStateAlerts(state('ACTIVE', 'STARTED'), state('KILLED', 'KEY_CAN_WITHDRAW')),
    errorSpikeAlert({ errorsInWindow: 12, requestsInWindow: 40, windowMs: 300_000, trippedAtMs: AT }),
    staleFeedAlert({ symbol: 'BTC/USDT', lastDataAtMs: AT - 600_000, staleSinceMs: AT - 300_000, atMs: AT }),
    ...driftAlerts({ level: 'moderate', featuresDrifted: 2, featuresChecked: 9, worstFeature: 'rsi_14', detectedAtMs: AT }),
    ...driftAlerts({ level: 'severe', featuresDrifted: 6, featuresChecked: 9, worstFeature: 'atr_14', detectedAtMs: AT }),
    ...unprotectedPositionAlerts([{ symbol: 'BTC/USDT', amountBase: 0.015, baseAsset: 'BTC', openedAtMs: AT - 600_000, stopConfirmed: false }], AT),
    ...reconciliationAlerts({ reconciledAtMs: AT, differences: 3, externalOrders: 2, externalSymbols: ['DOGE/USDT', 'PEPE/USDT'] }),
    orderRejectedAlert({ clientOrderId: 'c-1', symbol: 'BTC/USDT', side: 'buy', reasonCode: 'MIN_NOTIONAL', exchangeMessage: 'Filter failure: NOTIONAL <b>&</b>', atMs: AT }),
    keyPermissionAlert({ ...key, change: 'withdraw-enabled', atMs: AT }),
    keyPermissionAlert({ ...key, change: 'trading-disabled', atMs: AT }),
    keyPermissionAlert({ ...key, change: 'key-rejected', atMs: AT }),
    keyPermissionAlert({ ...key, change: 'unreadable', atMs: AT }),
    ...keyCareAlerts([{ ...key, createdAtMs: AT - 80 * DAY }], AT),
    ...keyCareAlerts([{ ...key, keyId: 'k2', createdAtMs: AT - 95 * DAY }], AT),
    ...keyCareAlerts([{ ...key, keyId: 'k3', createdAtMs: AT - 10 * DAY, expiresAtMs: AT + 5 * DAY, ipAllowlisted: false }], AT),
    ...keyCareAlerts([{ ...key, keyId: 'k4', createdAtMs: AT - 25 * DAY, ipAllowlisted: false }], AT),
    capitalLadderAlert({ kind: 'ready', fromQuote: 500, toQuote: 1_000, quoteAsset: 'USDT', reasonCode: null, atMs: AT }),
    capitalLadderAlert({ kind: 'stepped-up', fromQuote: 500, toQuote: 1_000, quoteAsset: 'USDT', reasonCode: null, atMs: AT }),
    capitalLadderAlert({ kind: 'stepped-down', fromQuote: 1_000, toQuote: 500, quoteAsset: 'USDT', reasonCode: 'SLIPPAGE_ABOVE_LIMIT', atMs: AT }),
    unexpectedStopAlert({ runId: 'r1', startedAtMs: AT - DAY, lastBeatAtMs: AT - 3_600_000, cleanStopAtMs: null }, AT),
    weeklyReviewAlert(weeklyReview({ fromMs: AT - 7 * DAY, toMs: AT, quoteAsset: 'USDT', orders: [], rejections: [], errors: [], positions: [], strategyResults: [], driftChecks: [], keys: [] }), AT),
    { code: 'CHANNEL_TEST', severity: 'info', params: {}, occurrenceKey: 'channel-test', groupKey: 'channel-test', atMs: AT },
  ];
  return drafts.filter((draft): draft is AlertDraft => draft !== null && draft !== undefined);
}

export function recorded(draft: AlertDraft, recordedAtMs = draft.atMs): RecordedAlert {
  return { ...draft, id: alertIdFor(draft.occurrenceKey), recordedAtMs };
}
