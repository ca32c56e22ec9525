import { reason, type AdviceReason } from './adviceReasons.ts';

export type AnswerJson =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reasons: readonly AdviceReason[] };

/** `"field": NaN` and friends: JavaScript literals that are not JSON numbers. */
const NON_FINITE_FIELD = /"([^"\\]{1,64})"\s*:\s*[-+]?(?:NaN|Infinity)\b/g;

/**
 * Reads the answer as exactly one JSON value, with nothing around it but whitespace. Nothing is
 * "repaired": an answer in a code fence, with prose before or after, cut off, or using NaN is
 * refused, because a parser that guesses where the JSON starts can be steered by the text around
 * it (a second object after the first, an instruction in the preamble).
 */
export function readAnswerJson(text: string): AnswerJson {
  const trimmed = text.trim();
  if (trimmed.length === 0) return fail(reason('ANSWER_EMPTY'));
  if (trimmed.includes('```')) return fail(reason('ANSWER_IN_CODE_FENCE'));
  const first = trimmed[0];
  if (first !== '{' && first !== '[') {
    return fail(trimmed.includes('{') ? reason('ANSWER_PROSE_AROUND_JSON', { where: 'before' }) : reason('ANSWER_NOT_JSON'));
  }
  const end = endOfFirstValue(trimmed);
  if (end === -1) return fail(reason('ANSWER_TRUNCATED'));
  if (end < trimmed.length - 1) return fail(reason('ANSWER_PROSE_AROUND_JSON', { where: 'after' }));
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch {
    const fields = nonFiniteFields(trimmed);
    if (fields.length > 0) return fail(...fields.map((field) => reason('NUMBER_NOT_FINITE', { field })));
    return fail(reason('ANSWER_NOT_JSON'));
  }
}

function fail(...reasons: AdviceReason[]): AnswerJson {
  return { ok: false, reasons };
}

function nonFiniteFields(text: string): string[] {
  const fields: string[] = [];
  for (const match of text.matchAll(NON_FINITE_FIELD)) {
    const field = match[1];
    if (field !== undefined && !fields.includes(field)) fields.push(field);
  }
  return fields;
}

/**
 * Index of the bracket that closes the value opening at index 0, or -1 when the text ends first
 * (a truncated answer). Brackets inside strings do not count.
 */
function endOfFirstValue(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) depth++;
    else if (char === 0x7d || char === 0x5d) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
