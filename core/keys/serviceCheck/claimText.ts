/**
 * The small pieces of English the claim rules need to read a match in its place: which clause
 * and sentence it sits in, and whether a nearby word turns it around ("no strategy is
 * guaranteed", "do not enable withdrawals"). Deterministic and deliberately simple: a word list
 * and a window, no model.
 */

/** Words that deny what follows them within a few words of the same clause. */
const NEGATORS = new Set([
  'no', 'not', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'cannot', 'without', 'nowhere',
  // Warnings about a claim are not the claim: "beware of anyone who offers risk-free profit".
  'beware', 'wary', 'avoid', 'avoids', 'warn', 'warns', 'warning', 'suspicious', 'scam', 'scams', 'fake',
]);

/** A negator followed by one of these does not deny the claim after it ("don't miss out on ..."). */
const NOT_A_DENIAL_BEFORE = new Set(['miss', 'wonder', 'only', 'more', 'longer', 'doubt', 'hesitate', 'wait', 'worry']);

/** How many words before a match a negator may stand and still deny it. */
export const NEGATION_WINDOW_WORDS = 5;

const WORD = /[a-z0-9]+(?:'[a-z]+)?/g;

/** Lower-case words, with typographic apostrophes made plain ("can’t" → "can't"). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().replace(/[’‘`´]/g, "'").match(WORD) ?? [];
}

const isNegator = (word: string): boolean => NEGATORS.has(word) || word.endsWith("n't");

/** Characters that always end a clause, and punctuation that ends one when a blank follows ("1.5%" stays whole). */
const HARD_BOUNDARIES = new Set(['(', ')', '[', ']', '{', '}', '\n', '•', '|', '—', '–']);
const SOFT_BOUNDARIES = new Set(['.', '!', '?', ';', ':', ',']);
const SENTENCE_ENDS = new Set(['.', '!', '?']);
const CLAUSE_WORDS = /\b(?:but|however|although|though)\b/gi;

/**
 * How far either side of a match the rules look for its clause and sentence. The negation window
 * is a few words, so this is plenty, and it keeps a scan linear in the length of the text.
 */
const CONTEXT_CHARS = 400;

const isBlank = (c: string | undefined): boolean => c === undefined || /\s/.test(c);

/** Does a clause (or, with `sentenceOnly`, a sentence) end right after text[i]? */
function endsAt(text: string, i: number, sentenceOnly: boolean): boolean {
  const c = text.charAt(i);
  if (c === '\n') return true;
  if (sentenceOnly) return SENTENCE_ENDS.has(c) && isBlank(text[i + 1]);
  if (HARD_BOUNDARIES.has(c)) return true;
  if (SOFT_BOUNDARIES.has(c)) return isBlank(text[i + 1]);
  return c === '-' && text[i - 1] === ' ' && text[i + 1] === ' ';
}

function boundaryBefore(text: string, index: number): number {
  for (let i = index - 1; i >= Math.max(0, index - CONTEXT_CHARS); i--) if (endsAt(text, i, false)) return i + 1;
  return Math.max(0, index - CONTEXT_CHARS);
}

function boundaryFrom(text: string, index: number, sentenceOnly: boolean): number {
  const last = Math.min(text.length, index + CONTEXT_CHARS);
  for (let i = index; i < last; i++) if (endsAt(text, i, sentenceOnly)) return i;
  return last;
}

/** The part of the match's clause that comes before it. */
export function clauseBefore(text: string, start: number): string {
  const clause = text.slice(boundaryBefore(text, start), start);
  let from = 0;
  for (const word of clause.matchAll(CLAUSE_WORDS)) from = word.index + word[0].length;
  return clause.slice(from);
}

/** The part of the match's clause that comes after it. */
export function clauseAfter(text: string, end: number): string {
  const clause = text.slice(end, boundaryFrom(text, end, false));
  const word = new RegExp(CLAUSE_WORDS.source, 'i').exec(clause);
  return word === null ? clause : clause.slice(0, word.index);
}

/** The rest of the match's sentence after it. */
export function sentenceAfter(text: string, end: number): string {
  return text.slice(end, boundaryFrom(text, end, true));
}

/**
 * True when a negator stands within NEGATION_WINDOW_WORDS words before the match in its clause:
 * "past results do NOT guarantee", "there is NO such thing as a risk-free trade".
 */
export function deniedBefore(text: string, start: number): boolean {
  const words = wordsOf(clauseBefore(text, start));
  const window = words.slice(-NEGATION_WINDOW_WORDS);
  const offset = words.length - window.length;
  return window.some((word, i) => isNegator(word) && !NOT_A_DENIAL_BEFORE.has(words[offset + i + 1] ?? ''));
}

/** Words that say a setting is off: `Leave "Enable Withdrawals" unticked`. */
const OFF_STATES = new Set(['off', 'unticked', 'unchecked', 'disabled', 'deselected', 'untick', 'uncheck', 'disable']);

export function switchedOffAfter(text: string, end: number): boolean {
  return wordsOf(sentenceAfter(text, end)).some((word) => OFF_STATES.has(word));
}

/** "zero drawdown", "no losses": a word denied like this is itself part of a claim. */
const DENYING_WORDS = new Set(['no', 'zero', 'without', 'never', '0']);

/** True when the match's clause (either side) contains one of `words`, not denied by the word before it. */
export function clauseMentions(text: string, start: number, end: number, words: ReadonlySet<string>): boolean {
  const mentionedIn = (list: readonly string[]): boolean =>
    list.some((word, i) => words.has(word) && !DENYING_WORDS.has(list[i - 1] ?? ''));
  return mentionedIn(wordsOf(clauseBefore(text, start))) || mentionedIn(wordsOf(clauseAfter(text, end)));
}

/**
 * A number as marketing writes it: "1,000" (thousands), "1,5" (decimal comma), "12.5".
 * NaN when it is not a number.
 */
export function parseClaimNumber(text: string): number {
  const plain = text.trim().replace(/\s/g, '');
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(plain)) return Number(plain.replaceAll(',', ''));
  if (/^\d+,\d+$/.test(plain)) return Number(plain.replace(',', '.'));
  return /^\d+(?:\.\d+)?$/.test(plain) ? Number(plain) : Number.NaN;
}

/** Periods per year for a fixed return stated per day, week or month. */
export const PERIODS_PER_YEAR = { day: 365, week: 52, month: 12 } as const;
export type ReturnPeriod = keyof typeof PERIODS_PER_YEAR;

export function periodOf(word: string): ReturnPeriod | undefined {
  const w = word.toLowerCase().replace(/\s/g, '');
  if (w.startsWith('day') || w === 'daily' || w.startsWith('24h')) return 'day';
  if (w.startsWith('week')) return 'week';
  if (w.startsWith('month')) return 'month';
  return undefined;
}

/** What `percent` a period comes to over a year if every period's gain is reinvested. */
export function compoundedYearlyPercent(percent: number, period: ReturnPeriod): number {
  return (Math.pow(1 + percent / 100, PERIODS_PER_YEAR[period]) - 1) * 100;
}
