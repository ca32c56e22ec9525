import { z } from 'zod';
import { resolveStrategyParameters } from '../signals/index.ts';
import type { BacktestBars } from './backtestBars.ts';
import { backtestMarket, backtestRiskLimits, DEFAULT_CASH_QUOTE, DEFAULT_SIZE_FRACTION, type BacktestSettings } from './backtestSettings.ts';
import { DEFAULT_FEE_RATE, defaultFillModel, FILL_MODEL_NAMES, type FillModelName } from './fillModels.ts';
import type { ParameterGrid } from './parameterGrid.ts';
import type { WalkForwardRequest } from './walkForwardRun.ts';

const fraction = z.number().min(0).lt(0.1);

/**
 * What a person asks for, from the command line or the Backtest screen: parsed at the edge with
 * this schema, then resolved against the data into `BacktestSettings`.
 */
export const BacktestRequestSchema = z.strictObject({
  symbol: z.string().regex(/^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/),
  strategy: z.string().min(1).max(64),
  parameters: z.record(z.string(), z.number()).default({}),
  cashQuote: z.number().gt(0).default(DEFAULT_CASH_QUOTE),
  sizeFraction: z.number().gt(0).lte(1).default(DEFAULT_SIZE_FRACTION),
  amountStepBase: z.number().gt(0).optional(),
  takerFeeRate: fraction.default(DEFAULT_FEE_RATE),
  /** Defaults to the taker fee. */
  makerFeeRate: fraction.optional(),
  /** Defaults to the fill model's (1 bp half spread for realistic, none for next-open). */
  slippage: fraction.optional(),
  fill: z.enum(FILL_MODEL_NAMES as [FillModelName, ...FillModelName[]]).default('realistic'),
  risk: z.enum(['on', 'off']).default('on'),
  closeAtEnd: z.boolean().default(false),
  sweep: z.record(z.string(), z.array(z.number()).min(1)).optional(),
  walkForward: z
    .strictObject({
      scheme: z.enum(['anchored', 'rolling']),
      trainBars: z.number().int().min(1),
      testBars: z.number().int().min(1),
      purgeBars: z.number().int().min(0).default(0),
      embargoBars: z.number().int().min(0).default(0),
    })
    .optional(),
});

export type BacktestRequest = z.infer<typeof BacktestRequestSchema>;
export type BacktestRequestInput = z.input<typeof BacktestRequestSchema>;

export type RequestProblem = { readonly code: string; readonly params: Readonly<Record<string, string | number>> };

export type ResolvedRequest =
  | { readonly ok: true; readonly settings: BacktestSettings; readonly sweep: ParameterGrid | undefined; readonly walkForward: WalkForwardRequest | undefined }
  | { readonly ok: false; readonly problem: RequestProblem };

/** The settings for these bars: strategy parameters checked, market rules from the first close, default risk limits. */
export function resolveRequest(request: BacktestRequest, bars: BacktestBars): ResolvedRequest {
  const strategy = resolveStrategyParameters(request.strategy, request.parameters);
  if (!strategy.ok) return { ok: false, problem: strategy.problem };
  const base = defaultFillModel(request.fill);
  const fillModel = {
    ...base,
    costs: { takerFeeRate: request.takerFeeRate, makerFeeRate: request.makerFeeRate ?? request.takerFeeRate, slippage: request.slippage ?? base.costs.slippage },
  };
  const firstClose = bars.close[0] as number;
  const settings: BacktestSettings = {
    symbol: request.symbol,
    strategy: { id: strategy.id, parameters: strategy.parameters },
    cashQuote: request.cashQuote,
    sizeFraction: request.sizeFraction,
    fillModel,
    risk: request.risk,
    riskLimits: backtestRiskLimits(request.symbol),
    closeAtEnd: request.closeAtEnd,
    market: backtestMarket(request.symbol, firstClose, { takerRate: fillModel.costs.takerFeeRate, makerRate: fillModel.costs.makerFeeRate }, request.amountStepBase),
  };
  const walkForward = request.walkForward === undefined ? undefined : { ...request.walkForward, ...(request.sweep === undefined ? {} : { grid: request.sweep }) };
  if (walkForward !== undefined && walkForward.trainBars >= bars.length) {
    return { ok: false, problem: { code: 'WALK_FORWARD_TOO_LONG', params: { trainBars: walkForward.trainBars, bars: bars.length } } };
  }
  return { ok: true, settings, sweep: request.sweep, walkForward };
}
