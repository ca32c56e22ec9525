import type { Candle, Timeframe } from '../../market/index.ts';
import { ATR } from '../../signals/indicators/index.ts';
import type { TriggerSettings } from './triggerSettings.ts';
import type { RiskTrigger, TriggerReading } from './triggerReading.ts';

export function volatilityTriggerId(symbol: string, timeframe: Timeframe): string {
  return `volatility_shock:${symbol}:${timeframe}`;
}

/**
 * Fed every closed bar of one market. Trips when the close moves more than `atrMultiple` ATRs
 * from the previous close, the ATR taken BEFORE the bar (a shock must not dilute its own
 * yardstick). Clears after `calmBarsToClear` bars without a shock.
 */
export function createVolatilityShockTrigger(symbol: string, timeframe: Timeframe, settings: TriggerSettings['volatilityShock']): RiskTrigger<Candle> {
  const triggerId = volatilityTriggerId(symbol, timeframe);
  const atr = new ATR(settings.atrPeriod);
  let previousClose = Number.NaN;
  let calmBars = Number.POSITIVE_INFINITY;
  let lastShockMoveInAtr = 0;
  return {
    triggerId,
    check(candle): TriggerReading {
      const atrBefore = atr.value;
      const moveQuote = Math.abs(candle.close - previousClose);
      const moveInAtr = atrBefore !== undefined && atrBefore > 0 && Number.isFinite(moveQuote) ? moveQuote / atrBefore : 0;
      atr.update(candle.high, candle.low, candle.close);
      previousClose = candle.close;
      if (moveInAtr > settings.atrMultiple) {
        calmBars = 0;
        lastShockMoveInAtr = moveInAtr;
      } else if (calmBars !== Number.POSITIVE_INFINITY) {
        calmBars += 1;
      }
      const tripped = calmBars < settings.calmBarsToClear;
      const when = new Date(candle.openTimeMs).toISOString().replace('T', ' ').slice(0, 16);
      return {
        triggerId,
        tripped,
        action: settings.action,
        cause: tripped
          ? { code: 'VOLATILITY_SHOCK', message: `${symbol} moved ${lastShockMoveInAtr.toFixed(1)} times its usual ${timeframe} range in one bar (${when} UTC); Ballast only reduces positions until the market calms down.` }
          : { code: 'VOLATILITY_CALM', message: `${symbol} has moved within its usual range for ${String(Math.min(calmBars, settings.calmBarsToClear))} bars.` },
        details: { symbol, timeframe, moveQuote: Number.isFinite(moveQuote) ? moveQuote : null, atrBeforeQuote: atrBefore ?? null, moveInAtr, atrMultiple: settings.atrMultiple, calmBars: Number.isFinite(calmBars) ? calmBars : null },
        atMs: candle.openTimeMs,
      };
    },
  };
}
