import { money, percent } from '../riskWording.ts';
import type { RiskTrigger, TriggerAction, TriggerReading } from './triggerReading.ts';

export interface EquityReading {
  readonly atMs: number;
  readonly quoteAsset: string;
  /** Equity including open P&L. */
  readonly equityQuote: number;
  readonly dayStartEquityQuote: number;
  readonly highWaterMarkQuote: number;
}

export interface AccountTriggerOptions {
  /** Read on every check, so a change of the limit applies at once. */
  readonly limitFraction: () => number;
  readonly action: () => TriggerAction;
}

export const DAILY_LOSS_TRIGGER_ID = 'daily_loss';
export const DRAWDOWN_TRIGGER_ID = 'drawdown';

/**
 * Trips when the loss since the person's day began reaches the daily loss limit. It clears at
 * the next day (the day-start equity resets) or if the account recovers; leaving safe mode
 * still needs the person.
 */
export function createDailyLossTrigger(options: AccountTriggerOptions): RiskTrigger<EquityReading> {
  return {
    triggerId: DAILY_LOSS_TRIGGER_ID,
    check(reading): TriggerReading {
      const limit = options.limitFraction();
      const lossQuote = reading.dayStartEquityQuote - reading.equityQuote;
      const lossFraction = lossQuote > 0 ? lossQuote / reading.dayStartEquityQuote : 0;
      const tripped = !(lossFraction < limit);
      const limitQuote = reading.dayStartEquityQuote * limit;
      return {
        triggerId: DAILY_LOSS_TRIGGER_ID,
        tripped,
        action: options.action(),
        cause: {
          code: 'DAILY_LOSS_LIMIT',
          message: tripped
            ? `Today's loss of ${money(lossQuote, reading.quoteAsset)} reached the daily limit of ${percent(limit)} (${money(limitQuote, reading.quoteAsset)}).`
            : `Today's loss is back under the daily limit (${percent(lossFraction)} of ${percent(limit)}).`,
        },
        details: { lossQuote, lossFraction, limitFraction: limit, limitQuote, dayStartEquityQuote: reading.dayStartEquityQuote, equityQuote: reading.equityQuote },
        atMs: reading.atMs,
      };
    },
  };
}

/**
 * Trips when equity has fallen the maximum drawdown below its high-water mark. It clears when
 * equity recovers, or when the person resets the high-water mark (an audited decision).
 */
export function createDrawdownTrigger(options: AccountTriggerOptions): RiskTrigger<EquityReading> {
  return {
    triggerId: DRAWDOWN_TRIGGER_ID,
    check(reading): TriggerReading {
      const limit = options.limitFraction();
      const fallQuote = reading.highWaterMarkQuote - reading.equityQuote;
      const drawdown = fallQuote > 0 ? fallQuote / reading.highWaterMarkQuote : 0;
      const tripped = !(drawdown < limit);
      return {
        triggerId: DRAWDOWN_TRIGGER_ID,
        tripped,
        action: options.action(),
        cause: {
          code: 'DRAWDOWN_LIMIT',
          message: tripped
            ? `Your account is ${percent(drawdown)} below its highest value (${money(reading.highWaterMarkQuote, reading.quoteAsset)}), past the ${percent(limit)} limit.`
            : `The account is back within the drawdown limit (${percent(drawdown)} of ${percent(limit)}).`,
        },
        details: { drawdownFraction: drawdown, limitFraction: limit, highWaterMarkQuote: reading.highWaterMarkQuote, equityQuote: reading.equityQuote },
        atMs: reading.atMs,
      };
    },
  };
}
