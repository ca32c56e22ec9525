import type { z } from 'zod';
import { reason, type AdviceReason } from './adviceReasons.ts';
import { ADVICE_STANCES, ADVICE_TEXT_LIMITS, AdviceAnswer, type AdviceSignal } from './adviceSchema.ts';
import { screenAdviceText } from './adviceTextScreen.ts';
import { readAnswerJson } from './answerJson.ts';

/**
 * Version of the rules below. Journaled with every verdict, so a verdict can be re-derived from
 * the recorded raw answer by the same rules, and a rule change shows in the record.
 */
export const VALIDATOR_VERSION = 'advice-validator-2026-12-v1';

/** Calls and tokens counted over the rolling windows, this call included. */
export interface AdviceBudgetState {
  readonly callsLastHour: number;
  readonly callsPerHour: number;
  readonly callsLastDay: number;
  readonly callsPerDay: number;
  readonly tokensLastDay: number;
  readonly tokensPerDay: number;
}

/** What the answer is checked against: the question that was asked and the call that answered it. */
export interface AdviceValidationContext {
  readonly askedSymbol: string;
  readonly allowlist: readonly string[];
  readonly lastCloseQuote: number;
  readonly atrQuote: number;
  readonly horizonMinBars: number;
  readonly horizonMaxBars: number;
  /** The invalidation price may be at most this many ATRs from the close. */
  readonly maxInvalidationAtr: number;
  /** A neutral stance needs probabilityUp within 0.5 ± this. */
  readonly neutralProbabilityBand: number;
  readonly elapsedMs: number;
  readonly timeoutMs: number;
  readonly maxAnswerBytes: number;
  /** The server's `finish_reason`; `length` means the answer was cut off. */
  readonly finishReason: string | null;
  readonly budget: AdviceBudgetState;
}

export type AdviceVerdict =
  | { readonly verdict: 'accepted'; readonly signal: AdviceSignal }
  | { readonly verdict: 'rejected'; readonly reasons: readonly AdviceReason[] };

/**
 * The deterministic gate between a language model and Ballast: pure, no clock, no I/O. Every
 * failed check adds a reason, so the journal shows everything wrong with an answer, not only the
 * first thing; an answer is accepted only when the list is empty and the strict schema passed.
 */
export function validateAdvice(rawAnswer: string, context: AdviceValidationContext): AdviceVerdict {
  const reasons: AdviceReason[] = [...contextReasons(context), ...callReasons(rawAnswer, context)];
  const json = readAnswerJson(rawAnswer);
  if (!json.ok) return rejected([...reasons, ...json.reasons]);
  if (json.value === null || typeof json.value !== 'object' || Array.isArray(json.value)) {
    return rejected([...reasons, reason('ANSWER_NOT_OBJECT')]);
  }
  const answer = json.value as Readonly<Record<string, unknown>>;
  const parsed = AdviceAnswer.safeParse(answer);
  if (!parsed.success) reasons.push(...schemaReasons(parsed.error.issues, answer, context));
  reasons.push(...marketReasons(answer, context), ...textReasons(answer));
  if (parsed.success && reasons.length === 0) return { verdict: 'accepted', signal: parsed.data };
  // A schema failure always carries at least one reason of its own (see schemaReasons).
  return rejected(reasons);
}

