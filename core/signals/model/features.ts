import type { Candle } from '../../market/index.ts';
import { ATR, RSI, SMA } from '../indicators/index.ts';
import { RollingMoments } from './rollingMoments.ts';

/**
 * The model's inputs, one fixed vector per closed bar. Every value is a pure function of the bars
 * closed so far (the lookahead test recomputes each one from history cut at every bar), and none
 * is measured in a currency, so a model trained on one market reads another.
 *
 * - return_N: log return of the close over the last N bars, ln(close / close N bars ago).
 * - volatility_N: realised volatility, the root mean square of the last N one-bar log returns.
 * - atr_pct_14: Wilder's ATR(14) as a fraction of the close.
 * - rsi_14: Wilder's RSI(14), 0…100.
 * - distance_sma_N: close / SMA(N) − 1.
 * - volume_z_48: z-score of ln(1 + volume) against the last 48 bars, this one included (0 when the
 *   window has no spread, e.g. during an exchange outage that repeats zero-volume bars).
 * - range_pct: (high − low) / close of this bar.
 * - hour_sin/cos, weekday_sin/cos: time of day and of week (UTC) of the bar's open, on a circle so
 *   that 23:00 sits next to 00:00 and Sunday next to Monday.
 *
 * Horizons are counted in bars, not hours: a gap in the data stretches them, as it stretches
 * every indicator Ballast runs.
 */
