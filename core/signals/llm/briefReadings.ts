import type { Candle } from '../../market/index.ts';
import { ATR, MACD, RSI, SMA } from '../indicators/index.ts';

/** The indicator readings a brief shows, by the names the model sees. */
export interface BriefReadings {
  /** Wilder ATR(14) of the closed bars, in quote currency; null while it warms up. */
  readonly atrQuote: number | null;
  readonly indicators: Readonly<Record<string, number | null>>;
}

export const BRIEF_ATR_PERIOD = 14;

/**
 * Standard readings computed from the same closed candles the brief summarises, with Ballast's
 * own indicators (ATR 14, RSI 14, SMA 20 and 50, MACD 12/26/9 histogram). For callers that have
 * no strategy readings at hand, like the `advise` command; a running bot can pass its strategy's
 * own readings instead. A reading still warming up is null; the ATR must be ready to ask at all.
 */
export function briefReadings(candles: readonly Candle[]): BriefReadings {
  const atr = new ATR(BRIEF_ATR_PERIOD);
  const rsi = new RSI(14);
  const sma20 = new SMA(20);
  const sma50 = new SMA(50);
  const macd = new MACD({ fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 });
  for (const candle of candles) {
    atr.update(candle.high, candle.low, candle.close);
    rsi.update(candle.close);
    sma20.update(candle.close);
    sma50.update(candle.close);
    macd.update(candle.close);
  }
  return {
    atrQuote: atr.value ?? null,
    indicators: {
      [`atr${String(BRIEF_ATR_PERIOD)}`]: atr.value ?? null,
      rsi14: rsi.value ?? null,
      sma20: sma20.value ?? null,
      sma50: sma50.value ?? null,
      macdHistogram: macd.value?.histogram ?? null,
    },
  };
}
