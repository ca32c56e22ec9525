import type { DecisionAiView } from '../../contract/index.ts';
import type { Journal } from '../../journal/index.ts';
import type { Candle, Timeframe } from '../../market/index.ts';
import type { TradingStateMachine } from '../../risk/index.ts';
import type { Intent } from '../../signals/index.ts';
import { applySecondOpinion, briefReadings, type AdviceRecord, type LlmAdvisor, type MarketBriefInput, type SecondOpinion } from '../../signals/llm/index.ts';
import { driftReaction, featureSnapshot, filterEntry, ModelPredictor, type DriftReport, type EntryFilterDecision } from '../../signals/model/index.ts';
import type { EntryReviewContext, EntryReviewer, EntryReviewOutcome } from '../paper/entryReview.ts';
import { aiReason } from './aiWords.ts';
import type { StoredModel } from './modelStore.ts';

/** Drift is checked once per this many bars: often enough for hourly bars, cheap in fast replays. */
const DRIFT_EVERY_BARS = 24;
const TOP_FACTORS = 3;

export interface AiEntryReviewerOptions {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** The model as a filter; null when the filter is off or no model is current. */
  readonly model: StoredModel | null;
  /**
   * 'strategy': the run's strategy is the model itself, so its entries are kept exactly when the
   * probability clears the entry threshold chosen on its training folds (else skipped); drift and
   * bars outside training act as for the filter. Default 'filter'.
   */
  readonly modelRole?: 'filter' | 'strategy';
  /** The LLM second opinion; null when its role is off. */
  readonly advisor: { readonly advisor: LlmAdvisor; readonly neutralShrinkFactor: number } | null;
  readonly tradingState: TradingStateMachine;
  /** Each LLM call and what it did, for the AI screen's list. */
  readonly onLlmCall: (record: AdviceRecord, effect: SecondOpinion | null) => void;
  readonly onDrift: (report: DriftReport, atMs: number) => void;
}

/**
 * The model filter and the LLM second opinion on one paper run. Per entry the model's
 * calibrated probability keeps, shrinks or skips it (never enlarges or flips it); drift halves
 * entries when moderate and trips the `drift` trigger (safe mode) when severe; a bar unlike
 * anything in training skips the signal. Then the LLM, when on, may keep, shrink or veto what is
 * left. Every review is journaled in the run's journal: the model's hash and feature snapshot,
 * or the LLM call's full record.
 */