export const FEATURE_NAMES = [
  'return_1',
  'return_4',
  'return_24',
  'return_72',
  'volatility_24',
  'volatility_96',
  'atr_pct_14',
  'rsi_14',
  'distance_sma_20',
  'distance_sma_50',
  'volume_z_48',
  'range_pct',
  'hour_sin',
  'hour_cos',
  'weekday_sin',
  'weekday_cos',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;

/**
 * Closed bars each feature needs before it has a value (the bar that completes the warm-up
 * included). A return over N bars needs N + 1 closes; Wilder's RSI(14) needs 15 closes; ATR(14)
 * counts the first bar's high − low, so it needs 14 bars.
 */
export const FEATURE_WARM_UP_BARS: Readonly<Record<FeatureName, number>> = {
  return_1: 2,
  return_4: 5,
  return_24: 25,
  return_72: 73,
  volatility_24: 25,
  volatility_96: 97,
  atr_pct_14: 14,
  rsi_14: 15,
  distance_sma_20: 20,
  distance_sma_50: 50,
  volume_z_48: 48,
  range_pct: 1,
  hour_sin: 1,
  hour_cos: 1,
  weekday_sin: 1,
  weekday_cos: 1,
};

/** Bars after which every feature has a value. */
export const FEATURES_READY_AFTER_BARS = Math.max(...Object.values(FEATURE_WARM_UP_BARS));

/** Features that follow the calendar, not the market: they cannot drift and are not drift-checked. */
export const CALENDAR_FEATURES: ReadonlySet<FeatureName> = new Set(['hour_sin', 'hour_cos', 'weekday_sin', 'weekday_cos']);

const RETURN_HORIZONS = [1, 4, 24, 72] as const;
const LONGEST_RETURN = 72;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-01 was a Thursday: shifting by four days puts Sunday 00:00 UTC at the start of a week. */
const EPOCH_TO_SUNDAY_MS = 4 * DAY_MS;
const TWO_PI = 2 * Math.PI;

export class FeatureInputError extends RangeError {
  readonly code = 'MODEL_FEATURE_BAD_CANDLE';
  constructor(message: string) {
    super(message);
    this.name = 'FeatureInputError';
  }
}

/**
 * Streaming feature computer: feed closed candles in time order, read one vector per bar.
 * `update` is O(1) and allocation-free: it overwrites and returns the same `Float64Array`, so a
 * caller that keeps a vector copies it. Values not yet warmed up are NaN; `isReady` says whether
 * the whole vector has values.
 */
export class FeatureComputer {
  readonly vector = new Float64Array(FEATURE_COUNT);
  readonly #closes = new Float64Array(LONGEST_RETURN + 1);
  readonly #volatility24 = new RollingMoments(24);
  readonly #volatility96 = new RollingMoments(96);
  readonly #logVolume48 = new RollingMoments(48);
  readonly #atr = new ATR(14);
  readonly #rsi = new RSI(14);
  readonly #sma20 = new SMA(20);
  readonly #sma50 = new SMA(50);
  #bars = 0;
  #lastOpenTimeMs = Number.NEGATIVE_INFINITY;

  constructor() {
    this.vector.fill(Number.NaN);
  }

  get barsSeen(): number {
    return this.#bars;
  }

  get isReady(): boolean {
    return this.#bars >= FEATURES_READY_AFTER_BARS;
  }

  update(candle: Candle): Float64Array {
    const { close, high, low, openTimeMs } = candle;
    if (!(close > 0 && high >= low && low > 0 && Number.isFinite(high) && candle.volumeBase >= 0)) {
      throw new FeatureInputError(`A candle at ${String(openTimeMs)} has prices or volume that cannot be used for features.`);
    }
    if (!(openTimeMs > this.#lastOpenTimeMs)) {
      throw new FeatureInputError(`Candles must arrive in time order; ${String(openTimeMs)} is not after the previous bar.`);
    }
    this.#lastOpenTimeMs = openTimeMs;
    const bars = ++this.#bars;
    const closes = this.#closes;
    const ringSize = closes.length;
    const slot = (bars - 1) % ringSize;
    closes[slot] = close;
    const v = this.vector;

    for (let h = 0; h < RETURN_HORIZONS.length; h++) {
      const horizon = RETURN_HORIZONS[h] ?? 1;
      v[h] = bars > horizon ? Math.log(close / (closes[(slot - horizon + ringSize) % ringSize] ?? close)) : Number.NaN;
    }
    if (bars > 1) {
      const oneBarReturn = v[0] ?? 0;
      const squared = oneBarReturn * oneBarReturn;
      this.#volatility24.push(squared);
      this.#volatility96.push(squared);
    }
    v[4] = this.#volatility24.isFull ? rootOfMeanSquare(this.#volatility24.mean) : Number.NaN;
    v[5] = this.#volatility96.isFull ? rootOfMeanSquare(this.#volatility96.mean) : Number.NaN;
    const atr = this.#atr.update(high, low, close);
    v[6] = atr === undefined ? Number.NaN : atr / close;
    v[7] = this.#rsi.update(close) ?? Number.NaN;
    const sma20 = this.#sma20.update(close);
    v[8] = sma20 === undefined ? Number.NaN : close / sma20 - 1;
    const sma50 = this.#sma50.update(close);
    v[9] = sma50 === undefined ? Number.NaN : close / sma50 - 1;
    const logVolume = Math.log1p(candle.volumeBase);
    const volumes = this.#logVolume48;
    volumes.push(logVolume);
    v[10] = volumes.isFull ? zScore(logVolume, volumes.mean, volumes.variance) : Number.NaN;
    v[11] = (high - low) / close;
    const dayAngle = (TWO_PI * (((openTimeMs % DAY_MS) + DAY_MS) % DAY_MS)) / DAY_MS;
    v[12] = Math.sin(dayAngle);
    v[13] = Math.cos(dayAngle);
    const weekAngle = (TWO_PI * ((((openTimeMs + EPOCH_TO_SUNDAY_MS) % WEEK_MS) + WEEK_MS) % WEEK_MS)) / WEEK_MS;
    v[14] = Math.sin(weekAngle);
    v[15] = Math.cos(weekAngle);
    return v;
  }
}

/**
 * After a large return leaves the window during a flat stretch (an exchange outage), the running
 * sum of squares can end a hair below zero by rounding; the true value there is 0.
 */
function rootOfMeanSquare(meanSquare: number): number {
  return meanSquare > 0 ? Math.sqrt(meanSquare) : 0;
}

function zScore(value: number, mean: number, variance: number): number {
  // Below this the window is flat to rounding (a run of identical volumes): call it normal.
  if (!(variance > 1e-18)) return 0;
  return (value - mean) / Math.sqrt(variance);
}

/** Rows of features, one per bar, in one row-major block (rows × FEATURE_COUNT). */
export interface FeatureRows {
  readonly rows: number;
  readonly columns: number;
  readonly values: Float64Array;
}

/** Runs the streaming computer over a whole history: row i holds the features at bar i. */
export function featureRowsFor(candles: readonly Candle[]): FeatureRows {
  const computer = new FeatureComputer();
  const values = new Float64Array(candles.length * FEATURE_COUNT);
  candles.forEach((candle, index) => {
    values.set(computer.update(candle), index * FEATURE_COUNT);
  });
  return { rows: candles.length, columns: FEATURE_COUNT, values };
}

export function featureRow(rows: FeatureRows, index: number): Float64Array {
  return rows.values.subarray(index * rows.columns, (index + 1) * rows.columns);
}

/** The vector as a name → value record, for the journal's feature snapshot. */
export function featureSnapshot(vector: ArrayLike<number>): Record<FeatureName, number> {
  const snapshot = {} as Record<FeatureName, number>;
  FEATURE_NAMES.forEach((name, index) => {
    snapshot[name] = vector[index] ?? Number.NaN;
  });
  return snapshot;
}
