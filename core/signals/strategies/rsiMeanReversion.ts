import type { Candle } from '../../market/index.ts';
import { ATR, RSI } from '../indicators/index.ts';
import { clampScore, stanceFor, type Strategy, type StrategyReading } from '../strategy.ts';

export interface RsiMeanReversionParameters {
  readonly rsiBars: number;
  readonly atrBars: number;
  readonly stopAtr: number;
  /** RSI at or below which the market counts as oversold (buy). */
  readonly oversold: number;
  /** RSI at or above which the bounce is over (sell). */
  readonly recovered: number;
}

export const RSI_MEAN_REVERSION_DEFAULTS: RsiMeanReversionParameters = {
  rsiBars: 14,
  atrBars: 14,
  stopAtr: 2,
  oversold: 30,
  recovered: 55,
};

/** RSI mean reversion: buy a sharp fall (low RSI), sell once RSI has recovered. */
export function createRsiMeanReversion(parameters: RsiMeanReversionParameters = RSI_MEAN_REVERSION_DEFAULTS): Strategy {
  const rsi = new RSI(parameters.rsiBars);
  const atr = new ATR(parameters.atrBars);
  // Score = how far RSI sits below 50, scaled so the oversold line maps to the entry threshold.
  const scoreFor = (rsiValue: number): number => clampScore((50 - rsiValue) / 50);
  const enterScore = scoreFor(parameters.oversold);
  const exitScore = scoreFor(parameters.recovered);
  const description = {
    id: 'rsi-mean-reversion',
    name: 'RSI mean reversion',
    summary: `Buys when the ${parameters.rsiBars}-bar RSI drops to ${parameters.oversold} or below (a sharp fall), sells when it recovers to ${parameters.recovered}. Stop ${parameters.stopAtr} ATR below entry.`,
    parameters: { ...parameters },
    overlays: [],
    warmUpBars: Math.max(parameters.rsiBars + 1, parameters.atrBars),
  } as const;

  return {
    description,
    update(candle: Candle): StrategyReading {
      const rsiValue = rsi.update(candle.close);
      const atrValue = atr.update(candle.high, candle.low, candle.close);
      if (rsiValue === undefined || atrValue === undefined || atrValue <= 0) {
        return {
          score: undefined,
          confidence: 0,
          stance: 'neutral',
          features: {},
          overlayValues: [],
          stopDistanceQuote: Number.NaN,
          atrQuote: atrValue ?? null,
          rationale: 'Warming up: not enough bars yet.',
        };
      }
      const score = scoreFor(rsiValue);
      return {
        score,
        confidence: Math.min(1, Math.abs(score) * 2),
        stance: stanceFor(score, enterScore, exitScore),
        features: { close: candle.close, rsi: rsiValue, atr: atrValue },
        overlayValues: [],
        stopDistanceQuote: parameters.stopAtr * atrValue,
        atrQuote: atrValue,
        get rationale() {
          return `RSI(${parameters.rsiBars}) is ${rsiValue.toFixed(1)} (oversold at ${parameters.oversold}, recovered at ${parameters.recovered}).`;
        },
      };
    },
  };
}
