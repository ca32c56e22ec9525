import { z } from 'zod';
import type { ClaimRule } from './claimRule.ts';
import { clauseMentions, deniedBefore, switchedOffAfter } from './claimText.ts';
import { CONDUCT_CLAIM_RULES } from './conductClaimRules.ts';
import { RETURN_CLAIM_RULES } from './returnClaimRules.ts';
import { reasonParamsSchema } from './serviceVerdict.ts';

/** Every rule the claim scanner applies, in the order their matches are reported on a tie. */
export const CLAIM_RULES: readonly ClaimRule[] = [...RETURN_CLAIM_RULES, ...CONDUCT_CLAIM_RULES];

/** Longer texts are scanned up to here and the result says so; marketing pages are far shorter. */
export const MAX_SCANNED_CHARS = 200_000;

export const claimMatchSchema = z.object({
  ruleId: z.string(),
  /** Offsets into the scanned text in UTF-16 code units (JavaScript string indices); end is exclusive. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  explanationCode: z.string(),
  params: reasonParamsSchema,
});
export type ClaimMatch = z.infer<typeof claimMatchSchema>;

export const claimScanSchema = z.object({
  matches: z.array(claimMatchSchema),
  scannedChars: z.number().int().nonnegative(),
  /** True when the text was longer than MAX_SCANNED_CHARS and only its start was read. */
  truncated: z.boolean(),
});
export type ClaimScan = z.infer<typeof claimScanSchema>;

function isHonestStatement(rule: ClaimRule, text: string, start: number, end: number): boolean {
  if (rule.negatable !== false && deniedBefore(text, start)) return true;
  if (rule.negatedBySwitchedOffAfter === true && switchedOffAfter(text, end)) return true;
  return rule.unrelatedIfClauseMentions !== undefined && clauseMentions(text, start, end, rule.unrelatedIfClauseMentions);
}

function matchesOf(rule: ClaimRule, text: string): ClaimMatch[] {
  const out: ClaimMatch[] = [];
  for (const source of rule.patterns) {
    const global = new RegExp(source.source, source.flags.includes('g') ? source.flags : `${source.flags}g`);
    for (const match of text.matchAll(global)) {
      const start = match.index;
      const end = start + match[0].length;
      if (end === start || isHonestStatement(rule, text, start, end)) continue;
      const params = rule.judge ? rule.judge(match.groups ?? {}) : {};
      if (params === null) continue;
      out.push({ ruleId: rule.id, start, end, text: match[0], explanationCode: rule.explanationCode, params });
    }
  }
  return withoutOverlaps(out);
}

/** One rule's patterns can find the same claim twice; keep the first and longest. */
function withoutOverlaps(matches: readonly ClaimMatch[]): ClaimMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: ClaimMatch[] = [];
  for (const match of sorted) {
    const last = kept.at(-1);
    if (last !== undefined && match.start < last.end) continue;
    kept.push(match);
  }
  return kept;
}

/**
 * Finds red-flag claims in pasted marketing text with fixed rules (no model, same answer every
 * time): guarantees, win rates, fixed returns, implausible yearly rates, urgency, referral
 * pyramids, custody and withdrawal-enabled keys. An empty result means none of these patterns
 * was found, not that the text is honest.
 */
export function scanClaims(input: string, rules: readonly ClaimRule[] = CLAIM_RULES): ClaimScan {
  const truncated = input.length > MAX_SCANNED_CHARS;
  const text = truncated ? input.slice(0, MAX_SCANNED_CHARS) : input;
  const matches = rules
    .flatMap((rule) => matchesOf(rule, text))
    .sort((a, b) => a.start - b.start || rules.findIndex((r) => r.id === a.ruleId) - rules.findIndex((r) => r.id === b.ruleId));
  return { matches, scannedChars: text.length, truncated };
}
