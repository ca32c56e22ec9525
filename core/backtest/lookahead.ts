/**
 * Two checks that a thing reading closed bars — a strategy, the model's feature computer — is
 * honest about time:
 *
 * 1. Lookahead: at every decision point, its reading is recomputed from a fresh instance that
 *    only ever had the history up to that bar, and compared with the reading the run used. Any
 *    difference means the value depended on something after the bar: "uses future data", with
 *    the first such bar, the value's name and both values.
 * 2. Warm-up: the reading at a bar should not depend on how much history came before it. Two
 *    instances, one started `offsetBars` later than the other, are run side by side; the
 *    warm-up is the history needed before their values stay within a tolerance of each other.
 *    Until then the engine does not let the strategy trade.
 *
 * Both work on anything that consumes closed bars and returns named numbers (`ClosedBarReader`).
 * Its factory is handed the history it may know of: a reader that looks past the bar it was
 * given (a vectorised indicator over a whole file) gives itself away when that history is cut.
 */
import type { Candle } from '../market/index.ts';
import type { Strategy, StrategyReading } from '../signals/index.ts';

export type NamedNumbers = Readonly<Record<string, number>>;

/** Reads closed bars in time order; undefined while it has nothing to say yet. */
export interface ClosedBarReader {
  update(candle: Candle): NamedNumbers | undefined;
}

/** A fresh reader; `history` holds every bar it may know of (up to the last bar it will be fed). */
export type ClosedBarReaderFactory = (history: readonly Candle[]) => ClosedBarReader;

const STANCE_NUMBER = { bearish: -1, neutral: 0, bullish: 1 } as const;

/**
 * A strategy's reading as named numbers: score, confidence, stance, overlays, ATR, stop distance
 * and features. The warm-up check leaves the stance out: a strategy may hold its stance between
 * events (the moving-average cross holds it between crosses), which says where it has been, not
 * whether its indicators have settled; its next change is the same either way.
 */
export function readingNumbers(reading: StrategyReading, withStance = true): NamedNumbers | undefined {
  if (reading.score === undefined) return undefined;
  const numbers: Record<string, number> = {
    score: reading.score,
    confidence: reading.confidence,
    atrQuote: reading.atrQuote ?? Number.NaN,
    stopDistanceQuote: reading.stopDistanceQuote,
  };
  if (withStance) numbers.stance = STANCE_NUMBER[reading.stance];
  reading.overlayValues.forEach((value, index) => {
    numbers[`overlay${index}`] = value;
  });
  for (const [name, value] of Object.entries(reading.features)) numbers[`feature.${name}`] = value;
  return numbers;
}

/** A strategy as a closed-bar reader (built-in strategies never see `history`). */
export function strategyReader(create: () => Strategy, withStance = true): ClosedBarReaderFactory {
  return () => {
    const strategy = create();
    return { update: (candle) => readingNumbers(strategy.update(candle), withStance) };
  };
}

export interface LookaheadFinding {
  readonly code: 'USES_FUTURE_DATA';
  /** Index of the first bar whose reading changed when the history was cut at it. */
  readonly bar: number;
  readonly openTimeMs: number;
  readonly name: string;
  /** The value the run used (it had more than the bars up to `bar`). */
  readonly valueInRun: number | null;
  /** The value from history cut at `bar`. */
  readonly valueFromCutHistory: number | null;
}

export type LookaheadResult = { readonly ok: true; readonly decisionPoints: number } | { readonly ok: false; readonly finding: LookaheadFinding };

const sameNumber = (a: number | undefined, b: number | undefined): boolean => (a === undefined ? b === undefined : b !== undefined && Object.is(a, b));

function firstDifference(run: NamedNumbers | undefined, cut: NamedNumbers | undefined): string | null {
  if (run === undefined || cut === undefined) return run === cut ? null : '(reading)';
  for (const name of Object.keys(run)) if (!sameNumber(run[name], cut[name])) return name;
  for (const name of Object.keys(cut)) if (!(name in run)) return name;
  return null;
}

export interface LookaheadInput {
  readonly candles: readonly Candle[];
  readonly factory: ClosedBarReaderFactory;
  /**
   * The reading the run acted on at each bar (for instance what the backtest engine saw). Absent:
   * a reader made with the whole history and fed every bar stands for the run.
   */
  readonly observed?: (bar: number) => NamedNumbers | undefined;
  /** Bars to check; every bar when absent. */
  readonly decisionBars?: Iterable<number>;
}

