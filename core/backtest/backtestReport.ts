import type { OrderStoreSummary } from '../execution/index.ts';
import type { BacktestBars } from './backtestBars.ts';
import type { BacktestSettings } from './backtestSettings.ts';
import type { DecisionSummary } from './decisionTally.ts';
import { runBacktest, type BacktestProgress, type BacktestRun, type RunOptions } from './engine.ts';
import { withCostMultiple } from './fillModels.ts';
import { runFingerprint } from './fingerprint.ts';
import { measureRun, type RunOutcome } from './runOutcome.ts';
import type { BacktestStatistics, EquityCurve } from './statistics.ts';
import type { BacktestTrade } from './tradeStatistics.ts';

/**
 * In-sample: the parameters could have been chosen on these very bars (any single run, every
 * sweep trial). Out-of-sample: only bars no choice was made on (a walk-forward's test windows).
 */
export type Sample = 'in-sample' | 'out-of-sample';

/** The same run with every cost multiplied: how much of the result survives dearer trading. */
export interface CostScenario {
  readonly multiple: number;
  readonly returnPercent: number;
  readonly sharpeRatio: number;
  readonly equityFinalQuote: number;
  readonly trades: number;
  readonly feesQuote: number;
  readonly slippageQuote: number;
}

export const COST_MULTIPLES = [0, 1, 2, 3] as const;

export interface BacktestReport {
  readonly sample: Sample;
  readonly settings: BacktestSettings;
  readonly statistics: BacktestStatistics;
  readonly trades: readonly BacktestTrade[];
  /** Equity and buy-and-hold from the first tradable bar, for the charts. */
  readonly curve: EquityCurve;
  readonly buyAndHold: Float64Array;
  readonly feesQuote: number;
  readonly slippageQuote: number;
  readonly turnoverQuote: number;
  /** 0×, 1×, 2× and 3× the fees, spread and impact; 1× is the run above. */
  readonly costs: readonly CostScenario[];
  readonly tradingStartBar: number;
  readonly decisions: DecisionSummary;
  readonly journal: OrderStoreSummary;
  readonly openPositionBase: number;
  /** The 1× run alone (engine and statistics). */
  readonly timing: { readonly bars: number; readonly seconds: number; readonly barsPerSecond: number };
  readonly fingerprint: string;
}

/** The settings with fees, spread and impact multiplied (the market's fee rates too, which risk sizes with). */
export function settingsAtCostMultiple(settings: BacktestSettings, multiple: number): BacktestSettings {
  const fillModel = withCostMultiple(settings.fillModel, multiple);
  return {
    ...settings,
    fillModel,
    market: { ...settings.market, fees: { takerRate: fillModel.costs.takerFeeRate, makerRate: fillModel.costs.makerFeeRate } },
  };
}

function scenario(multiple: number, outcome: RunOutcome): CostScenario {
  return {
    multiple,
    returnPercent: outcome.statistics['Return [%]'],
    sharpeRatio: outcome.statistics['Sharpe Ratio'],
    equityFinalQuote: outcome.statistics['Equity Final [$]'],
    trades: outcome.statistics['# Trades'],
    feesQuote: outcome.feesQuote,
    slippageQuote: outcome.slippageQuote,
  };
}

/** sha256 over the settings, the data's hash and every fill of the 1× run. */
export function fingerprintOf(run: BacktestRun): string {
  return runFingerprint({ config: run.settings, dataHash: run.bars.dataHash(), fills: run.fills });
}

/**
 * One backtest as the report shows it: the run at the chosen costs with its statistics and
 * fingerprint, then the same run at 0×, 2× and 3× costs. Progress counts all four runs.
 */
export async function backtestReport(bars: BacktestBars, settings: BacktestSettings, options: RunOptions = {}, sample: Sample = 'in-sample'): Promise<BacktestReport> {
  const runs = COST_MULTIPLES.length;
  const progressOf = (index: number) => (progress: BacktestProgress): void => options.onProgress?.({ bar: index * bars.length + progress.bar, bars: runs * bars.length });
  const started = process.hrtime.bigint();
  const main = await runBacktest(bars, settings, { ...options, onProgress: progressOf(0) });
  const measured = measureRun(main);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const costs: CostScenario[] = [];
  let index = 1;
  for (const multiple of COST_MULTIPLES) {
    if (multiple === 1) {
      costs.push(scenario(1, measured));
      continue;
    }
    const run = await runBacktest(bars, settingsAtCostMultiple(settings, multiple), { signal: options.signal, onProgress: progressOf(index++), tradingStartBar: main.tradingStartBar });
    costs.push(scenario(multiple, measureRun(run)));
  }
  return {
    sample,
    settings,
    statistics: measured.statistics,
    trades: measured.trades,
    curve: measured.curve,
    buyAndHold: measured.buyAndHold,
    feesQuote: measured.feesQuote,
    slippageQuote: measured.slippageQuote,
    turnoverQuote: measured.turnoverQuote,
    costs,
    tradingStartBar: main.tradingStartBar,
    decisions: main.decisions,
    journal: main.journal,
    openPositionBase: main.openPositionBase,
    timing: { bars: bars.length, seconds, barsPerSecond: bars.length / seconds },
    fingerprint: fingerprintOf(main),
  };
}
