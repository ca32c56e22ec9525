import type { Candle } from '../../market/index.ts';
import { fitBoostedTrees } from './boostedTrees.ts';
import { calibrate, fitPlattScaling, reliabilityBins, type PlattScaling } from './calibration.ts';
import { DRIFT_FEATURES } from './driftFromCandles.ts';
import { buildDriftReference, DriftReferenceError, type DriftReference } from './driftReference.ts';
import { FEATURE_NAMES, FEATURE_WARM_UP_BARS, FEATURES_READY_AFTER_BARS, FeatureInputError } from './features.ts';
import { forecastScoresOf } from './forecastScores.ts';
import { fitLogisticRegression } from './logisticRegression.ts';
import type { Model, ModelKind } from './model.ts';
import { modelVerdict, type CandidateScores, type ForecastScores, type ModelCard, type RegimeScores } from './modelCard.ts';
import { sha256Hex } from './modelBytes.ts';
import { outOfFoldPredictions, type ModelFitter, type OutOfFoldPredictions } from './outOfFold.ts';
import { purgedWalkForwardFolds } from './purgedWalkForward.ts';
import { REGIMES, regimesOf } from './regimes.ts';
import { chooseEntryThreshold, filterThresholdsFor } from './tradeFilter.ts';
import { trainingConfigSchema, type TrainingConfig, type TrainingConfigInput } from './trainingConfig.ts';
import { candlesHash, trainingSamplesFor } from './trainingSamples.ts';

export type TrainingStage = 'features' | 'evaluation' | 'final' | 'drift' | 'done';

export interface TrainingProgress {
  readonly stage: TrainingStage;
  /** 0 … 1 over the whole training run. */
  readonly fraction: number;
}

export interface TrainedModel {
  readonly model: Model;
  readonly modelBytes: Uint8Array;
  readonly modelHash: string;
  readonly calibration: PlattScaling;
  readonly driftReference: DriftReference;
  readonly card: ModelCard;
}

export type TrainingErrorCode = 'TRAINING_BAD_CONFIG' | 'TRAINING_BAD_CANDLES' | 'TRAINING_TOO_FEW_SAMPLES' | 'TRAINING_CANCELLED';

export type TrainingResult = { readonly ok: true; readonly value: TrainedModel } | { readonly ok: false; readonly error: { readonly code: TrainingErrorCode; readonly params: Readonly<Record<string, string | number>> } };

/** Each fold's training sample must at least be this large. */
export const MIN_SAMPLES_PER_FOLD = 500;

/**
 * Trains, evaluates and packages a model from closed candles. Deterministic: the same candles,
 * config and seed give the same model bytes. Runs in a worker thread as it is: it awaits a
 * macrotask between folds, so a cancel message can arrive, and stops at the next such point once
 * `signal` is aborted. Progress is reported after every step.
 */
export async function train(candles: readonly Candle[], configInput: TrainingConfigInput, onProgress: (progress: TrainingProgress) => void, signal: AbortSignal): Promise<TrainingResult> {
  const parsed = trainingConfigSchema.safeParse(configInput);
  if (!parsed.success) return failure('TRAINING_BAD_CONFIG', { detail: parsed.error.issues[0]?.message ?? 'invalid' });
  const config = parsed.data;
  try {
    return { ok: true, value: await trainParsed(candles, config, onProgress, signal) };
  } catch (error) {
    if (signal.aborted) return failure('TRAINING_CANCELLED', {});
    if (error instanceof FeatureInputError) return failure('TRAINING_BAD_CANDLES', { detail: error.message });
    if (error instanceof DriftReferenceError) return failure('TRAINING_TOO_FEW_SAMPLES', { detail: error.message });
    if (error instanceof TooFewSamples) return failure('TRAINING_TOO_FEW_SAMPLES', { samples: error.samples, needed: error.needed });
    throw error;
  }
}

class TooFewSamples extends Error {
  readonly samples: number;
  readonly needed: number;
  constructor(samples: number, needed: number) {
    super(`${samples} labelled samples; at least ${needed} are needed.`);
    this.samples = samples;
    this.needed = needed;
  }
}