export function createAiEntryReviewer(options: AiEntryReviewerOptions): EntryReviewer {
  const model = options.model !== null && options.model.trained.card.timeframe === options.timeframe ? options.model : null;
  const predictor = model === null ? null : new ModelPredictor(model.trained);
  let lastProbability = Number.NaN;
  let lastBarMs = Number.NaN;
  let bars = 0;
  let driftFactor = 1;
  const driftTriggerId = `drift:${options.symbol}`;
  const entryThreshold = model?.trained.card.entryThreshold?.threshold ?? null;
  // As the strategy: no threshold, no entry (skipBelow above any probability).
  const thresholds = options.modelRole === 'strategy'
    ? (entryThreshold === null ? { skipBelow: 1.01, keepFrom: 1.01 } : { skipBelow: entryThreshold, keepFrom: entryThreshold })
    : model?.trained.card.filterThresholds ?? { skipBelow: 1.01, keepFrom: 1.01 };

  const checkDrift = (journal: Journal, atMs: number): void => {
    if (predictor === null) return;
    const report = predictor.checkDrift();
    if (report === null) return;
    const reaction = driftReaction(report.verdict);
    if (reaction.entrySizeFactor !== driftFactor) {
      journal.append({ atMs, kind: 'signal', subject: options.symbol, payload: { event: 'model_drift', modelHash: model?.trained.modelHash ?? null, verdict: report.verdict, checkLevel: report.checkLevel, features: report.features } });
    }
    driftFactor = reaction.entrySizeFactor;
    options.onDrift(report, atMs);
    const words = aiReason(reaction.code);
    options.tradingState.report({
      triggerId: driftTriggerId,
      tripped: reaction.safeModeTrigger,
      action: 'SAFE_MODE',
      cause: { code: 'DRIFT', message: words.text },
      details: { verdict: report.verdict, modelHash: model?.trained.modelHash ?? null },
      atMs,
    });
  };

  const modelStep = (fraction: number, journal: Journal, atMs: number, barMs: number): { decision: EntryFilterDecision; view: NonNullable<DecisionAiView['model']> } | null => {
    if (predictor === null || model === null) return null;
    const probability = lastBarMs === barMs ? lastProbability : Number.NaN;
    const outside = predictor.lastBarOutsideTraining();
    let decision: EntryFilterDecision = outside.skipSignal
      ? { action: 'skip', code: 'MODEL_SKIP_NO_PROBABILITY', params: {} }
      : filterEntry(fraction, probability, thresholds);
    let reason = outside.skipSignal && outside.code !== null ? aiReason(outside.code, outside.params) : aiReason(decision.code, decision.params);
    if (decision.action !== 'skip' && driftFactor < 1) {
      const sizeBase = decision.sizeBase * driftFactor;
      decision = { action: 'shrink', sizeBase, factor: sizeBase / fraction, code: 'MODEL_FILTER_SHRUNK', params: { ...decision.params, factorPercent: Math.round((sizeBase / fraction) * 100) } };
      reason = { ...aiReason(decision.code, decision.params), text: `${aiReason(decision.code, decision.params).text} ${aiReason('DRIFT_MODERATE').text}` };
    }
    const factors = Number.isFinite(probability) ? predictor.explainLast(TOP_FACTORS) : [];
    journal.append({
      atMs,
      kind: 'signal',
      subject: options.symbol,
      payload: {
        event: 'model_review',
        modelHash: model.trained.modelHash,
        fileHash: model.fileHash,
        probability: Number.isFinite(probability) ? probability : null,
        features: featureSnapshot(predictor.features),
        driftFactor,
        decision,
      },
    });
    return {
      decision,
      view: {
        modelHash: model.trained.modelHash,
        probability: Number.isFinite(probability) ? probability : null,
        action: decision.action,
        reason,
        factors: factors.map((factor) => ({ text: aiReason(factor.code, factor.params).text, raises: factor.effect === 'MODEL_EFFECT_RAISES' })),
      },
    };
  };

  const llmStep = async (fraction: number, candle: Candle, context: EntryReviewContext, probability: number | null): Promise<{ opinion: SecondOpinion; view: NonNullable<DecisionAiView['llm']> } | null> => {
    if (options.advisor === null) return null;
    const record = await options.advisor.advisor.advise(adviceInputFor(options.symbol, options.timeframe, context, probability));
    const opinion = applySecondOpinion(fraction, record, { neutralShrinkFactor: options.advisor.neutralShrinkFactor });
    context.journal.append({ atMs: context.atMs, kind: 'signal', subject: options.symbol, payload: { event: 'llm_review', barOpenTimeMs: candle.openTimeMs, record, effect: opinion } });
    options.onLlmCall(record, opinion);
    return {
      opinion,
      view: {
        verdict: record.verdict,
        action: opinion.action,
        effect: aiReason(opinion.reasonCode),
        stance: record.signal?.stance ?? null,
        rationale: record.signal?.rationale ?? null,
        reasons: record.reasons.map((item) => aiReason(item.code, item.params)),
      },
    };
  };

  return {
    onClosedBar(candle, journal, atMs) {
      if (predictor === null) return;
      lastProbability = predictor.onClosedBar(candle);
      lastBarMs = candle.openTimeMs;
      bars += 1;
      if (bars % DRIFT_EVERY_BARS === 0) checkDrift(journal, atMs);
    },

    async review(intent, candle, context): Promise<EntryReviewOutcome | null> {
      if (predictor === null && options.advisor === null) {
        if (options.model !== null && model === null) {
          // The filter is on but the model was trained on other bars: fail closed, say why.
          return { intent: null, text: `The model was trained on ${options.model.trained.card.timeframe} bars, not ${options.timeframe}; the entry was skipped to be safe.`, ai: {} };
        }
        return null;
      }
      const fraction = entryFraction(intent, candle.close, context);
      const ai: { -readonly [K in keyof DecisionAiView]: DecisionAiView[K] } = {};
      const texts: string[] = [];
      let kept = fraction;
      const modelOutcome = modelStep(fraction, context.journal, context.atMs, candle.openTimeMs);
      if (modelOutcome !== null) {
        ai.model = modelOutcome.view;
        const probability = modelOutcome.view.probability;
        texts.push(`Model: ${probability === null ? 'no reading' : `${(probability * 100).toFixed(1)}% chance of a profit after costs`}. ${modelOutcome.view.reason.text}`);
        if (modelOutcome.decision.action === 'skip') return { intent: null, text: texts.join(' '), ai };
        kept = Math.min(kept, modelOutcome.decision.sizeBase);
      }
      const llmOutcome = await llmStep(kept, candle, context, modelOutcome?.view.probability ?? null);
      if (llmOutcome !== null) {
        ai.llm = llmOutcome.view;
        texts.push(`AI advisor: ${llmOutcome.view.effect.text}`);
        if (llmOutcome.opinion.action === 'veto') return { intent: null, text: texts.join(' '), ai };
        kept = Math.min(kept, llmOutcome.opinion.sizeBase);
      }
      const reviewed: Intent = kept < fraction ? { ...intent, desiredFractionOfEquity: kept } : intent;
      return { intent: reviewed, text: texts.join(' '), ai };
    },
  };
}

