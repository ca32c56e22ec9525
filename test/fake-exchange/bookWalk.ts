import type { BookLevel } from './book.ts';
import { floorToStep, round8 } from './decimals.ts';

export interface Execution {
  priceQuote: number;
  amountBase: number;
}

export type Wanted = { amountBase: number } | { budgetQuote: number };

/**
 * Takes liquidity level by level, best price first, which is where a large order's price impact
 * comes from. Stops at `limitPriceQuote` (for limit orders) or when the levels run out.
 */
export function walkLevels(levels: readonly BookLevel[], wanted: Wanted, side: 'BUY' | 'SELL', stepSize: number, limitPriceQuote?: number): Execution[] {
  const executions: Execution[] = [];
  let amountLeft = 'amountBase' in wanted ? wanted.amountBase : Number.POSITIVE_INFINITY;
  let budgetLeft = 'budgetQuote' in wanted ? wanted.budgetQuote : Number.POSITIVE_INFINITY;
  for (const level of levels) {
    if (limitPriceQuote !== undefined && (side === 'BUY' ? level.priceQuote > limitPriceQuote : level.priceQuote < limitPriceQuote)) break;
    const affordable = Number.isFinite(budgetLeft) ? floorToStep(budgetLeft / level.priceQuote, stepSize) : Number.POSITIVE_INFINITY;
    const amountBase = floorToStep(Math.min(level.amountBase, amountLeft, affordable), stepSize);
    if (amountBase <= 0) break;
    executions.push({ priceQuote: level.priceQuote, amountBase });
    amountLeft = round8(amountLeft - amountBase);
    budgetLeft = round8(budgetLeft - amountBase * level.priceQuote);
    if (amountLeft <= 0 || budgetLeft <= 0) break;
  }
  return executions;
}

export function totalAmountBase(executions: readonly Execution[]): number {
  return round8(executions.reduce((sum, execution) => sum + execution.amountBase, 0));
}

export function totalCostQuote(executions: readonly Execution[]): number {
  return round8(executions.reduce((sum, execution) => sum + execution.amountBase * execution.priceQuote, 0));
}
