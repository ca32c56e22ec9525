import type { RiskLimits } from './riskLimits.ts';
import { basisPointsAsPercent, money, percent } from './riskWording.ts';

export type LimitField = keyof RiskLimits;

export interface LimitChangeContext {
  /** Equity now, including open P&L: the base of every money figure. */
  readonly equityQuote: number;
  readonly quoteAsset: string;
}

export interface LimitChange {
  readonly field: LimitField;
  readonly direction: 'tighten' | 'loosen';
  readonly from: RiskLimits[LimitField];
  readonly to: RiskLimits[LimitField];
  /** e.g. "Daily loss limit goes from 300.00 USDT (3.00%) to 500.00 USDT (5.00%)." */
  readonly consequence: string;
}

export interface LimitChangeReview {
  readonly changes: readonly LimitChange[];
  /** Loosening any limit needs the person to confirm, with the loosening consequences shown. */
  readonly needsConfirmation: boolean;
  readonly confirmationText: string;
}

interface NumberField {
  readonly label: string;
  /** Which way makes trading riskier. */
  readonly looserWhen: 'higher' | 'lower';
  readonly show: (value: number, context: LimitChangeContext) => string;
}

const shareOfEquity = (value: number, context: LimitChangeContext): string => `${money(value * context.equityQuote, context.quoteAsset)} (${percent(value)})`;
const count = (value: number): string => String(value);
const bandOnTrade = (bps: number, context: LimitChangeContext, perTradeFraction: number): string =>
  `${basisPointsAsPercent(bps)}, up to ${money((bps / 10_000) * perTradeFraction * context.equityQuote, context.quoteAsset)} on your largest trade`;

function numberFields(current: RiskLimits): { readonly [K in LimitField]?: NumberField } {
  const perTrade = current.perTradeFractionOfEquity;
  return {
    perTradeFractionOfEquity: { label: 'Largest single trade', looserWhen: 'higher', show: shareOfEquity },
    riskPerTradeFractionOfEquity: { label: 'Loss at the stop per trade', looserWhen: 'higher', show: shareOfEquity },
    atrStopMultiple: { label: 'Assumed stop distance for trades without a stop (in ATRs; nearer means larger trades)', looserWhen: 'lower', show: count },
    totalExposureFractionOfEquity: { label: 'Value of all positions together', looserWhen: 'higher', show: shareOfEquity },
    dailyLossFractionOfEquity: { label: 'Daily loss limit', looserWhen: 'higher', show: shareOfEquity },
    dailyLossThrottleFromFraction: {
      label: 'Trades start shrinking after a daily loss of',
      looserWhen: 'higher',
      show: (value, context) => money(value * current.dailyLossFractionOfEquity * context.equityQuote, context.quoteAsset),
    },
    maxDrawdownFraction: { label: 'Largest fall from the account\'s high before trading stops', looserWhen: 'higher', show: shareOfEquity },
    maxOpenPositions: { label: 'Positions open at once', looserWhen: 'higher', show: count },
    dustPositionQuote: { label: 'Positions ignored as dust below', looserWhen: 'higher', show: (value, context) => money(value, context.quoteAsset) },
    maxOrdersPerMinute: { label: 'Orders per minute', looserWhen: 'higher', show: count },
    maxOrdersPerDay: { label: 'Orders per 24 hours', looserWhen: 'higher', show: count },
    maxSpreadForMarketOrderBps: { label: 'Widest spread for a market order', looserWhen: 'higher', show: (value, context) => bandOnTrade(value, context, perTrade) },
    minQuoteVolume24hQuote: { label: 'Least 24-hour trading for a market to be used', looserWhen: 'lower', show: (value, context) => money(value, context.quoteAsset) },
    maxSpreadForEntryBps: { label: 'Widest spread for opening a position', looserWhen: 'higher', show: (value, context) => bandOnTrade(value, context, perTrade) },
    priceBandBps: { label: 'Furthest an order may be priced from the current price', looserWhen: 'higher', show: (value, context) => bandOnTrade(value, context, perTrade) },
    maxDepthFraction: { label: 'Largest share of the visible order book one order may take', looserWhen: 'higher', show: (value) => percent(value, 0) },
    maxMarketDataAgeMs: { label: 'Oldest prices an order may be based on', looserWhen: 'higher', show: (value) => `${String(Number((value / 1000).toFixed(3)))} s` },
  };
}

function symbolChange(from: readonly string[], to: readonly string[]): LimitChange | null {
  const added = to.filter((symbol) => !from.includes(symbol));
  const removed = from.filter((symbol) => !to.includes(symbol));
  if (added.length === 0 && removed.length === 0) return null;
  const parts = [
    added.length > 0 ? `new positions may be opened in ${added.join(', ')}` : '',
    removed.length > 0 ? `no new positions in ${removed.join(', ')}` : '',
  ].filter((part) => part !== '');
  return { field: 'allowedSymbols', direction: added.length > 0 ? 'loosen' : 'tighten', from, to, consequence: `Allowed markets: ${parts.join('; ')}.` };
}

/**
 * Compares proposed limits with the current ones, field by field. Tightening is free; loosening
 * needs a confirmation that states what it means in money at today's equity.
 */
export function compareRiskLimits(current: RiskLimits, proposed: RiskLimits, context: LimitChangeContext): LimitChangeReview {
  const changes: LimitChange[] = [];
  const fields = numberFields(current);
  for (const field of Object.keys(proposed) as LimitField[]) {
    const from = current[field];
    const to = proposed[field];
    const spec = fields[field];
    if (spec !== undefined && typeof from === 'number' && typeof to === 'number') {
      if (from === to) continue;
      const direction = (to > from) === (spec.looserWhen === 'higher') ? 'loosen' : 'tighten';
      changes.push({ field, direction, from, to, consequence: `${spec.label} goes from ${spec.show(from, context)} to ${spec.show(to, context)}.` });
    } else if (field === 'limitOnly' && from !== to) {
      changes.push({ field, direction: to === false ? 'loosen' : 'tighten', from, to, consequence: to === false ? 'Market orders will be allowed: they fill at whatever price the book offers.' : 'Only limit orders (with a price) will be sent.' });
    } else if (field === 'dayBoundaryTimeZone' && from !== to) {
      // The watermarks roll the day when the zone changes, so today's loss count restarts.
      changes.push({ field, direction: 'loosen', from, to, consequence: `The trading day will start at midnight in ${String(to)} instead of ${String(from)}; today's loss count starts again from now.` });
    } else if (field === 'allowedSymbols') {
      const change = symbolChange(current.allowedSymbols, proposed.allowedSymbols);
      if (change !== null) changes.push(change);
    }
  }
  const loosening = changes.filter((change) => change.direction === 'loosen');
  return {
    changes,
    needsConfirmation: loosening.length > 0,
    confirmationText: loosening.length === 0 ? '' : `You are allowing more risk. ${loosening.map((change) => change.consequence).join(' ')}`,
  };
}
