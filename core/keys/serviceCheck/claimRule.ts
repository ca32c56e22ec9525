import type { ReasonParams } from './serviceVerdict.ts';

/**
 * One kind of red-flag claim in a service's marketing text, with the examples that prove it: every
 * `flagged` sentence must produce a match of this rule and every `clean` one must not (a test runs
 * them all). Patterns are written case-insensitive; the scanner adds the global flag.
 */
export interface ClaimRule {
  readonly id: string;
  /** The message code that explains, in messages.ts, why this claim matters for the person's money. */
  readonly explanationCode: string;
  readonly patterns: readonly RegExp[];
  /**
   * A negator shortly before the match in its clause turns it into an honest statement ("past
   * results do not guarantee ..."). On by default; off for rules whose own words are negative.
   */
  readonly negatable?: boolean;
  /** An "off" later in the sentence means the claim is about keeping something off. */
  readonly negatedBySwitchedOffAfter?: boolean;
  /** Words that, anywhere in the clause, show the match is about something else (a fee, a price fall). */
  readonly unrelatedIfClauseMentions?: ReadonlySet<string>;
  /**
   * Looks at the named groups (e.g. `percent`) and returns the message parameters, or null when
   * this match is not a red flag after all (an APY below the plausible bound).
   */
  readonly judge?: (groups: Readonly<Partial<Record<string, string>>>) => ReasonParams | null;
  readonly examples: { readonly flagged: readonly string[]; readonly clean: readonly string[] };
}

/** A number as marketing writes it (30, 1.5, 1,000, 2,5), captured under `name`. */
export function number(name: string): string {
  return String.raw`(?<![\d.,])(?<${name}>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)`;
}

/** A percent sign or word after a number. */
export const PERCENT = String.raw`\s?(?:%|percent\b|per\s?cent\b)`;

/** Builds a case-insensitive pattern from parts, so long rules stay readable. */
export function pattern(...parts: readonly string[]): RegExp {
  return new RegExp(parts.join(''), 'i');
}
