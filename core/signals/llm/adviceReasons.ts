/**
 * Every way an LLM answer can be refused, as a code with parameters. The words for people live
 * in messages.ts; the journal stores the codes, so a wording change never rewrites history.
 */
export const ADVICE_REASON_CODES = [
  // The answer's form: one JSON object and nothing else.
  'ANSWER_EMPTY',
  'ANSWER_NOT_JSON',
  'ANSWER_TRUNCATED',
  'ANSWER_IN_CODE_FENCE',
  'ANSWER_PROSE_AROUND_JSON',
  'ANSWER_NOT_OBJECT',
  'MODEL_REFUSED',
  // The schema: exactly the fields asked for, each of the right type and range.
  'ANSWER_MISSING_FIELD',
  'ANSWER_EXTRA_FIELDS',
  'ANSWER_WRONG_TYPE',
  'STANCE_UNKNOWN',
  'NUMBER_NOT_FINITE',
  'NUMBER_OUT_OF_RANGE',
  'HORIZON_NOT_WHOLE',
  'KEY_FACTORS_TOO_MANY',
  'KEY_FACTOR_TOO_LONG',
  'RATIONALE_TOO_LONG',
  'RATIONALE_EMPTY',
  // The answer against the market it was asked about.
  'SYMBOL_MISMATCH',
  'SYMBOL_NOT_ALLOWED',
  'STANCE_CONTRADICTS_PROBABILITY',
  'INVALIDATION_WRONG_SIDE',
  'INVALIDATION_TOO_FAR',
  'HORIZON_OUT_OF_BOUNDS',
  'CONTEXT_INCOMPLETE',
  // The free text: explanation only.
  'TEXT_INSTRUCTION',
  'TEXT_URL',
  'TEXT_CODE',
  'TEXT_KEY_LIKE',
  'TEXT_HIDDEN_CHARACTERS',
  // Time, size and money spent.
  'ANSWER_TOO_SLOW',
  'ANSWER_TOO_LARGE',
  'BUDGET_CALLS_PER_HOUR',
  'BUDGET_CALLS_PER_DAY',
  'BUDGET_TOKENS_PER_DAY',
  // Before or around the call.
  'ALREADY_ASKED_THIS_BAR',
  'PROVIDER_COOLING_DOWN',
  'BRIEF_INPUT_INVALID',
  'API_KEY_UNAVAILABLE',
  'PROVIDER_TIMEOUT',
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_AUTH_FAILED',
  'PROVIDER_HTTP_ERROR',
  'PROVIDER_UNREACHABLE',
  'RESPONSE_TOO_LARGE',
  'RESPONSE_MALFORMED',
  'ADVISOR_FAILED',
] as const;

export type AdviceReasonCode = (typeof ADVICE_REASON_CODES)[number];

export type ReasonParamValue = string | number | boolean | null;

export interface AdviceReason {
  readonly code: AdviceReasonCode;
  readonly params: Readonly<Record<string, ReasonParamValue>>;
}

export function reason(code: AdviceReasonCode, params: Readonly<Record<string, ReasonParamValue>> = {}): AdviceReason {
  return { code, params };
}
