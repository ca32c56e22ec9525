import { z } from 'zod';
import { ALL_STRATEGY_IDS } from '../model/index.ts';
import { ReplayFileSummary } from './bot.ts';

/**
 * The Backtest screen: what it may run on, what it asks for, its progress and the report it shows.
 * Every figure is after fees and slippage, labelled in-sample or out-of-sample, next to buy-and-hold.
 */

/** Prices to test on: the generated demo prices, or a candle file the person imported (the replay library). */
export const BacktestDataSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('synthetic') }),
  z.strictObject({ kind: z.literal('imported'), importId: z.string().min(1).max(100) }),
]);
export type BacktestDataSource = z.infer<typeof BacktestDataSource>;

export const BacktestStrategyId = z.enum(ALL_STRATEGY_IDS);

export const BacktestParameterSpec = z.strictObject({
  name: z.string(),
  /** 'bars' are whole numbers of bars. */
  kind: z.enum(['bars', 'number']),
  min: z.number(),
  max: z.number(),
  defaultValue: z.number(),
});

export const BacktestSetupView = z.strictObject({
  syntheticBars: z.number().int().positive(),
  imported: z.array(ReplayFileSummary),
  strategies: z.array(z.strictObject({ id: BacktestStrategyId, parameters: z.array(BacktestParameterSpec) })),
  defaults: z.strictObject({
    cashQuote: z.number(),
    sizeFraction: z.number(),
    takerFeeRate: z.number(),
    /** Per fill model: realistic's half spread, next-open's none. */
    slippage: z.strictObject({ realistic: z.number(), 'next-open': z.number() }),
  }),
  maxSweepTrials: z.number().int().positive(),
});
export type BacktestSetupView = z.infer<typeof BacktestSetupView>;

const Fraction = z.number().min(0).lt(0.1);
const Bars = z.number().int().min(1).max(10_000_000);
export const BacktestGrid = z.record(z.string().min(1).max(64), z.array(z.number()).min(1).max(200));

export const BacktestMode = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single') }),
  z.strictObject({ kind: z.literal('sweep'), grid: BacktestGrid }),
  z.strictObject({
    kind: z.literal('walk-forward'),
    scheme: z.enum(['anchored', 'rolling']),
    trainBars: Bars,
    testBars: Bars,
    purgeBars: z.number().int().min(0).max(10_000_000).default(0),
    /** Parameters to choose from on each training window; without it, the chosen ones throughout. */
    grid: BacktestGrid.optional(),
  }),
]);

/** A backtest as the screen asks for it. Risk limits are always on here: research mode is command-line only. */
export const BacktestStart = z.strictObject({
  source: BacktestDataSource,
  strategy: BacktestStrategyId,
  parameters: z.record(z.string().min(1).max(64), z.number()).default({}),
  cashQuote: z.number().gt(0).max(1_000_000_000),
  sizeFraction: z.number().gt(0).lte(1),
  takerFeeRate: Fraction,
  slippage: Fraction,
  fill: z.enum(['realistic', 'next-open']),
  mode: BacktestMode,
});
export type BacktestStart = z.input<typeof BacktestStart>;
/** The request after parsing (defaults filled in). */
export type BacktestStartRequest = z.output<typeof BacktestStart>;

export const BacktestRunId = z.string().regex(/^bt-[a-z0-9-]{1,40}$/);

export const BacktestStatusView = z.strictObject({
  runId: BacktestRunId.nullable(),
  state: z.enum(['idle', 'running', 'done', 'cancelled', 'failed']),
  /** Work done and to do, in the run's own units (bars, or trials for a sweep). */
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
  /** Estimated from the pace so far; null until it can be told. */
  secondsLeft: z.number().nonnegative().nullable(),
  /** Why a run failed or was refused, in plain words. */
  message: z.string().nullable(),
});
export type BacktestStatusView = z.infer<typeof BacktestStatusView>;

