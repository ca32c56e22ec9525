/**
 * The LLM advisor: a market brief from Ballast's own data → one structured question to an
 * OpenAI-compatible server → a deterministic validator → a journal-ready record. An accepted
 * answer can only keep, shrink or veto an entry (second opinion), or, in paper trading only,
 * become a signal like any strategy's. The advisor never reaches the exchange.
 */
export { ADVICE_REASON_CODES, reason, type AdviceReason, type AdviceReasonCode, type ReasonParamValue } from './adviceReasons.ts';
export {
  ADVICE_FIELDS, ADVICE_SCHEMA_NAME, ADVICE_STANCES, ADVICE_TEXT_LIMITS, AdviceAnswer, AdviceWireShape, RANGE_KEYWORDS,
  adviceResponseFormat, type AdviceResponseFormat, type AdviceSignal,
} from './adviceSchema.ts';
export { VALIDATOR_VERSION, validateAdvice, type AdviceBudgetState, type AdviceValidationContext, type AdviceVerdict } from './adviceValidator.ts';
export { PROMPT_VERSION, ADVISOR_SYSTEM_PROMPT, type AdviceChatMessage } from './advisorPrompt.ts';
export {
  BRIEF_RECENT_BARS, BRIEF_WINDOW_BARS, buildMarketBrief,
  type BriefAnswerRules, type BriefLimits, type BriefPosition, type MarketBrief, type MarketBriefInput, type MarketBriefResult,
} from './marketBrief.ts';
export { canonicalBriefJson, type BriefValue } from './canonicalBriefJson.ts';
export { BRIEF_ATR_PERIOD, briefReadings, type BriefReadings } from './briefReadings.ts';
export { AdviceBudget, OneCallPerBar, DEFAULT_ADVICE_BUDGET, type AdviceBudgetLimits, type BudgetCall } from './adviceBudget.ts';
export { ADVICE_RECORD_VERSION, AdviceRecordSchema, MAX_RECORDED_ANSWER_CHARS, adviceIdFor, type AdviceRecord } from './adviceRecord.ts';
export { createLlmAdvisor, type ConnectionCheck, type LlmAdvisor, type LlmAdvisorOptions } from './llmAdvisor.ts';
export {
  ADVISOR_PRESETS, AdvisorSettingsSchema, DEFAULT_ADVISOR_SETTINGS, displayBaseUrl,
  type AdvisorPresetId, type AdvisorSettings,
} from './providerSettings.ts';
export {
  applySecondOpinion, DEFAULT_SECOND_OPINION,
  type AdviceOutcome, type SecondOpinion, type SecondOpinionCode, type SecondOpinionSettings,
} from './secondOpinion.ts';
export { LLM_STRATEGY_ID, proposeFromAdvice, type LlmProposal, type LlmProposalContext } from './llmProposes.ts';
export {
  MIN_RESOLVED_FOR_CURVE, advisorReliability, reliabilityReport,
  type AdvisorReliability, type ReliabilityBin, type ReliabilityReport, type ResolvedAdvice,
} from './reliability.ts';
export { adviceReasonMessages, llmAdvisorMessages, secondOpinionMessages } from './messages.ts';
