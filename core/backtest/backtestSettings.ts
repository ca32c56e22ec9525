import type { MarketInfo } from '../market/index.ts';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../risk/index.ts';
import type { AnyStrategyId } from '../signals/index.ts';
import type { SimulatedFillModel } from './fillModels.ts';

/**
 * Everything that decides how one backtest run behaves, resolved (defaults filled in, market
 * rules chosen). It is what the run's fingerprint hashes as its configuration.
 */
export interface BacktestSettings {
  readonly symbol: string;
  readonly strategy: { readonly id: AnyStrategyId; readonly parameters: Readonly<Record<string, number>> };
  /** Starting cash in the quote currency. */
  readonly cashQuote: number;
  /** Share of equity an entry asks for (the policy's entry size); risk may shrink it. */
  readonly sizeFraction: number;
  readonly fillModel: SimulatedFillModel;
  /** 'off' is research mode: no risk limits. Backtests only; paper and live always run risk. */
  readonly risk: 'on' | 'off';
  readonly riskLimits: RiskLimits;
  /** Sell an open position at the last bar's close, so it counts as a finished trade. */
  readonly closeAtEnd: boolean;
  /** Trading rules the simulated exchange enforces (lot step, tick, minimums, fees). */
  readonly market: MarketInfo;
}

export const DEFAULT_CASH_QUOTE = 10_000;
export const DEFAULT_SIZE_FRACTION = 0.01;

/** Smallest order value the simulated exchange accepts when the file's market gives none (quote). */
export const BACKTEST_MIN_NOTIONAL_QUOTE = 5;

const decimalsOf = (step: number): number => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

/**
 * Trading rules for a market read from a file, where no exchange can be asked: Ballast's replay
 * defaults, modelled on a typical spot market. Amount step: a hundredth of the largest power of
 * ten below the amount worth the minimum order (BTC at 4,000 USDT gets 0.00001, as on Binance),
 * unless `amountStepBase` overrides it; price tick: six significant digits at the reference price.
 */
export function backtestMarket(symbol: string, referencePriceQuote: number, fees: { readonly takerRate: number; readonly makerRate: number }, amountStepBase?: number): MarketInfo {
  const [base = symbol, quote = 'USDT'] = symbol.split('/');
  const step = amountStepBase ?? 10 ** (Math.floor(Math.log10(BACKTEST_MIN_NOTIONAL_QUOTE / referencePriceQuote)) - 2);
  const priceTickQuote = 10 ** (Math.floor(Math.log10(referencePriceQuote)) - 5);
  return {
    exchange: 'backtest',
    symbol,
    base,
    quote,
    active: true,
    precision: { amountStepBase: step, amountDecimals: decimalsOf(step), priceTickQuote, priceDecimals: decimalsOf(priceTickQuote) },
    limits: { minAmountBase: step, maxAmountBase: null, minNotionalQuote: BACKTEST_MIN_NOTIONAL_QUOTE },
    fees: { makerRate: fees.makerRate, takerRate: fees.takerRate },
  };
}

/**
 * The default risk limits (paper's), with the backtested market on the pair list: the list is
 * the person's choice of markets, and backtesting a market is choosing it.
 */
export function backtestRiskLimits(symbol: string, limits: RiskLimits = DEFAULT_RISK_LIMITS): RiskLimits {
  return { ...limits, allowedSymbols: limits.allowedSymbols.includes(symbol) ? [...limits.allowedSymbols] : [...limits.allowedSymbols, symbol] };
}
