import { z } from 'zod';
import { MARKET_SYMBOL_PATTERN } from '../model/index.ts';

/**
 * What the AI screen may know: the trained model's card, its versions, training progress, the
 * drift panel, the LLM provider (never its API key) and the LLM calls with their verdicts. Every
 * object is strict, so an output carrying anything more (a key) fails the dispatcher's output
 * check instead of reaching the page. Codes from the model and LLM layers come with their words
 * (`text`), written once in those layers' catalogues; the screen's own labels are in the renderer's.
 */

const CodeParams = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
/** A code, its parameters, and its words from the catalogue of the layer that owns it. */
export const AiReason = z.strictObject({ code: z.string(), params: CodeParams, text: z.string() });
export type AiReason = z.infer<typeof AiReason>;

/** The price history a model is trained (or compared) on: the generated demo market or an imported file. */
export const TrainingSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('synthetic'), symbol: z.string().regex(MARKET_SYMBOL_PATTERN) }),
  z.strictObject({ kind: z.literal('imported'), importId: z.string().min(1).max(100) }),
]);
export type TrainingSource = z.infer<typeof TrainingSource>;

export const ForecastScoresView = z.strictObject({
  samples: z.number(),
  baseRate: z.number(),
  brier: z.number(),
  brierReference: z.number(),
  brierSkill: z.number(),
  auc: z.number(),
});
export type ForecastScoresView = z.infer<typeof ForecastScoresView>;

export const ModelCardView = z.strictObject({
  /** sha256 of the model file: the version's name. */
  fileHash: z.string(),
  /** sha256 of the model alone, carried by every journaled signal. */
  modelHash: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  modelKind: z.enum(['logistic', 'boostedTrees']),
  /** Where it was trained, e.g. "Synthetic demo market" or the file's name. */
  sourceLabel: z.string(),
  trainedAtMs: z.number(),
  trainingWindow: z.strictObject({ fromMs: z.number(), toMs: z.number(), bars: z.number(), samples: z.number() }),
  dataHash: z.string(),
  features: z.array(z.string()),
  validation: z.strictObject({ folds: z.number(), embargoBars: z.number() }),
  labels: z.strictObject({ takeProfitAtr: z.number(), stopAtr: z.number(), horizonBars: z.number(), feeRate: z.number(), slippageRate: z.number() }),
  outOfSample: ForecastScoresView,
  reliability: z.array(z.strictObject({ meanPredicted: z.number(), observedRate: z.number(), count: z.number() })),
  regimes: z.array(ForecastScoresView.extend({ regime: z.string() })),
  candidates: z.array(ForecastScoresView.extend({ kind: z.enum(['logistic', 'boostedTrees']) })),
  /** The walk-forward trading result after costs next to buy-and-hold; null when not measured. */
  tradingResult: z.strictObject({ returnPct: z.number(), buyAndHoldReturnPct: z.number(), trades: z.number() }).nullable(),
  /** null: not measured (the card says so; live use stays refused). */
  deflatedSharpe: z.number().nullable(),
  filterThresholds: z.strictObject({ skipBelow: z.number(), keepFrom: z.number() }),
  verdict: z.strictObject({ usableLive: z.boolean(), reasons: z.array(AiReason) }),
});
export type ModelCardView = z.infer<typeof ModelCardView>;

export const ModelVersionView = z.strictObject({
  fileHash: z.string(),
  modelHash: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  sourceLabel: z.string(),
  trainedAtMs: z.number(),
  brierSkill: z.number(),
  usableLive: z.boolean(),
  isCurrent: z.boolean(),
});
export type ModelVersionView = z.infer<typeof ModelVersionView>;

export const TrainingPhase = z.enum(['idle', 'training', 'done', 'failed', 'cancelled']);
export const TrainingStatusView = z.strictObject({
  phase: TrainingPhase,
  /** features | evaluation | final | drift | done, while training. */
  stage: z.string().nullable(),
  fraction: z.number().min(0).max(1),
  startedAtMs: z.number().nullable(),
  /** The trained model's file hash when done: a candidate until the person adopts it. */
  resultFileHash: z.string().nullable(),
  /** Why it failed or stopped, as a code. */
  reason: AiReason.nullable(),
});
export type TrainingStatusView = z.infer<typeof TrainingStatusView>;

