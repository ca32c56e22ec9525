import type { DriftView, ForecastScoresView, LlmCallView, ModelCardView, ModelVersionView } from '../../contract/index.ts';
import type { AdviceRecord, SecondOpinion } from '../../signals/llm/index.ts';
import type { DriftReport, ForecastScores } from '../../signals/model/index.ts';
import { aiReason } from './aiWords.ts';
import type { StoredModel } from './modelStore.ts';

const scores = (s: ForecastScores): ForecastScoresView => ({ samples: s.samples, baseRate: s.baseRate, brier: s.brier, brierReference: s.brierReference, brierSkill: s.brierSkill, auc: s.auc });

export function modelCardView(stored: StoredModel): ModelCardView {
  const { card } = stored.trained;
  return {
    fileHash: stored.fileHash,
    modelHash: card.modelHash,
    symbol: card.symbol,
    timeframe: card.timeframe,
    modelKind: card.modelKind,
    sourceLabel: stored.note.sourceLabel,
    trainedAtMs: stored.note.trainedAtMs,
    trainingWindow: { ...card.trainingWindow },
    dataHash: card.dataHash,
    features: card.features.map((feature) => feature.name),
    validation: { folds: card.validation.folds, embargoBars: card.validation.embargoBars },
    labels: { takeProfitAtr: card.labels.takeProfitAtr, stopAtr: card.labels.stopAtr, horizonBars: card.labels.horizonBars, feeRate: card.labels.feeRate, slippageRate: card.labels.slippageRate },
    outOfSample: scores(card.outOfSample),
    // Empty bins carry no point for the chart.
    reliability: card.reliability.flatMap((bin) => (bin.meanPredicted === null || bin.observedFrequency === null ? [] : [{ meanPredicted: bin.meanPredicted, observedRate: bin.observedFrequency, count: bin.count }])),
    regimes: card.regimes.map((regime) => ({ regime: regime.regime, ...scores(regime) })),
    candidates: card.candidates.map((candidate) => ({ kind: candidate.kind, ...scores(candidate) })),
    tradingResult: card.tradingResult === null ? null : { ...card.tradingResult },
    deflatedSharpe: card.deflatedSharpe,
    filterThresholds: { ...card.filterThresholds },
    verdict: {
      usableLive: card.verdict.usableLive,
      reasons: card.verdict.usableLive ? [aiReason('MODEL_USABLE_LIVE')] : card.verdict.reasons.map((item) => aiReason(item.code, item.params)),
    },
  };
}

export function modelVersionView(stored: StoredModel, currentFileHash: string | null): ModelVersionView {
  const { card } = stored.trained;
  return {
    fileHash: stored.fileHash,
    modelHash: card.modelHash,
    symbol: card.symbol,
    timeframe: card.timeframe,
    sourceLabel: stored.note.sourceLabel,
    trainedAtMs: stored.note.trainedAtMs,
    brierSkill: card.outOfSample.brierSkill,
    usableLive: card.verdict.usableLive,
    isCurrent: stored.fileHash === currentFileHash,
  };
}

export function driftView(report: DriftReport, atMs: number): DriftView {
  return {
    checkedAtMs: atMs,
    verdict: report.verdict,
    features: report.features.map((feature) => ({ name: feature.name, psi: feature.psi, psiThreshold: feature.psiThreshold, ks: feature.ks, ksPValue: feature.ksPValue, level: feature.level })),
  };
}

export function llmCallView(record: AdviceRecord, effect: SecondOpinion | null): LlmCallView {
  return {
    adviceId: record.adviceId,
    askedAtMs: record.askedAtMs,
    symbol: record.symbol,
    model: record.model,
    called: record.called,
    latencyMs: record.latencyMs,
    verdict: record.verdict,
    reasons: record.reasons.map((item) => aiReason(item.code, item.params)),
    stance: record.signal?.stance ?? null,
    probabilityUp: record.signal?.probabilityUp ?? null,
    confidence: record.signal?.confidence ?? null,
    rationale: record.signal?.rationale ?? null,
    effect: effect === null ? null : aiReason(effect.reasonCode),
  };
}