function rejected(reasons: readonly AdviceReason[]): AdviceVerdict {
  const seen = new Set<string>();
  const unique = reasons.filter((item) => {
    const key = `${item.code}${JSON.stringify(item.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { verdict: 'rejected', reasons: unique };
}

/** |0.35 − 0.5| is 0.15000000000000002 in binary floating point; the band's own edge counts as inside. */
const FLOAT_TOLERANCE = 1e-9;

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A context Ballast cannot check against (no ATR yet, bounds that make no sense) refuses, never waves through. */
function contextReasons(context: AdviceValidationContext): AdviceReason[] {
  const problems: string[] = [];
  if (!(isFiniteNumber(context.lastCloseQuote) && context.lastCloseQuote > 0)) problems.push('lastCloseQuote');
  if (!(isFiniteNumber(context.atrQuote) && context.atrQuote > 0)) problems.push('atrQuote');
  if (!(Number.isInteger(context.horizonMinBars) && context.horizonMinBars >= 1 && Number.isInteger(context.horizonMaxBars) && context.horizonMaxBars >= context.horizonMinBars)) problems.push('horizonBounds');
  if (!(isFiniteNumber(context.maxInvalidationAtr) && context.maxInvalidationAtr > 0)) problems.push('maxInvalidationAtr');
  if (!(isFiniteNumber(context.neutralProbabilityBand) && context.neutralProbabilityBand >= 0 && context.neutralProbabilityBand < 0.5)) problems.push('neutralProbabilityBand');
  if (!isFiniteNumber(context.elapsedMs) || !isFiniteNumber(context.timeoutMs)) problems.push('elapsedMs');
  if (!isFiniteNumber(context.maxAnswerBytes)) problems.push('maxAnswerBytes');
  return problems.map((field) => reason('CONTEXT_INCOMPLETE', { field }));
}

function callReasons(rawAnswer: string, context: AdviceValidationContext): AdviceReason[] {
  const reasons: AdviceReason[] = [];
  if (context.finishReason === 'length') reasons.push(reason('ANSWER_TRUNCATED'));
  if (context.finishReason === 'content_filter') reasons.push(reason('MODEL_REFUSED'));
  if (context.elapsedMs > context.timeoutMs) reasons.push(reason('ANSWER_TOO_SLOW', { elapsedMs: Math.round(context.elapsedMs), timeoutMs: context.timeoutMs }));
  const bytes = Buffer.byteLength(rawAnswer, 'utf8');
  if (bytes > context.maxAnswerBytes) reasons.push(reason('ANSWER_TOO_LARGE', { bytes, maxBytes: context.maxAnswerBytes }));
  const budget = context.budget;
  if (!(budget.callsLastHour <= budget.callsPerHour)) reasons.push(reason('BUDGET_CALLS_PER_HOUR', { used: budget.callsLastHour, limit: budget.callsPerHour }));
  if (!(budget.callsLastDay <= budget.callsPerDay)) reasons.push(reason('BUDGET_CALLS_PER_DAY', { used: budget.callsLastDay, limit: budget.callsPerDay }));
  if (!(budget.tokensLastDay <= budget.tokensPerDay)) reasons.push(reason('BUDGET_TOKENS_PER_DAY', { used: budget.tokensLastDay, limit: budget.tokensPerDay }));
  return reasons;
}

function schemaReasons(issues: readonly z.core.$ZodIssue[], answer: Readonly<Record<string, unknown>>, context: AdviceValidationContext): AdviceReason[] {
  const reasons: AdviceReason[] = [];
  for (const issue of issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : '';
    const value = field === '' ? answer : answer[field];
    if (issue.code === 'unrecognized_keys') {
      reasons.push(reason('ANSWER_EXTRA_FIELDS', { fields: issue.keys.slice(0, 10).join(', ') }));
    } else if (field === 'symbol') {
      // Any malformed symbol is, first of all, not the one asked about.
      reasons.push(symbolMismatch(context.askedSymbol, value));
    } else if (value === undefined) {
      reasons.push(reason('ANSWER_MISSING_FIELD', { field }));
    } else if (typeof value === 'number' && !Number.isFinite(value)) {
      reasons.push(reason('NUMBER_NOT_FINITE', { field }));
    } else if (issue.code === 'invalid_value' && field === 'stance') {
      reasons.push(reason('STANCE_UNKNOWN', { value: typeof value === 'string' ? value.slice(0, 40) : null }));
    } else if (issue.code === 'invalid_type' && field === 'horizonBars' && typeof value === 'number') {
      reasons.push(reason('HORIZON_NOT_WHOLE', { value }));
    } else if (issue.code === 'too_big' && field === 'keyFactors' && issue.path.length === 1) {
      reasons.push(reason('KEY_FACTORS_TOO_MANY', { count: Array.isArray(value) ? value.length : null, max: ADVICE_TEXT_LIMITS.maxKeyFactors }));
    } else if (issue.code === 'too_big' && field === 'keyFactors') {
      const index = typeof issue.path[1] === 'number' ? issue.path[1] : null;
      const text = Array.isArray(value) && index !== null ? (value as unknown[])[index] : undefined;
      reasons.push(reason('KEY_FACTOR_TOO_LONG', { index, length: typeof text === 'string' ? text.length : null, max: ADVICE_TEXT_LIMITS.maxKeyFactorChars }));
    } else if (issue.code === 'too_big' && field === 'rationale') {
      reasons.push(reason('RATIONALE_TOO_LONG', { length: typeof value === 'string' ? value.length : null, max: ADVICE_TEXT_LIMITS.maxRationaleChars }));
    } else if ((issue.code === 'too_big' || issue.code === 'too_small') && typeof value === 'number') {
      reasons.push(reason('NUMBER_OUT_OF_RANGE', { field, value, ...NUMBER_RANGES[field] }));
    } else {
      reasons.push(reason('ANSWER_WRONG_TYPE', { field: issue.path.join('.'), expected: 'expected' in issue ? String(issue.expected) : issue.code }));
    }
  }
  return reasons;
}

const NUMBER_RANGES: Readonly<Record<string, { min: number | null; max: number | null }>> = {
  probabilityUp: { min: 0, max: 1 },
  confidence: { min: 0, max: 1 },
  invalidationPrice: { min: 0, max: null },
};

function symbolMismatch(asked: string, answered: unknown): AdviceReason {
  return reason('SYMBOL_MISMATCH', { asked, answered: typeof answered === 'string' ? answered.slice(0, 40) : null });
}

/** The answer against the market: symbol, stance against probability, invalidation, horizon. */
function marketReasons(answer: Readonly<Record<string, unknown>>, context: AdviceValidationContext): AdviceReason[] {
  const reasons: AdviceReason[] = [];
  if (!context.allowlist.includes(context.askedSymbol)) reasons.push(reason('SYMBOL_NOT_ALLOWED', { symbol: context.askedSymbol }));
  const symbol = answer.symbol;
  if (typeof symbol === 'string') {
    if (symbol !== context.askedSymbol) reasons.push(symbolMismatch(context.askedSymbol, symbol));
    if (!context.allowlist.includes(symbol)) reasons.push(reason('SYMBOL_NOT_ALLOWED', { symbol: symbol.slice(0, 40) }));
  }
  const stance = (ADVICE_STANCES as readonly unknown[]).includes(answer.stance) ? (answer.stance as AdviceSignal['stance']) : undefined;
  const probabilityUp = answer.probabilityUp;
  if (stance !== undefined && isFiniteNumber(probabilityUp) && probabilityUp >= 0 && probabilityUp <= 1) {
    const consistent = stance === 'bullish' ? probabilityUp > 0.5 : stance === 'bearish' ? probabilityUp < 0.5 : Math.abs(probabilityUp - 0.5) <= context.neutralProbabilityBand + FLOAT_TOLERANCE;
    if (!consistent) reasons.push(reason('STANCE_CONTRADICTS_PROBABILITY', { stance, probabilityUp, neutralBand: context.neutralProbabilityBand }));
  }
  reasons.push(...invalidationReasons(stance, answer.invalidationPrice, context));
  const horizonBars = answer.horizonBars;
  if (isFiniteNumber(horizonBars) && Number.isInteger(horizonBars) && (horizonBars < context.horizonMinBars || horizonBars > context.horizonMaxBars)) {
    reasons.push(reason('HORIZON_OUT_OF_BOUNDS', { horizonBars, min: context.horizonMinBars, max: context.horizonMaxBars }));
  }
  return reasons;
}

/**
 * Bullish: the view is wrong below the close; bearish: above it. Neutral makes no directional
 * claim, so its invalidation (the breakout that would end the range) may sit on either side, but
 * not at the close itself. Every stance must stay within `maxInvalidationAtr` ATRs of the close:
 * a stop further away is no stop at all.
 */
function invalidationReasons(stance: AdviceSignal['stance'] | undefined, price: unknown, context: AdviceValidationContext): AdviceReason[] {
  if (!isFiniteNumber(price) || price <= 0) return [];
  const close = context.lastCloseQuote;
  const reasons: AdviceReason[] = [];
  const wrongSide = stance === 'bullish' ? price >= close : stance === 'bearish' ? price <= close : stance === 'neutral' ? price === close : false;
  if (wrongSide) reasons.push(reason('INVALIDATION_WRONG_SIDE', { stance: stance ?? null, invalidationPrice: price, lastClose: close }));
  if (context.atrQuote > 0) {
    const distanceAtr = Math.abs(price - close) / context.atrQuote;
    if (distanceAtr > context.maxInvalidationAtr) {
      reasons.push(reason('INVALIDATION_TOO_FAR', { distanceAtr: Math.round(distanceAtr * 100) / 100, maxAtr: context.maxInvalidationAtr }));
    }
  }
  return reasons;
}

function textReasons(answer: Readonly<Record<string, unknown>>): AdviceReason[] {
  const reasons: AdviceReason[] = [];
  if (typeof answer.rationale === 'string') {
    if (answer.rationale.trim().length === 0) reasons.push(reason('RATIONALE_EMPTY'));
    reasons.push(...screenAdviceText('rationale', answer.rationale));
  }
  if (Array.isArray(answer.keyFactors)) {
    answer.keyFactors.forEach((factor: unknown, index) => {
      if (typeof factor === 'string') reasons.push(...screenAdviceText(`keyFactors[${index}]`, factor));
    });
  }
  return reasons;
}
