import type { Candle } from '../market/index.ts';
import type { Signal } from './signal.ts';
import type { Strategy, StrategyReading } from './strategy.ts';

export interface SignalStep {
  readonly reading: StrategyReading;
  /** Present only when the strategy's stance changed on this bar. */
  readonly signal: Signal | null;
}

/**
 * Runs a strategy bar by bar and emits a `Signal` when its stance changes (neutral → bullish,
 * bullish → bearish, …). A stance that merely persists is not news: re-stating it every bar
 * would flood the audit trail without adding a decision.
 */
export function createSignalEmitter(strategy: Strategy, symbol: string): { next(candle: Candle): SignalStep } {
  let previousStance: Signal['stance'] = 'neutral';
  const { id: strategyId } = strategy.description;
  return {
    next(candle) {
      const reading = strategy.update(candle);
      if (reading.score === undefined || reading.stance === previousStance) return { reading, signal: null };
      previousStance = reading.stance;
      const signal: Signal = {
        signalId: `${strategyId}:${symbol}:${candle.openTimeMs}`,
        strategyId,
        symbol,
        barOpenTimeMs: candle.openTimeMs,
        score: reading.score,
        confidence: reading.confidence,
        horizonBars: 1,
        stance: reading.stance,
        rationale: reading.rationale,
        features: reading.features,
        invalidationPriceQuote: candle.close - reading.stopDistanceQuote,
        closeQuote: candle.close,
      };
      return { reading, signal };
    },
  };
}