/** The advisor's question about this bar: Ballast's own data only (bars, readings, position, limits, state). */
export function adviceInputFor(symbol: string, timeframe: Timeframe, context: EntryReviewContext, modelProbabilityUp: number | null): MarketBriefInput {
  const readings = briefReadings(context.candles);
  return {
    symbol,
    timeframe,
    candles: context.candles,
    atrQuote: readings.atrQuote ?? Number.NaN,
    indicators: readings.indicators,
    modelProbabilityUp,
    position: { amountBase: context.positionBase, averageEntryPriceQuote: null, unrealisedPnlQuote: null },
    limits: {
      perTradeFractionOfEquity: context.limits.perTradeFractionOfEquity,
      totalExposureFractionOfEquity: context.limits.totalExposureFractionOfEquity,
      dailyLossFractionOfEquity: context.limits.dailyLossFractionOfEquity,
      dailyLossUsedFractionOfEquity: 0,
      maxDrawdownFraction: context.limits.maxDrawdownFraction,
      openPositions: context.openPositions,
      maxOpenPositions: context.limits.maxOpenPositions,
    },
    tradingState: context.tradingState,
  };
}

/**
 * The share of equity the entry would really get: the smaller of what the rule asked for and
 * what its stop allows at the risk-per-trade budget (risk takes the smaller too), else the
 * per-trade cap. Shrinking this number shrinks the order; shrinking a larger one might not.
 */
export function entryFraction(intent: Intent, priceQuote: number, context: Pick<EntryReviewContext, 'limits'>): number {
  let fraction = intent.desiredFractionOfEquity ?? context.limits.perTradeFractionOfEquity;
  const stop = intent.stopPriceQuote;
  if (stop !== undefined && stop < priceQuote) fraction = Math.min(fraction, context.limits.riskPerTradeFractionOfEquity * priceQuote / (priceQuote - stop));
  return Math.min(fraction, context.limits.perTradeFractionOfEquity);
}
