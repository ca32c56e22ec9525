import { reason, type AdviceReason, type AdviceReasonCode } from './adviceReasons.ts';

/**
 * The rationale and the key factors are shown to the person and journaled; they must be an
 * explanation and nothing else. Anything that reads as an order, an instruction to Ballast or
 * its user, a link, code or key material refuses the whole answer.
 *
 * The patterns lean towards refusing: a refused answer has no effect on trading (see
 * secondOpinion.ts), so a false alarm costs one bar's opinion, while a missed injection could
 * reach a screen the person trusts.
 */
type TextFinding = Extract<AdviceReasonCode, 'TEXT_INSTRUCTION' | 'TEXT_URL' | 'TEXT_CODE' | 'TEXT_KEY_LIKE' | 'TEXT_HIDDEN_CHARACTERS'>;

const TRADE_VERBS = 'buy|sell|short|go long|go short|long|enter|exit|close|open|liquidate|transfer|withdraw|send|place|dump|purchase';

const INSTRUCTION_PATTERNS: readonly RegExp[] = [
  // "ignore the risk rules", "disregard previous instructions", "bypass the validator"
  /\b(?:ignore|disregard|forget|override|bypass|circumvent)\b[^.!?\n]{0,40}?\b(?:instructions?|rules?|limits?|risk|prompts?|system|guard(?:rail)?s?|validator|polic(?:y|ies)|previous|above|safety|checks?)\b/i,
  // Role play and prompt-template markers.
  /\b(?:system prompt|system message|developer mode|jailbreak|you are now|act as|pretend to be|new instructions?|as an ai)\b/i,
  /^\s*(?:system|assistant|user|developer)\s*:/im,
  /<\|[a-z_]+\|>|\[\/?INST\]/i,
  // "buy 100 BTC", "sell everything", "buy now", "short 5x"
  /\b(?:buy|sell|short|dump|purchase)\s+(?:all\b|everything\b|max(?:imum)?\b|now\b|immediately\b|\$?\d[\d,.]*\s*(?:k|m)?\b)/i,
  // An order opening a sentence: "Buy the dip.", "Sell now", "Withdraw…" (but not "Buy volume rose").
  /(?:^|[.!?;:]\s+|\n\s*)(?:(?:buy|sell|short|go long|go short)\s+(?:now|here|the|this|it|some|more|all|into|on|at|before|after|if|when|\d)\b|(?:liquidate|transfer|withdraw|send|place)\b)/i,
  /(?:^|[.!?;:]\s+|\n\s*)(?:[Bb]uy|BUY|[Ss]ell|SELL|[Ss]hort|SHORT)\s+[A-Z]{2,10}\b/,
  // "you should buy", "I recommend going long", "please sell"
  new RegExp(`\\b(?:you should|you must|you need to|we should|i recommend|recommend(?:ed)? to|it is best to|please|make sure to)\\s+(?:${TRADE_VERBS})\\b`, 'i'),
  /\b(?:place|submit|execute|send)\s+(?:an?\s+|the\s+)?(?:market\s+|limit\s+|stop\s+)?(?:orders?|trades?|transactions?)\b/i,
  /\b(?:withdraw|transfer|send)\b[^.!?\n]{0,30}\b(?:funds|coins|wallet|address|balance|account)\b/i,
  // "disable the stop loss", "and increase the position size"
  /(?:^|[.!?;:,]\s*|\b(?:you should|you must|please|now|then|and)\s+)(?:disable|turn off|switch off|remove|skip|raise|increase|double|lift|maximi[sz]e)\s+(?:the\s+|your\s+|all\s+)?(?:stop[- ]?loss(?:es)?|stops|risk (?:rules|limits)|limits|kill switch|safe mode|position size|size|leverage|exposure)\b/i,
  /\b\d+(?:\.\d+)?\s*x\s+leverage\b|\bleverage\s+(?:of\s+)?\d+(?:\.\d+)?\s*x\b|\buse\s+leverage\b/i,
];

const URL_PATTERNS: readonly RegExp[] = [
  /\b[a-z][a-z0-9+.-]{1,15}:\/\//i,
  /\bwww\./i,
  /\b(?:mailto|javascript):/i,
  /\bt\.me\//i,
  /\b[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.(?:com|net|org|io|xyz|ru|cn|co|app|dev|ai|me|gg|ly|to|sh|biz|info|top|site|online|link|finance|exchange|trade|money|cc|tk|pro|vip)\b/i,
  /\b\d{1,3}(?:\.\d{1,3}){3}\b/,
];

const CODE_PATTERNS: readonly RegExp[] = [
  /[`{}]/,
  /<\s*\/?\s*[a-z!][^>]*>/i,
  /=>|\$\(|\$\{|&&|\|\|/,
  /\b(?:function|eval|exec|require|import|fetch|subprocess|os\.system)\s*\(/i,
  /\b(?:curl|wget|sudo|chmod|powershell|bash|sh)\s+-|\|\s*(?:sh|bash)\b|\brm\s+-rf\b/i,
  /\b(?:select\s+\*|drop\s+table|insert\s+into|delete\s+from)\b/i,
];

const KEY_PATTERNS: readonly RegExp[] = [
  /\b(?:sk|pk|rk)[-_](?:live[-_]|test[-_]|proj[-_])?[A-Za-z0-9]{8,}/,
  /\bAKIA[0-9A-Z]{12,}/,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
  /\beyJ[A-Za-z0-9_-]{10,}\./,
];

/** A run this long of token characters, with letters and digits mixed, is treated as key material. */
const LONG_TOKEN = /[A-Za-z0-9+/=_-]{20,}/g;
const HAS_DIGIT = /\d/;
const HAS_LETTER = /[A-Za-z]/;

/**
 * Control characters, zero-width and bidirectional marks, soft hyphens and Unicode tag
 * characters: used to hide an instruction from the person while a model or parser still sees it.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/u;

function hasKeyLikeToken(text: string): boolean {
  if (KEY_PATTERNS.some((pattern) => pattern.test(text))) return true;
  for (const match of text.matchAll(LONG_TOKEN)) {
    if (HAS_DIGIT.test(match[0]) && HAS_LETTER.test(match[0])) return true;
  }
  return false;
}

const CHECKS: readonly (readonly [TextFinding, (text: string) => boolean])[] = [
  ['TEXT_INSTRUCTION', (text) => INSTRUCTION_PATTERNS.some((pattern) => pattern.test(text))],
  ['TEXT_URL', (text) => URL_PATTERNS.some((pattern) => pattern.test(text))],
  ['TEXT_CODE', (text) => CODE_PATTERNS.some((pattern) => pattern.test(text))],
  ['TEXT_KEY_LIKE', hasKeyLikeToken],
  ['TEXT_HIDDEN_CHARACTERS', (text) => HIDDEN_CHARACTERS.test(text)],
];

/** Every kind of forbidden content in one field's text, one reason per kind. */
export function screenAdviceText(field: string, text: string): AdviceReason[] {
  const reasons: AdviceReason[] = [];
  for (const [code, finds] of CHECKS) {
    if (finds(text)) reasons.push(reason(code, { field }));
  }
  return reasons;
}