async function trainParsed(candles: readonly Candle[], config: TrainingConfig, onProgress: (progress: TrainingProgress) => void, signal: AbortSignal): Promise<TrainedModel> {
  const kinds = [config.modelKind, ...config.candidates.filter((kind) => kind !== config.modelKind)];
  const steps = 2 + kinds.length * config.folds + 2;
  let done = 0;
  const step = async (stage: TrainingStage): Promise<void> => {
    done++;
    onProgress({ stage, fraction: Math.min(1, done / steps) });
    await nextMacrotask();
    signal.throwIfAborted();
  };
  signal.throwIfAborted();
  const samples = trainingSamplesFor(candles, config.labels);
  const needed = MIN_SAMPLES_PER_FOLD * (config.folds + 1);
  if (samples.x.rows < needed) throw new TooFewSamples(samples.x.rows, needed);
  const folds = purgedWalkForwardFolds(samples.windows, { folds: config.folds, embargoBars: config.labels.horizonBars });
  await step('features');

  const featureNames = [...FEATURE_NAMES];
  const fitterFor = (kind: ModelKind): ModelFitter =>
    kind === 'logistic'
      ? (x, labels, fit) => fitLogisticRegression(x, labels, featureNames, config.logistic, fit)
      : (x, labels, fit) => fitBoostedTrees(x, labels, featureNames, config.boostedTrees, fit);
  const evaluated = new Map<ModelKind, OutOfFoldPredictions>();
  const candidates: CandidateScores[] = [];
  for (const kind of kinds) {
    const predictions = await outOfFoldPredictions(samples.x, samples.labels, folds, fitterFor(kind), { signal, seed: config.seed, afterFold: () => step('evaluation') });
    evaluated.set(kind, predictions);
    const raw = forecastScoresOf(predictions.raw, predictions.labels);
    candidates.push({
      kind,
      ...forecastScoresOf(predictions.calibrated, predictions.labels),
      rawBrier: raw.brier,
      rawBrierSkill: raw.brierSkill,
    });
  }
  const shipped = evaluated.get(config.modelKind);
  if (shipped === undefined) throw new Error('the shipped kind was not evaluated');

  const model = fitterFor(config.modelKind)(samples.x, samples.labels, { seed: config.seed });
  const modelBytes = model.serialise();
  const modelHash = sha256Hex(modelBytes);
  const calibration = fitPlattScaling(shipped.raw, shipped.labels);
  await step('final');

  const firstWarmBar = FEATURES_READY_AFTER_BARS - 1;
  const columns = samples.featureRows.columns;
  const driftReference = buildDriftReference(
    samples.featureRows.values.subarray(firstWarmBar * columns),
    columns,
    DRIFT_FEATURES,
    { recentBars: config.driftRecentBars },
  );
  await step('drift');

  const card = cardFor(candles, config, samples, shipped, candidates, { modelHash, calibration });
  onProgress({ stage: 'done', fraction: 1 });
  return { model, modelBytes, modelHash, calibration, driftReference, card };
}

function cardFor(
  candles: readonly Candle[],
  config: TrainingConfig,
  samples: ReturnType<typeof trainingSamplesFor>,
  shipped: OutOfFoldPredictions,
  candidates: CandidateScores[],
  fitted: { modelHash: string; calibration: PlattScaling },
): ModelCard {
  const outOfSample = forecastScoresOf(shipped.calibrated, shipped.labels);
  const regimeOfBar = regimesOf(candles, config.regimes);
  const regimeOfTested = Array.from(shipped.samples, (position) => regimeOfBar[samples.bars[position] ?? 0] ?? null);
  const regimes: RegimeScores[] = REGIMES.map((regime) => {
    const probabilities: number[] = [];
    const labels: number[] = [];
    regimeOfTested.forEach((seen, k) => {
      if (seen !== regime) return;
      probabilities.push(shipped.calibrated[k] ?? 0);
      labels.push(shipped.labels[k] ?? 0);
    });
    return { regime, ...finiteScores(forecastScoresOf(probabilities, labels)) };
  });
  const returnsOfTested = Array.from(shipped.samples, (position) => samples.returnsNet[position] ?? 0);
  // The threshold is read on the probabilities the live model will give: the final calibration.
  const liveCalibrated = Array.from(shipped.raw, (p) => calibrate(fitted.calibration, p));
  let positives = 0;
  for (const label of samples.labels) positives += label;
  return {
    cardVersion: 1,
    symbol: config.symbol,
    timeframe: config.timeframe,
    modelKind: config.modelKind,
    modelHash: fitted.modelHash,
    trainingWindow: {
      fromMs: candles[0]?.openTimeMs ?? 0,
      toMs: candles.at(-1)?.openTimeMs ?? 0,
      bars: candles.length,
      samples: samples.x.rows,
    },
    dataHash: candlesHash(candles),
    features: FEATURE_NAMES.map((name) => ({ name, warmUpBars: FEATURE_WARM_UP_BARS[name] })),
    labels: config.labels,
    validation: { scheme: 'purgedWalkForward', folds: config.folds, embargoBars: config.labels.horizonBars },
    outOfSample,
    reliability: reliabilityBins(shipped.calibrated, shipped.labels),
    regimeDefinition: config.regimes,
    regimes,
    candidates,
    calibration: fitted.calibration,
    filterThresholds: filterThresholdsFor(positives / samples.labels.length),
    entryThreshold: chooseEntryThreshold(liveCalibrated, returnsOfTested),
    tradingResult: null,
    deflatedSharpe: config.deflatedSharpe,
    verdict: modelVerdict(outOfSample.brierSkill, config.deflatedSharpe),
  };
}

/**
 * A regime the training window never (or barely) visited has scores that are not numbers (no
 * samples, or one outcome only); they are stored as 0 beside the sample count, which says how
 * little they mean. Left as NaN they would make the model impossible to save.
 */
function finiteScores<T extends ForecastScores>(scores: T): T {
  const finite = (value: number): number => (Number.isFinite(value) ? value : 0);
  return { ...scores, baseRate: finite(scores.baseRate), brier: finite(scores.brier), brierReference: finite(scores.brierReference), brierSkill: finite(scores.brierSkill), auc: finite(scores.auc) };
}

function failure(code: TrainingErrorCode, params: Record<string, string | number>): TrainingResult {
  return { ok: false, error: { code, params } };
}

/** A real turn of the event loop (not a microtask), so messages such as Cancel get through. */
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
