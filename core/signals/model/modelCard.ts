import type { ReliabilityBin, PlattScaling } from './calibration.ts';
import type { TripleBarrierConfig } from './labels.ts';
import type { ModelKind } from './model.ts';
import type { Regime, RegimeDefinition } from './regimes.ts';
import type { EntryThresholdChoice, FilterThresholds } from './tradeFilter.ts';

/**
 * Everything a person (and the live gate) needs to judge a trained model, as data: the screen and
 * the journal render it, the CLI prints it. Every score on it is out of sample: predictions come
 * from models that never saw the samples they are scored on, through purged walk-forward folds.
 */
export interface ForecastScores {
  readonly samples: number;
  /** Share of samples whose trade worked (label 1). */
  readonly baseRate: number;
  readonly brier: number;
  /** Brier of always forecasting the base rate. */
  readonly brierReference: number;
  /** 1 − brier / brierReference; ≤ 0 means no better than the base rate. */
  readonly brierSkill: number;
  readonly auc: number;
}

/** A candidate's walk-forward-calibrated scores, plus its raw (uncalibrated) Brier for reference. */
export interface CandidateScores extends ForecastScores {
  readonly kind: ModelKind;
  readonly rawBrier: number;
  readonly rawBrierSkill: number;
}

export interface RegimeScores extends ForecastScores {
  readonly regime: Regime;
}

export type VerdictCode = 'MODEL_NO_EDGE_BRIER' | 'MODEL_DEFLATED_SHARPE_LOW' | 'MODEL_DEFLATED_SHARPE_MISSING';

export interface ModelVerdict {
  /** Paper trading is always allowed; live only when this is true. */
  readonly usableLive: boolean;
  readonly reasons: { readonly code: VerdictCode; readonly params: Readonly<Record<string, number>> }[];
}

/** The walk-forward trading result after costs, supplied by the backtest lab. */
export interface TradingResult {
  readonly returnPct: number;
  readonly buyAndHoldReturnPct: number;
  readonly trades: number;
}

export interface ModelCard {
  readonly cardVersion: 1;
  readonly symbol: string;
  readonly timeframe: string;
  readonly modelKind: ModelKind;
  /** sha256 of the model bytes. */
  readonly modelHash: string;
  readonly trainingWindow: { readonly fromMs: number; readonly toMs: number; readonly bars: number; readonly samples: number };
  /** sha256 of the candles the model was trained on (see `candlesHash`). */
  readonly dataHash: string;
  readonly features: { readonly name: string; readonly warmUpBars: number }[];
  readonly labels: TripleBarrierConfig;
  readonly validation: { readonly scheme: 'purgedWalkForward'; readonly folds: number; readonly embargoBars: number };
  /** Scores of the shipped kind with walk-forward Platt calibration. */
  readonly outOfSample: ForecastScores;
  readonly reliability: ReliabilityBin[];
  readonly regimeDefinition: RegimeDefinition;
  readonly regimes: RegimeScores[];
  /** Every candidate evaluated on the same folds and calibrated the same way: the evidence for the kind shipped. */
  readonly candidates: CandidateScores[];
  /** Platt scaling fitted on all out-of-fold predictions: applied to the shipped model live. */
  readonly calibration: PlattScaling;
  readonly filterThresholds: FilterThresholds;
  /** The "AI model" strategy's threshold, chosen on training folds; null: it never enters. */
  readonly entryThreshold: EntryThresholdChoice | null;
  readonly tradingResult: TradingResult | null;
  readonly deflatedSharpe: number | null;
  readonly verdict: ModelVerdict;
}

/** Below this deflated Sharpe ratio a model is not trusted with real money. */
export const MIN_DEFLATED_SHARPE = 0.95;

/**
 * The live gate's reading of a card. Fails closed: a missing deflated Sharpe (the backtest lab
 * has not judged the model yet) blocks live use just as a low one does.
 */
export function modelVerdict(outOfSampleBrierSkill: number, deflatedSharpe: number | null): ModelVerdict {
  const reasons: ModelVerdict['reasons'] = [];
  if (!(outOfSampleBrierSkill > 0)) reasons.push({ code: 'MODEL_NO_EDGE_BRIER', params: { brierSkill: Number.isFinite(outOfSampleBrierSkill) ? outOfSampleBrierSkill : 0 } });
  if (deflatedSharpe === null || !Number.isFinite(deflatedSharpe)) reasons.push({ code: 'MODEL_DEFLATED_SHARPE_MISSING', params: { minimum: MIN_DEFLATED_SHARPE } });
  else if (deflatedSharpe < MIN_DEFLATED_SHARPE) reasons.push({ code: 'MODEL_DEFLATED_SHARPE_LOW', params: { deflatedSharpe, minimum: MIN_DEFLATED_SHARPE } });
  return { usableLive: reasons.length === 0, reasons };
}

/** The card once the backtest lab has a trading result and deflated Sharpe for the model. */
export function withBacktestResult(card: ModelCard, tradingResult: TradingResult, deflatedSharpe: number): ModelCard {
  return { ...card, tradingResult, deflatedSharpe, verdict: modelVerdict(card.outOfSample.brierSkill, deflatedSharpe) };
}
