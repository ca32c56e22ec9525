// The trained model: features, labels, purged walk-forward, models, calibration, model card,
// drift and the entry filter. Produces probabilities, never orders.
export {
  CALENDAR_FEATURES,
  FEATURE_COUNT,
  FEATURE_NAMES,
  FEATURE_WARM_UP_BARS,
  FEATURES_READY_AFTER_BARS,
  FeatureComputer,
  FeatureInputError,
  featureRow,
  featureRowsFor,
  featureSnapshot,
  type FeatureName,
  type FeatureRows,
} from './features.ts';
export { DEFAULT_TRIPLE_BARRIER, roundTripReturn, tripleBarrierLabels, type BarrierHit, type TripleBarrierConfig, type TripleBarrierLabel } from './labels.ts';
export { purgedWalkForwardFolds, type LabelWindow, type PurgedFold, type PurgedSplitOptions } from './purgedWalkForward.ts';
export { MODEL_KINDS, type FeatureContribution, type FitOptions, type Model, type ModelKind, type SampleMatrix } from './model.ts';
export { DEFAULT_LOGISTIC, fitLogisticRegression, LogisticRegressionModel, type LogisticOptions } from './logisticRegression.ts';
export { BoostedTreesModel, DEFAULT_BOOSTED_TREES, fitBoostedTrees, type BoostedTreesOptions } from './boostedTrees.ts';
export { deserialiseModel, type ModelReadResult } from './modelCodec.ts';
export { areaUnderRoc, brierScore, brierSkillScore, calibrate, fitPlattScaling, reliabilityBins, type PlattScaling, type ReliabilityBin } from './calibration.ts';
export { forecastScoresOf } from './forecastScores.ts';
export { DEFAULT_REGIME_DEFINITION, REGIMES, regimesOf, type Regime, type RegimeDefinition } from './regimes.ts';
export {
  MIN_DEFLATED_SHARPE,
  modelVerdict,
  withBacktestResult,
  type CandidateScores,
  type ForecastScores,
  type ModelCard,
  type ModelVerdict,
  type RegimeScores,
  type TradingResult,
  type VerdictCode,
} from './modelCard.ts';
export {
  chooseEntryThreshold,
  DEFAULT_THRESHOLD_SEARCH,
  filterEntry,
  filterThresholdsFor,
  type EntryFilterDecision,
  type EntryFilterSkipCode,
  type EntryThresholdChoice,
  type FilterThresholds,
  type ThresholdSearch,
} from './tradeFilter.ts';
export { explanationsFor, type ExplanationCode, type FeatureExplanation } from './explanations.ts';
export { buildDriftReference, DriftReferenceError, type DriftFeatureReference, type DriftLevel, type DriftReference } from './driftReference.ts';
export {
  barOutsideTraining,
  checkDrift,
  DEFAULT_DRIFT_PERSISTENCE,
  driftOverHistory,
  driftReaction,
  nextDriftState,
  NO_DRIFT,
  type DriftFeatureReport,
  type DriftPersistence,
  type DriftReaction,
  type DriftReport,
  type DriftState,
  type OutOfRangeCheck,
  type OutOfRangeFeature,
} from './driftMonitor.ts';
export { ksPValue, ksStatistic, populationStabilityIndex } from './driftStatistics.ts';
export { DEFAULT_DRIFT_RECENT_BARS, DRIFT_FEATURES, driftFromCandles, type DriftFromCandlesResult } from './driftFromCandles.ts';
export { trainingConfigSchema, type TrainingConfig, type TrainingConfigInput } from './trainingConfig.ts';
export { candlesHash, trainingSamplesFor, type TrainingSamples } from './trainingSamples.ts';
export { MIN_SAMPLES_PER_FOLD, train, type TrainedModel, type TrainingErrorCode, type TrainingProgress, type TrainingResult, type TrainingStage } from './train.ts';
export { fileHash, readTrainedModel, serialiseTrainedModel, TRAINED_MODEL_FORMAT, type TrainedModelReadResult } from './trainedModelFile.ts';
export { ModelPredictor, type LiveModel } from './predictor.ts';
export { AI_MODEL_STRATEGY_ID, createModelStrategy, type ModelStrategyInput } from './modelStrategy.ts';
export { compareOnUnseenWindow, MIN_COMPARISON_SAMPLES, type ModelComparison } from './retraining.ts';
export { MODEL_MESSAGES, type ModelMessageCode } from './messages.ts';
