import { describe, expect, it } from 'vitest';
import type { AlertDraft } from '../../../../core/alerts/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import { DEFAULT_RISK_LIMITS, type AccountView } from '../../../../core/risk/index.ts';
import { AlertRuleFeed, type AlertRuleFeedOptions } from '../../../../core/runtime/alerts/alertRuleFeed.ts';
import { LiveSeries } from '../../../../core/runtime/alerts/liveSeries.ts';
import type { LiveShareReading } from '../../../../core/runtime/live/liveBot.ts';

const T0 = Date.UTC(2030, 2, 1, 9);
const MINUTE_MS = 60_000;

function account(equityQuote: number, heldBase: number, markQuote: number, highWaterMarkQuote: number, dayStartEquityQuote = equityQuote): AccountView {
  return {
    quoteAsset: 'USDT', equityQuote, freeQuote: equityQuote - heldBase * markQuote,
    positions: heldBase > 0 ? [{ symbol: 'BTC/USDT', amountBase: heldBase, averageEntryQuote: markQuote, markPriceQuote: markQuote }] : [],
    openOrders: [], dayStartEquityQuote, highWaterMarkQuote, orderTimesMs: [],
  };
}
const reading = (view: AccountView, markQuote: number | null, startedAtMs = T0): LiveShareReading => ({ startedAtMs, symbol: 'BTC/USDT', account: view, markQuote });

describe('the live share over time, for Monitoring', () => {
  it('values the share, its P&L, what is in the market, the fall from the risk layer’s own high-water mark, and buy-and-hold from the first reading', () => {
    const series = new LiveSeries();
    series.record(reading(account(1_000, 0, 20_000, 1_000), 20_000), T0);
    series.record(reading(account(1_010, 0.01, 21_000, 1_010), 21_000), T0 + 60 * MINUTE_MS);
    series.record(reading(account(950, 0.01, 15_000, 1_010), 15_000), T0 + 120 * MINUTE_MS);
    const points = series.points();
    expect(points.map((point) => point.equityQuote)).toEqual([1_000, 1_010, 950]);
    expect(points.map((point) => point.pnlQuote)).toEqual([0, 10, -50]);
    // 1,000 USDT put into the market at 20,000: 0.05 BTC, worth 1,050 at 21,000 and 750 at 15,000.
    expect(points.map((point) => point.buyAndHoldQuote)).toEqual([1_000, 1_050, 750]);
    expect(points[1]!.exposureFraction).toBeCloseTo(210 / 1_010, 10);
    expect(points[2]!.drawdownFraction).toBeCloseTo(60 / 1_010, 10);
    expect(points[0]!.drawdownFraction).toBe(0);
  });

  it('keeps an unchanged reading only once an hour, never goes back in time, and starts again with a new live run', () => {
    const series = new LiveSeries();
    const same = account(1_000, 0, 20_000, 1_000);
    series.record(reading(same, 20_000), T0);
    series.record(reading(same, 20_000), T0 + MINUTE_MS);
    series.record(reading(account(990, 0, 20_000, 1_000), 20_000), T0 - MINUTE_MS);
    expect(series.points()).toHaveLength(1);
    series.record(reading(same, 20_000), T0 + 60 * MINUTE_MS);
    expect(series.points()).toHaveLength(2);
    series.record(reading(account(500, 0, 30_000, 500), 30_000, T0 + 1), T0 + 61 * MINUTE_MS);
    expect(series.points()).toEqual([expect.objectContaining({ equityQuote: 500, pnlQuote: 0, buyAndHoldQuote: 500 })]);
  });

  it('skips a reading without a usable value rather than charting a zero', () => {
    const series = new LiveSeries();
    series.record(reading(account(Number.NaN, 0, 20_000, 1_000), 20_000), T0);
    series.record(reading(account(0, 0, 20_000, 1_000), 20_000), T0 + MINUTE_MS);
    expect(series.points()).toEqual([]);
  });
});

describe('daily loss and drawdown warnings for the live share', () => {
  it('warns at 70 % of the daily loss limit on real money, under keys of its own so a paper warning the same day hides nothing', () => {
    const raised: AlertDraft[] = [];
    const feed = new AlertRuleFeed({
      raise: (drafts: readonly AlertDraft[]) => { raised.push(...drafts); },
      riskLimits: { current: () => DEFAULT_RISK_LIMITS },
      rotationPeriodDays: () => 90,
      nowMs: () => T0,
      log: createLogger({ level: 'silent' }),
    } as unknown as AlertRuleFeedOptions);
    const dayStart = 1_000;
    const limitQuote = dayStart * DEFAULT_RISK_LIMITS.dailyLossFractionOfEquity;
    feed.checkLiveAccount(account(dayStart - limitQuote * 0.5, 0, 20_000, dayStart, dayStart), T0);
    expect(raised).toEqual([]);
    feed.checkLiveAccount(account(dayStart - limitQuote * 0.75, 0, 20_000, dayStart, dayStart), T0 + MINUTE_MS);
    const near = raised.find((draft) => draft.code === 'DAILY_LOSS_NEAR_LIMIT');
    expect(near).toMatchObject({ severity: 'warning', occurrenceKey: expect.stringMatching(/^live:daily-loss-near:/) as unknown, groupKey: 'live:daily-loss', params: { usedPercent: 75 } });
    feed.checkLiveAccount(account(dayStart - limitQuote * 1.01, 0, 20_000, dayStart, dayStart), T0 + 2 * MINUTE_MS);
    expect(raised.find((draft) => draft.code === 'DAILY_LOSS_LIMIT_REACHED')).toMatchObject({ severity: 'critical', occurrenceKey: expect.stringMatching(/^live:/) as unknown });
  });
});
