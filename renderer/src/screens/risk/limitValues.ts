import type { RiskLimitRow, RiskLimitUnit, RiskLimitValue } from '#core/contract/index.ts';

/**
 * Limits are stored as the risk layer wants them (fractions, basis points, milliseconds) and
 * shown and typed as a person thinks of them (percent, seconds).
 */
const plain = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

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

export function showValue(row: RiskLimitRow, quoteAsset: string, words: { on: string; off: string }): string {
  const { unit, value } = row;
  if (typeof value === 'boolean') return value ? words.on : words.off;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string') return value;
  const shown = plain.format(editableNumber(unit, value));
  switch (unit) {
    case 'fraction':
    case 'bps':
      return `${shown}%`;
    case 'quote':
      return `${shown} ${quoteAsset}`;
    case 'ms':
      return `${shown} s`;
    case 'atr':
      return `${shown} × ATR`;
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

/** The typed text as a change, or null when it is not a number where one is needed. */
export function parseEdit(row: RiskLimitRow, text: string, checked: boolean): RiskLimitValue | null {
  switch (row.unit) {
    case 'switch':
      return checked;
    case 'symbols':
      return text.split(',').map((symbol) => symbol.trim().toUpperCase()).filter((symbol) => symbol !== '');
    case 'timeZone':
      return text.trim();
    default: {
      const typed = Number(text.trim().replace(',', '.'));
      if (text.trim() === '' || !Number.isFinite(typed)) return null;
      return storedNumber(row.unit, typed);
    }
  }
}
