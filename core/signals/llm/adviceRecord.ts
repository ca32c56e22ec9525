import { z } from 'zod';
import { ADVICE_REASON_CODES } from './adviceReasons.ts';
import { AdviceAnswer } from './adviceSchema.ts';

export const ADVICE_RECORD_VERSION = 1;
/** The raw answer is journaled up to this many characters (the validator saw all of it). */
export const MAX_RECORDED_ANSWER_CHARS = 8_192;

const ReasonSchema = z.strictObject({
  code: z.enum(ADVICE_REASON_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

/**
 * One question to the advisor and what came of it, ready for the journal: enough to show the
 * decision feed and the AI screen, to audit the verdict, and to replay the answer in a backtest
 * (an LLM cannot be backtested honestly on live calls: it may have read the future). Every
 * string in it has been scrubbed of key material. Parse a journaled record with this schema.
 */
export const AdviceRecordSchema = z.strictObject({
  recordVersion: z.literal(ADVICE_RECORD_VERSION),
  /** `llm:<symbol>:<bar open time>`: one per bar per market. */
  adviceId: z.string(),
  symbol: z.string(),
  barOpenTimeMs: z.number().nullable(),
  askedAtMs: z.number(),
  promptVersion: z.string(),
  validatorVersion: z.string(),
  /** sha256 of the brief's canonical JSON; null when no brief could be built. */
  briefHash: z.string().nullable(),
  model: z.string(),
  /** Scheme, host and path of the server; never credentials or a query. */
  baseUrl: z.string(),
  /** Whether a request was sent (budget, bar guard and bad input refuse before sending). */
  called: z.boolean(),
  latencyMs: z.number().nullable(),
  httpStatus: z.number().nullable(),
  finishReason: z.string().nullable(),
  usage: z.strictObject({
    promptTokens: z.number().nullable(),
    completionTokens: z.number().nullable(),
    totalTokens: z.number(),
    /** True when the server reported no usage and tokens were estimated (characters ÷ 4). */
    estimated: z.boolean(),
  }).nullable(),
  /** The model's answer text (or the response body when there was no answer), scrubbed and capped. */
  rawAnswer: z.string().nullable(),
  rawAnswerTruncated: z.boolean(),
  /** The answer's JSON when it parsed, whatever the verdict; for the details view. */
  parsed: z.unknown(),
  verdict: z.enum(['accepted', 'rejected']),
  /** Present only when accepted: the one form in which LLM output may reach the policy. */
  signal: AdviceAnswer.nullable(),
  reasons: z.array(ReasonSchema),
  /** Scrubbed technical detail of a failed call (error name and message). */
  detail: z.string().nullable(),
});

export type AdviceRecord = z.infer<typeof AdviceRecordSchema>;

export function adviceIdFor(symbol: string, barOpenTimeMs: number | null): string {
  return `llm:${symbol}:${barOpenTimeMs === null ? 'unknown' : String(barOpenTimeMs)}`;
}
