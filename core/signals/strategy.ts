import type { Candle } from '../market/index.ts';
import type { Stance } from './signal.ts';

import type { AiStrategyId, AnyStrategyId } from '../model/index.ts';

export type { AiStrategyId, AnyStrategyId, StrategyId } from '../model/index.ts';

/** A line drawn over the price chart, e.g. a moving average. */
export interface OverlaySpec {
  readonly key: string;
  readonly label: string;
}

/** What a strategy is, in words a beginner can follow. */
export interface StrategyDescription {
  readonly id: AnyStrategyId | AiStrategyId;
  readonly name: string;
  readonly summary: string;
  readonly parameters: Readonly<Record<string, number>>;
  readonly overlays: readonly OverlaySpec[];
  /** Bars needed before the first reading. */
  readonly warmUpBars: number;
}

/** One bar's reading; `undefined` score while the indicators warm up. */
export interface StrategyReading {
  readonly score: number | undefined;
  readonly confidence: number;
  readonly stance: Stance;
  readonly features: Readonly<Record<string, number>>;
  /** Values of the overlays, in the order of `StrategyDescription.overlays` (NaN while warming up). */
  readonly overlayValues: readonly number[];
  /** The strategy's average true range, in quote currency, for the risk layer (null if it has none yet). */
  readonly atrQuote: number | null;
  /** Distance to a protective stop, in quote currency (NaN while warming up). */
  readonly stopDistanceQuote: number;
  readonly rationale: string;
}

/**
 * A rule-based strategy instance for one market. It sees closed bars in order and keeps its own
 * indicator state; it cannot see the exchange, positions or orders.
 */
export interface Strategy {
  readonly description: StrategyDescription;
  update(candle: Candle): StrategyReading;
}

/** Stance with hysteresis: a score must clear `enter` to turn bullish and fall below `exit` to turn bearish. */
export function stanceFor(score: number | undefined, enter: number, exit: number): Stance {
  if (score === undefined) return 'neutral';
  if (score >= enter) return 'bullish';
  if (score <= exit) return 'bearish';
  return 'neutral';
}

export const clampScore = (value: number): number => (value > 1 ? 1 : value < -1 ? -1 : value);