/** Check 1: recompute every decision point from history cut at it; the first difference fails. */
export function checkLookahead(input: LookaheadInput): LookaheadResult {
  const { candles, factory } = input;
  let observed = input.observed;
  if (observed === undefined) {
    const full = factory(candles);
    const readings = candles.map((candle) => full.update(candle));
    observed = (bar) => readings[bar];
  }
  let decisionPoints = 0;
  for (const bar of input.decisionBars ?? candles.keys()) {
    const history = candles.slice(0, bar + 1);
    const reader = factory(history);
    let cut: NamedNumbers | undefined;
    for (const candle of history) cut = reader.update(candle);
    const run = observed(bar);
    const name = firstDifference(run, cut);
    decisionPoints++;
    if (name !== null) {
      return {
        ok: false,
        finding: { code: 'USES_FUTURE_DATA', bar, openTimeMs: (candles[bar] as Candle).openTimeMs, name, valueInRun: run?.[name] ?? null, valueFromCutHistory: cut?.[name] ?? null },
      };
    }
  }
  return { ok: true, decisionPoints };
}

export interface WarmUpOptions {
  /** Values agree when |a − b| ≤ tolerance × max(1, |a|, |b|). Default 1e-6. */
  readonly tolerance?: number;
  /** How much later the second reader starts. Default: the declared warm-up, at least 1. */
  readonly offsetBars?: number;
  /** The agreement must hold this many bars in a row to count. Default max(100, 2 × offset). */
  readonly confirmBars?: number;
  /** Give up after this many bars of the later reader. Default max(2,000, 40 × offset). */
  readonly maxBars?: number;
}

/** Bars of the later reader the warm-up check reads at most (the default `maxBars`). */
export const WARM_UP_WINDOW_BARS = (offsetBars: number): number => Math.max(2_000, 40 * Math.max(1, offsetBars));

export type WarmUpResult =
  | { readonly ok: true; readonly warmUpBars: number }
  | { readonly ok: false; readonly code: 'WARM_UP_DOES_NOT_CONVERGE'; readonly barsTried: number; readonly name: string };

function agree(a: NamedNumbers | undefined, b: NamedNumbers | undefined, tolerance: number): string | null {
  if (a === undefined || b === undefined) return a === b ? null : '(reading)';
  for (const name of Object.keys(a)) {
    const x = a[name] as number;
    const y = b[name];
    if (y === undefined) return name;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!(Math.abs(x - y) <= tolerance * Math.max(1, Math.abs(x), Math.abs(y)))) return name;
  }
  return null;
}

/**
 * Check 2: bars of history a reader needs before its values stop depending on where it started.
 * An exponentially smoothed indicator (Wilder's RSI or ATR) needs several times its period; a
 * plain moving average exactly its window.
 */
export function measureWarmUp(candles: readonly Candle[], factory: ClosedBarReaderFactory, declaredWarmUpBars: number, options: WarmUpOptions = {}): WarmUpResult {
  const tolerance = options.tolerance ?? 1e-6;
  const offset = Math.max(1, options.offsetBars ?? declaredWarmUpBars);
  const confirm = options.confirmBars ?? Math.max(100, 2 * offset);
  const maxBars = options.maxBars ?? WARM_UP_WINDOW_BARS(offset);
  const early = factory(candles);
  const late = factory(candles);
  for (let bar = 0; bar < offset && bar < candles.length; bar++) early.update(candles[bar] as Candle);
  let lastDisagreement = -1;
  let disagreeing = '(no bars)';
  let fed = 0;
  for (let bar = offset; bar < candles.length && fed < maxBars; bar++, fed++) {
    const candle = candles[bar] as Candle;
    const name = agree(early.update(candle), late.update(candle), tolerance);
    if (name !== null) {
      lastDisagreement = fed;
      disagreeing = name;
    } else if (fed - lastDisagreement >= confirm) {
      return { ok: true, warmUpBars: lastDisagreement + 2 };
    }
  }
  // The data ran out: agreement since the last difference is all there is to go on.
  if (fed > 0 && lastDisagreement < fed - 1) return { ok: true, warmUpBars: lastDisagreement + 2 };
  return { ok: false, code: 'WARM_UP_DOES_NOT_CONVERGE', barsTried: fed, name: disagreeing };
}
