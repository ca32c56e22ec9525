import type { Candle } from '../../market/index.ts';
import { calibrate, type PlattScaling } from './calibration.ts';
import { barOutsideTraining, checkDrift, DEFAULT_DRIFT_PERSISTENCE, NO_DRIFT, nextDriftState, type DriftPersistence, type DriftReport, type DriftState, type OutOfRangeCheck } from './driftMonitor.ts';
import type { DriftReference } from './driftReference.ts';
import { explanationsFor, type FeatureExplanation } from './explanations.ts';
import { FEATURE_COUNT, FeatureComputer } from './features.ts';
import { allFinite } from './trainingSamples.ts';
import type { Model } from './model.ts';

export interface LiveModel {
  readonly model: Model;
  readonly calibration: PlattScaling;
  readonly driftReference: DriftReference;
}

/**
 * The model on a live (or replayed) feed: one call per closed bar gives the calibrated probability
 * that an entry at this bar's close works. The per-bar path (features, model, calibration) does
 * not allocate; explanations and drift checks are separate calls made only when needed.
 */
export class ModelPredictor {
  readonly #live: LiveModel;
  readonly #features = new FeatureComputer();
  /** The last `recentBars` feature vectors, in a ring. */
  readonly #recent: Float64Array;
  readonly #recentBars: number;
  #stored = 0;
  #driftState: DriftState = NO_DRIFT;

  constructor(live: LiveModel) {
    this.#live = live;
    this.#recentBars = live.driftReference.recentBars;
    this.#recent = new Float64Array(this.#recentBars * FEATURE_COUNT);
  }

  /** The feature vector of the last bar (overwritten by the next one). */
  get features(): Float64Array {
    return this.#features.vector;
  }

  /**
   * Feeds one closed bar; returns the calibrated probability, or NaN while features warm up or
   * when a feature is not a finite number (the filter then skips: it fails closed).
   */
  onClosedBar(candle: Candle): number {
    const vector = this.#features.update(candle);
    if (!this.#features.isReady || !allFinite(vector)) return Number.NaN;
    this.#recent.set(vector, (this.#stored % this.#recentBars) * FEATURE_COUNT);
    this.#stored++;
    return calibrate(this.#live.calibration, this.#live.model.predictProbability(vector));
  }

  /** The top features behind the last bar's prediction, as codes for the decision feed. */
  explainLast(top = 3): FeatureExplanation[] {
    return explanationsFor(this.#live.model.explain(this.#features.vector, top));
  }

  /** Features of the last bar far outside anything seen in training: skip this bar's signal. */
  lastBarOutsideTraining(): OutOfRangeCheck {
    return barOutsideTraining(this.#live.driftReference, this.#features.vector);
  }

  /**
   * Drift check on the last `recentBars` bars, stepping the persistence state. Null until that
   * many warm bars have been seen.
   */
  checkDrift(persistence: DriftPersistence = DEFAULT_DRIFT_PERSISTENCE): DriftReport | null {
    if (this.#stored < this.#recentBars) return null;
    const check = checkDrift(this.#live.driftReference, this.#recentInTimeOrder(), FEATURE_COUNT);
    this.#driftState = nextDriftState(this.#driftState, check.checkLevel, persistence);
    return { verdict: this.#driftState.level, checkLevel: check.checkLevel, features: check.features };
  }

  #recentInTimeOrder(): Float64Array {
    const width = FEATURE_COUNT;
    const ordered = new Float64Array(this.#recent.length);
    const oldest = this.#stored % this.#recentBars;
    ordered.set(this.#recent.subarray(oldest * width));
    ordered.set(this.#recent.subarray(0, oldest * width), (this.#recentBars - oldest) * width);
    return ordered;
  }
}
