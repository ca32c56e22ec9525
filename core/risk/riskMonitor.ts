import type { Candle, Timeframe } from '../market/index.ts';
import type { EquityMarks, EquityWatermarks } from './equityWatermarks.ts';
import type { RiskLimits } from './riskLimits.ts';
import type { TradingStateMachine } from './tradingStateMachine.ts';
import { createDailyLossTrigger, createDrawdownTrigger } from './triggers/accountTriggers.ts';
import { createDataFeedTrigger, type FeedValidation } from './triggers/dataFeedTrigger.ts';
import { createExchangeErrorTrigger, type ExchangeErrorRate } from './triggers/exchangeErrorTrigger.ts';
import { reportKeyPermissions, type KeyPermissionReading } from './triggers/keyPermissionTrigger.ts';
import type { RiskTrigger, TriggerReading } from './triggers/triggerReading.ts';
import { DEFAULT_TRIGGER_SETTINGS, type TriggerSettings } from './triggers/triggerSettings.ts';
import { createVolatilityShockTrigger } from './triggers/volatilityShockTrigger.ts';

export interface RiskMonitorOptions {
  readonly machine: TradingStateMachine;
  readonly watermarks: EquityWatermarks;
  /** Read on every check, so the person's limit changes apply at once. */
  readonly limits: () => RiskLimits;
  readonly settings?: () => TriggerSettings;
  /**
   * A market's closed bars before `openTimeMs`, oldest first (a live feed's backfilled history,
   * or a resumed replay's earlier bars). A market's volatility trigger reads them once, when it is
   * built, so it judges from its first bar instead of after weeks of warm-up — and a restart
   * during a crash finds the crash again instead of starting blind. About six weeks is plenty.
   */
  readonly candlesBefore?: (symbol: string, timeframe: Timeframe, openTimeMs: number) => Iterable<Candle>;
}

/**
 * Where the runtime feeds what it observes; each input runs its trigger and the reading goes to
 * the state machine (which latches and journals it). Another trigger, such as drift, plugs in
 * through `report`.
 */
export interface RiskMonitor {
  /** Every mark-to-market: updates the watermarks, then checks daily loss and drawdown. */
  onEquity(equityQuote: number, quoteAsset: string, atMs: number): EquityMarks;
  /** Every closed bar of a traded market: volatility shock. */
  onClosedCandle(symbol: string, timeframe: Timeframe, candle: Candle): TriggerReading;
  /** Every validation of a feed (gaps, outages, staleness). */
  onFeedValidation(symbol: string, timeframe: Timeframe, validation: FeedValidation): TriggerReading;
  /** The OrderManager's sliding-window error counts. */
  onExchangeErrorRate(rate: ExchangeErrorRate): TriggerReading;
  /** Every permission read of the live key. */
  onKeyPermissions(reading: KeyPermissionReading): TriggerReading;
  report(reading: TriggerReading): TriggerReading;
}

export function createRiskMonitor(options: RiskMonitorOptions): RiskMonitor {
  const { machine, watermarks, limits } = options;
  const settings = options.settings ?? (() => DEFAULT_TRIGGER_SETTINGS);
  const dailyLoss = createDailyLossTrigger({ limitFraction: () => limits().dailyLossFractionOfEquity, action: () => settings().dailyLossAction });
  const drawdown = createDrawdownTrigger({ limitFraction: () => limits().maxDrawdownFraction, action: () => settings().drawdownAction });
  const errorRate = createExchangeErrorTrigger(() => settings().errorRate);
  const perMarket = new Map<string, RiskTrigger<Candle>>();
  const feeds = new Map<string, RiskTrigger<FeedValidation>>();

  const report = (reading: TriggerReading): TriggerReading => {
    machine.report(reading);
    return reading;
  };

  return {
    onEquity(equityQuote, quoteAsset, atMs) {
      const marks = watermarks.observe(equityQuote, atMs);
      const reading = { atMs, quoteAsset, equityQuote, dayStartEquityQuote: marks.dayStartEquityQuote, highWaterMarkQuote: marks.highWaterMarkQuote };
      report(dailyLoss.check(reading));
      report(drawdown.check(reading));
      return marks;
    },
    onClosedCandle(symbol, timeframe, candle) {
      const key = `${symbol}|${timeframe}`;
      let trigger = perMarket.get(key);
      if (trigger === undefined) {
        trigger = createVolatilityShockTrigger(symbol, timeframe, settings().volatilityShock);
        // Readings of the history are not reported: they happened before this run was watching.
        for (const earlier of options.candlesBefore?.(symbol, timeframe, candle.openTimeMs) ?? []) trigger.check(earlier);
        perMarket.set(key, trigger);
      }
      return report(trigger.check(candle));
    },
    onFeedValidation(symbol, timeframe, validation) {
      const key = `${symbol}|${timeframe}`;
      let trigger = feeds.get(key);
      if (trigger === undefined) {
        trigger = createDataFeedTrigger(symbol, timeframe, () => settings().dataFeed);
        feeds.set(key, trigger);
      }
      return report(trigger.check(validation));
    },
    onExchangeErrorRate: (rate) => report(errorRate.check(rate)),
    onKeyPermissions: (reading) => reportKeyPermissions(machine, reading),
    report,
  };
}
