import type { RiskLimitRow, RiskLimitUnit, RiskLimitValue } from '#core/contract/index.ts';
import { readPlainNumber } from '../../plainNumber.ts';

/**
 * Limits are stored as the risk layer wants them (fractions, basis points, milliseconds) and
 * shown and typed as a person thinks of them (percent, seconds).
 */
const plain = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });
const tiny = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

/** The number a person types for a stored value, e.g. 0.03 → 3 (percent). */
export function editableNumber(unit: RiskLimitUnit, value: number): number {
  switch (unit) {
    case 'fraction':
      return Number((value * 100).toPrecision(12));
    case 'bps':
      return Number((value / 100).toPrecision(12));
    case 'ms':
      return Number((value / 1000).toPrecision(12));
    default:
      return value;
  }
}

/** Back from what was typed to what is stored; fractions and basis points round off float noise. */
export function storedNumber(unit: RiskLimitUnit, typed: number): number {
  switch (unit) {
    case 'fraction':
      return Number((typed / 100).toPrecision(12));
    case 'bps':
      return Number((typed * 100).toPrecision(12));
    case 'ms':
      return Math.round(typed * 1000);
    default:
      return typed;
  }
}

/** A non-zero value is never shown as 0, however small it is. */
function shownNumber(value: number): string {
  const rounded = plain.format(value);
  return value !== 0 && Number(rounded.replace(/[^\d]/g, '')) === 0 ? tiny.format(value) : rounded;
}

export interface ValueWords {
  readonly on: string;
  readonly off: string;
  /** An empty list of markets. */
  readonly none: string;
  /** After a number of average bar ranges, e.g. "× average bar range". */
  readonly atr: string;
}

export function showValue(row: RiskLimitRow, quoteAsset: string, words: ValueWords): string {
  const { unit, value } = row;
  if (typeof value === 'boolean') return value ? words.on : words.off;
  if (Array.isArray(value)) return value.length === 0 ? words.none : value.join(', ');
  if (typeof value === 'string') return value;
  const shown = shownNumber(editableNumber(unit, value));
  switch (unit) {
    case 'fraction':
    case 'bps':
      return `${shown}%`;
    case 'quote':
      return `${shown} ${quoteAsset}`;
    case 'ms':
      return `${shown} s`;
    case 'atr':
      return `${shown} ${words.atr}`;
    default:
      return shown;
  }
}

/** What the editor starts with. */
export function editText(row: RiskLimitRow): string {
  const { unit, value } = row;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return String(editableNumber(unit, value));
  return String(value);
}

/** Why a typed value cannot be sent, as the key of its sentence in the catalogue (risk.edit.*) and its words. */
export type EditProblem =
  | { readonly key: 'notANumber'; readonly example: string }
  | { readonly key: 'wholeNumber' }
  | { readonly key: 'tooManyDecimals'; readonly count: number }
  | { readonly key: 'noMarkets' }
  | { readonly key: 'notAMarket'; readonly market: string }
  | { readonly key: 'notAMarketSuggest'; readonly market: string; readonly suggestion: string }
  | { readonly key: 'noTimeZone' }
  | { readonly key: 'notATimeZone'; readonly zone: string };

export type Edit = { readonly ok: true; readonly value: RiskLimitValue } | { readonly ok: false; readonly problem: EditProblem };

/** Decimals a person may type, in the unit they type: percent to the hundredth, seconds to the millisecond. */
const DECIMALS: Partial<Record<RiskLimitUnit, number>> = { fraction: 2, bps: 2, count: 0, ms: 3, atr: 2, quote: 8 };
const EXAMPLES: Partial<Record<RiskLimitUnit, string>> = { fraction: '2.5', bps: '0.3', count: '3', ms: '15', atr: '2', quote: '100' };

function parseNumber(unit: RiskLimitUnit, text: string): Edit {
  const trimmed = text.trim();
  // A percent may be typed with its sign: "2.5%" is 2.5.
  const typed = readPlainNumber(unit === 'fraction' || unit === 'bps' ? trimmed.replace(/\s*%$/, '') : trimmed);
  if (typed === null) return { ok: false, problem: { key: 'notANumber', example: EXAMPLES[unit] ?? '3' } };
  const allowed = DECIMALS[unit] ?? 8;
  if (typed.decimals > allowed) return { ok: false, problem: allowed === 0 ? { key: 'wholeNumber' } : { key: 'tooManyDecimals', count: allowed } };
  return { ok: true, value: storedNumber(unit, typed.value) };
}

/** A market as exchanges list it: two coin codes with a slash. */
const MARKET = /^[A-Z0-9]{2,10}\/[A-Z0-9]{2,10}$/;
const QUOTE_CODES = ['USDT', 'USDC', 'FDUSD', 'USD', 'EUR', 'GBP', 'BTC', 'ETH'];

/** "BTCUSDT" was most likely meant as BTC/USDT. */
function suggestedMarket(typed: string): string | null {
  const compact = typed.replace(/[^A-Z0-9]/g, '');
  const quote = QUOTE_CODES.find((code) => compact.endsWith(code) && compact.length - code.length >= 2);
  return quote === undefined ? null : `${compact.slice(0, -quote.length)}/${quote}`;
}

function parseMarkets(text: string): Edit {
  const markets = [...new Set(text.split(/[,;\n]+/).map((market) => market.trim().toUpperCase().replace(/\s*\/\s*/, '/')).filter((market) => market !== ''))];
  if (markets.length === 0) return { ok: false, problem: { key: 'noMarkets' } };
  const wrong = markets.find((market) => !MARKET.test(market));
  if (wrong !== undefined) {
    const suggestion = suggestedMarket(wrong);
    const market = wrong.slice(0, 40);
    return { ok: false, problem: suggestion === null ? { key: 'notAMarket', market } : { key: 'notAMarketSuggest', market, suggestion } };
  }
  return { ok: true, value: markets };
}

/** The zone in its own spelling ("utc" → "UTC"), as the core stores it. */
function parseTimeZone(text: string): Edit {
  const typed = text.trim();
  if (typed === '') return { ok: false, problem: { key: 'noTimeZone' } };
  try {
    return { ok: true, value: new Intl.DateTimeFormat('en-US', { timeZone: typed }).resolvedOptions().timeZone };
  } catch {
    return { ok: false, problem: { key: 'notATimeZone', zone: typed.slice(0, 40) } };
  }
}

/** The typed text as a change, or why it cannot be one, before anything is sent. */
export function parseEdit(row: RiskLimitRow, text: string, checked: boolean): Edit {
  switch (row.unit) {
    case 'switch':
      return { ok: true, value: checked };
    case 'symbols':
      return parseMarkets(text);
    case 'timeZone':
      return parseTimeZone(text);
    default:
      return parseNumber(row.unit, text);
  }
}
