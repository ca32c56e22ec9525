import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';

/** The sizes of an answer's text, shared by the checked schema, the prompt and the messages. */
export const ADVICE_TEXT_LIMITS = {
  maxKeyFactors: 5,
  maxKeyFactorChars: 120,
  maxRationaleChars: 600,
  maxSymbolChars: 40,
} as const;

export const ADVICE_STANCES = ['bullish', 'neutral', 'bearish'] as const;

/**
 * The shape the model is asked for: field names and types only. Value ranges are deliberately
 * absent from this schema, because it becomes the JSON schema sent in `response_format` and some
 * OpenAI-compatible servers reject `minimum`/`maxLength` or silently ignore them. Ranges live in
 * `AdviceAnswer` below and are checked after parsing, whatever the server did.
 */
export const AdviceWireShape = z.strictObject({
  symbol: z.string().describe('The market you were asked about, exactly as written in the brief, e.g. "BTC/USDT".'),
  stance: z.enum(ADVICE_STANCES).describe('Your view over the horizon.'),
  probabilityUp: z.number().describe('Probability from 0 to 1 that the close after horizonBars bars is above the last close.'),
  confidence: z.number().describe('How sure you are of this view, from 0 to 1.'),
  horizonBars: z.number().describe('How many bars ahead the view is for (a whole number).'),
  invalidationPrice: z.number().describe('The price at which the view is wrong: below the last close when bullish, above it when bearish.'),
  keyFactors: z.array(z.string()).describe(`At most ${ADVICE_TEXT_LIMITS.maxKeyFactors} short factors from the brief.`),
  rationale: z.string().describe(`A plain explanation of at most ${ADVICE_TEXT_LIMITS.maxRationaleChars} characters.`),
});

/**
 * The answer as Ballast accepts it: the same fields with their ranges. Strict: a field that was
 * not asked for (an "orderSize", an "action") rejects the answer instead of being dropped.
 * Context-dependent bounds (symbol allowlist, horizon limits, distance to the close) are the
 * validator's, not the schema's.
 */
export const AdviceAnswer = z.strictObject({
  symbol: z.string().min(1).max(ADVICE_TEXT_LIMITS.maxSymbolChars),
  stance: z.enum(ADVICE_STANCES),
  probabilityUp: z.number().min(0).max(1),
  confidence: z.number().min(0).max(1),
  horizonBars: z.number().int(),
  invalidationPrice: z.number().positive(),
  keyFactors: z.array(z.string().max(ADVICE_TEXT_LIMITS.maxKeyFactorChars)).max(ADVICE_TEXT_LIMITS.maxKeyFactors),
  rationale: z.string().max(ADVICE_TEXT_LIMITS.maxRationaleChars),
});

/** An answer that passed the validator: the only form in which LLM output reaches the policy. */
export type AdviceSignal = z.infer<typeof AdviceAnswer>;

export const ADVICE_FIELDS = Object.keys(AdviceAnswer.shape) as readonly (keyof AdviceSignal)[];

/** JSON-schema keywords that express ranges; none may reach the server. */
export const RANGE_KEYWORDS = [
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties',
] as const;

function withoutRangeKeywords(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutRangeKeywords);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if ((RANGE_KEYWORDS as readonly string[]).includes(key)) continue;
    out[key] = withoutRangeKeywords(value);
  }
  return out;
}

export const ADVICE_SCHEMA_NAME = 'ballast_advice';

export interface AdviceResponseFormat {
  readonly type: 'json_schema';
  readonly json_schema: { readonly name: string; readonly strict: boolean; readonly schema: Record<string, unknown> };
}

/**
 * The `response_format` of the chat request, built by the openai package's own zod helper (so
 * it is what OpenAI's strict structured output expects) and then stripped of every range keyword
 * as a second net: the helper itself adds integer bounds for `z.int()`.
 */
export function adviceResponseFormat(): AdviceResponseFormat {
  const format = zodResponseFormat(AdviceWireShape, ADVICE_SCHEMA_NAME);
  const schema = withoutRangeKeywords(format.json_schema.schema) as Record<string, unknown>;
  return { type: 'json_schema', json_schema: { name: ADVICE_SCHEMA_NAME, strict: true, schema } };
}