export const ModelComparisonView = z.strictObject({
  reason: AiReason,
  replaced: z.boolean(),
  current: ForecastScoresView.nullable(),
  candidate: ForecastScoresView.nullable(),
  window: z.strictObject({ fromMs: z.number(), toMs: z.number(), samples: z.number() }).nullable(),
});
export type ModelComparisonView = z.infer<typeof ModelComparisonView>;

export const DriftFeatureView = z.strictObject({
  name: z.string(),
  psi: z.number(),
  psiThreshold: z.number(),
  ks: z.number(),
  ksPValue: z.number(),
  level: z.enum(['none', 'moderate', 'severe']),
});
export const DriftView = z.strictObject({
  checkedAtMs: z.number(),
  verdict: z.enum(['none', 'moderate', 'severe']),
  features: z.array(DriftFeatureView),
});
export type DriftView = z.infer<typeof DriftView>;

export const LlmRole = z.enum(['off', 'second-opinion']);
export type LlmRole = z.infer<typeof LlmRole>;
export const LlmPresetId = z.enum(['ollama', 'lm-studio', 'llama-cpp', 'hosted']);

/** The provider as the page sees it: where and which model, and whether a key is stored — never the key. */
export const LlmProviderView = z.strictObject({
  configured: z.boolean(),
  presetId: LlmPresetId,
  baseUrl: z.string(),
  model: z.string(),
  apiKeyStored: z.boolean(),
  /** e.g. "••••1234" style is not shown either: only that one exists. */
  role: LlmRole,
  callsPerHour: z.number(),
  callsPerDay: z.number(),
});
export type LlmProviderView = z.infer<typeof LlmProviderView>;

export const LlmConnectionView = z.strictObject({
  ok: z.boolean(),
  models: z.array(z.string()),
  modelFound: z.boolean(),
  latencyMs: z.number().nullable(),
  reasons: z.array(AiReason),
});
export type LlmConnectionView = z.infer<typeof LlmConnectionView>;

export const LlmCallView = z.strictObject({
  adviceId: z.string(),
  askedAtMs: z.number(),
  symbol: z.string(),
  model: z.string(),
  called: z.boolean(),
  latencyMs: z.number().nullable(),
  verdict: z.enum(['accepted', 'rejected']),
  reasons: z.array(AiReason),
  stance: z.enum(['bullish', 'neutral', 'bearish']).nullable(),
  probabilityUp: z.number().nullable(),
  /** The LLM's own confidence: uncalibrated, shown as such. */
  confidence: z.number().nullable(),
  rationale: z.string().nullable(),
  /** What the second opinion did to the entry (LLM_AGREES, LLM_BEARISH_VETO…); null when no entry was asked about. */
  effect: AiReason.nullable(),
});
export type LlmCallView = z.infer<typeof LlmCallView>;

export const AiOverview = z.strictObject({
  current: ModelCardView.nullable(),
  /** The last trained model, until adopted or discarded by another training. */
  candidate: ModelCardView.nullable(),
  versions: z.array(ModelVersionView),
  training: TrainingStatusView,
  /** Whether the paper bot runs its entries past the current model. */
  modelFilterOn: z.boolean(),
  drift: DriftView.nullable(),
  provider: LlmProviderView,
  calls: z.array(LlmCallView),
});
export type AiOverview = z.infer<typeof AiOverview>;

/** The model's and the LLM's say on one entry, for the decision feed. */
export const DecisionAiView = z.strictObject({
  model: z.strictObject({
    modelHash: z.string(),
    probability: z.number().nullable(),
    action: z.enum(['keep', 'shrink', 'skip']),
    reason: AiReason,
    /** The top contributing features in plain words, e.g. "volume far above normal". */
    factors: z.array(z.strictObject({ text: z.string(), raises: z.boolean() })),
  }).optional(),
  llm: z.strictObject({
    verdict: z.enum(['accepted', 'rejected']),
    action: z.enum(['keep', 'shrink', 'veto']),
    effect: AiReason,
    stance: z.enum(['bullish', 'neutral', 'bearish']).nullable(),
    rationale: z.string().nullable(),
    reasons: z.array(AiReason),
  }).optional(),
});
export type DecisionAiView = z.infer<typeof DecisionAiView>;
