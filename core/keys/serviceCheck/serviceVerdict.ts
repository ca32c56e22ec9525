import { z } from 'zod';

/**
 * What a check of a bot service can honestly conclude. There is deliberately no "safe": the
 * best outcome is that Ballast found none of the red flags it knows, which is not a promise.
 */
export const SERVICE_VERDICTS = ['red_flags', 'could_not_confirm', 'no_red_flags_found'] as const;
export const serviceVerdictSchema = z.enum(SERVICE_VERDICTS);
export type ServiceVerdict = z.infer<typeof serviceVerdictSchema>;

/**
 * How much one finding weighs. `red_flag` makes the verdict red; `not_confirmed` (the exchange
 * did not say, the person is not sure, a question is unanswered) stops it at "could not
 * confirm"; `caution` and below are listed but do not change it.
 */
export const FINDING_SEVERITIES = ['red_flag', 'not_confirmed', 'caution', 'green', 'info'] as const;
export const findingSeveritySchema = z.enum(FINDING_SEVERITIES);
export type FindingSeverity = z.infer<typeof findingSeveritySchema>;

/** Parameters of a message template: plain values only, so they survive JSON and IPC unchanged. */
export const reasonParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type ReasonParams = z.infer<typeof reasonParamsSchema>;

/** One reason for a verdict, as a message code and its parameters (English lives in messages.ts). */
export const reasonSchema = z.object({
  code: z.string(),
  params: reasonParamsSchema,
  severity: findingSeveritySchema,
});
export type Reason = z.infer<typeof reasonSchema>;

/** The verdict a set of severities supports: any red flag wins, then anything unconfirmed. */
export function verdictFromSeverities(severities: Iterable<FindingSeverity>): ServiceVerdict {
  let unconfirmed = false;
  for (const severity of severities) {
    if (severity === 'red_flag') return 'red_flags';
    if (severity === 'not_confirmed') unconfirmed = true;
  }
  return unconfirmed ? 'could_not_confirm' : 'no_red_flags_found';
}

/** The least reassuring of several verdicts. */
export function worstVerdict(verdicts: Iterable<ServiceVerdict>): ServiceVerdict {
  let worst: ServiceVerdict = 'no_red_flags_found';
  for (const verdict of verdicts) {
    if (verdict === 'red_flags') return 'red_flags';
    if (verdict === 'could_not_confirm') worst = 'could_not_confirm';
  }
  return worst;
}

const SEVERITY_ORDER: Readonly<Record<FindingSeverity, number>> = {
  red_flag: 0, not_confirmed: 1, caution: 2, green: 3, info: 4,
};

/** Reasons with the most serious first; stable within one severity. */
export function bySeverity<T extends { readonly severity: FindingSeverity }>(reasons: readonly T[]): T[] {
  return [...reasons].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