const Num = z.number().nullable();

/** One finding of the overfitting panel: its code and numbers, and the sentence that says what it means for the person's money. */
export const OverfittingExplanationView = z.strictObject({ code: z.string(), params: z.record(z.string(), z.number()), text: z.string() });

export const BacktestResultView = z.strictObject({
  runId: BacktestRunId,
  sample: z.enum(['in-sample', 'out-of-sample']),
  mode: z.enum(['single', 'sweep', 'walk-forward']),
  data: z.strictObject({ label: z.string(), synthetic: z.boolean(), symbol: z.string(), bars: z.number().int(), notes: z.array(z.string()) }),
  settings: z.strictObject({
    strategy: BacktestStrategyId,
    parameters: z.record(z.string(), z.number()),
    fill: z.enum(['realistic', 'next-open']),
    cashQuote: z.number(),
    sizeFraction: z.number(),
    takerFeeRate: z.number(),
    slippage: z.number(),
    quote: z.string(),
    base: z.string(),
  }),
  /** backtesting.py's names, then Ballast's own (fees, slippage, turnover, 2× costs). */
  statistics: z.array(z.strictObject({ name: z.string(), value: z.union([z.number(), z.string()]).nullable() })),
  costs: z.array(z.strictObject({ multiple: z.number(), returnPercent: Num, sharpeRatio: Num, equityFinalQuote: Num, trades: z.number(), feesQuote: z.number(), slippageQuote: z.number() })),
  /** The strategy's equity, buy-and-hold from the same start and the drawdown, thinned to at most a few thousand points. */
  equity: z.array(z.strictObject({ timeMs: z.number(), equityQuote: z.number(), buyAndHoldQuote: z.number(), drawdownPercent: z.number() })),
  prices: z.array(z.strictObject({ timeMs: z.number(), open: z.number(), high: z.number(), low: z.number(), close: z.number() })),
  trades: z.array(z.strictObject({ entryTimeMs: z.number(), exitTimeMs: z.number(), entryPrice: z.number(), exitPrice: z.number(), size: z.number(), pnlQuote: z.number(), returnPercent: Num })),
  tradesTotal: z.number().int(),
  monthly: z.array(z.strictObject({ year: z.number().int(), month: z.number().int().min(1).max(12), returnPercent: Num })),
  overfitting: z
    .strictObject({
      trials: z.number().int(),
      sharpeAnnualised: Num,
      expectedMaxSharpeAnnualised: Num,
      deflatedSharpe: Num,
      probabilisticSharpe: Num,
      probabilityOfOverfitting: Num,
      explanations: z.array(OverfittingExplanationView),
    })
    .nullable(),
  sweep: z.strictObject({ trials: z.number().int(), skipped: z.number().int(), best: z.record(z.string(), z.number()) }).nullable(),
  folds: z.array(
    z.strictObject({ fold: z.number().int(), parameters: z.record(z.string(), z.number()), inSampleSharpe: Num, outOfSampleReturnPercent: Num, trades: z.number().int(), testFromMs: z.number(), testToMs: z.number() }),
  ),
  decisions: z
    .strictObject({
      signals: z.number(), intents: z.number(), approved: z.number(), shrunk: z.number(), rejected: z.number(),
      /** Why the risk limits refused or shrank orders: each reason once, with how often and in words. */
      reasons: z.array(z.strictObject({ code: z.string(), count: z.number().int(), text: z.string() })),
    })
    .nullable(),
  openPositionBase: z.number(),
  timing: z.strictObject({ bars: z.number(), seconds: z.number() }),
  fingerprint: z.string(),
});
export type BacktestResultView = z.infer<typeof BacktestResultView>;

export const BacktestExportFormat = z.enum(['html', 'trades-csv']);
export const BacktestExport = z.strictObject({ fileName: z.string(), mimeType: z.string(), content: z.string() });
export type BacktestExport = z.infer<typeof BacktestExport>;
