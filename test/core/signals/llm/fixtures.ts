import type { Candle } from '../../../../core/market/index.ts';
import { DEFAULT_ADVISOR_SETTINGS, type AdvisorSettings, type MarketBriefInput } from '../../../../core/signals/llm/index.ts';
import { FAKE_MARKET } from '../../../fake-llm/answers.ts';

export const HOUR_MS = 3_600_000;
/** 2026-01-01T00:00:00Z */
export const START_MS = Date.UTC(2026, 0, 1);

/**
 * `count` hourly candles ending at a close of 100 (FAKE_MARKET), rising 0.5 a bar:
 * close[i] = 100 − 0.5·(count − 1 − i), open = previous close, high = close + 1, low = open − 1.
 */
export function risingCandles(count = 30, firstOpenTimeMs = START_MS): Candle[] {
  return Array.from({ length: count }, (_, i) => {
    const close = FAKE_MARKET.lastCloseQuote - 0.5 * (count - 1 - i);
    const open = close - 0.5;
    return { openTimeMs: firstOpenTimeMs + i * HOUR_MS, open, high: close + 1, low: open - 1, close, volumeBase: 10 + i };
  });
}

export function briefInput(overrides: Partial<MarketBriefInput> = {}): MarketBriefInput {
  return {
    symbol: FAKE_MARKET.symbol,
    timeframe: '1h',
    candles: risingCandles(),
    atrQuote: FAKE_MARKET.atrQuote,
    indicators: { rsi14: 58.2, sma20: 95.25, sma50: null },
    modelProbabilityUp: 0.56,
    position: { amountBase: 0, averageEntryPriceQuote: null, unrealisedPnlQuote: null },
    limits: {
      perTradeFractionOfEquity: 0.1,
      totalExposureFractionOfEquity: 0.5,
      dailyLossFractionOfEquity: 0.03,
      dailyLossUsedFractionOfEquity: 0.004,
      maxDrawdownFraction: 0.15,
      openPositions: 0,
      maxOpenPositions: 3,
    },
    tradingState: 'ACTIVE',
    ...overrides,
  };
}

/** The input for the bar `index` hours after the fixture's last bar (a new bar each time). */
export function briefInputForBar(index: number): MarketBriefInput {
  return briefInput({ candles: risingCandles(30, START_MS + index * HOUR_MS) });
}

export function advisorSettings(baseUrl: string, overrides: Partial<AdvisorSettings> = {}): AdvisorSettings {
  return { ...DEFAULT_ADVISOR_SETTINGS, enabled: true, presetId: 'hosted', baseUrl, model: 'fake-model', usesApiKey: true, timeoutMs: 5_000, ...overrides };
}

/** Obviously fake; tests assert it never leaves the request. */
export const CANARY_KEY = 'FAKE-CANARY-KEY-7c1e9a44d2b8f0365e1a';
