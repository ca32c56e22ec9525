import type { Fill } from '../execution/index.ts';
import type { BacktestBars } from './backtestBars.ts';
import { COST_MULTIPLES, settingsAtCostMultiple, type CostScenario } from './backtestReport.ts';
import { runFingerprint } from './fingerprint.ts';
import type { BacktestSettings } from './backtestSettings.ts';
import { BacktestInputError } from './backtestInputError.ts';
import { buyAndHoldEquity } from './buyAndHold.ts';
import { expandGrid, type ParameterGrid } from './parameterGrid.ts';
import { computeBacktestStatistics, type BacktestStatistics } from './statistics.ts';
import { strategyWarmUp } from './strategyWarmUp.ts';
import { bestBySharpe } from './sweep.ts';
import { createTrialPool, DEFAULT_SWEEP_WORKERS, type TrialPool } from './sweepPool.ts';
import type { BacktestTrade } from './tradeStatistics.ts';
import { runTrial, type TrialRequest, type TrialResult } from './trialRun.ts';
import { planWalkForward, stitchOutOfSampleEquity, type BarRange, type StitchedEquity } from './walkForward.ts';

export interface WalkForwardRequest {
  readonly scheme: 'anchored' | 'rolling';
  /** First (anchored) or every (rolling) training window, in bars. */
  readonly trainBars: number;
  readonly testBars: number;
  /** Training bars dropped before each test window, so no trade that reaches into it is learnt from. */
  readonly purgeBars?: number;
  /** Bars after each test window kept out of later training (matters for k-fold; none in a walk forward). */
  readonly embargoBars?: number;
  /** Parameters to choose from on each training window (best in-sample Sharpe); absent: the settings' own. */
  readonly grid?: ParameterGrid;
}

export interface WalkForwardFold {
  readonly fold: number;
  readonly train: readonly BarRange[];
  readonly test: BarRange;
  readonly parameters: Readonly<Record<string, number>>;
  /** Best Sharpe ratio on the training bars (in-sample), among `trials` combinations. */
  readonly inSampleSharpe: number;
  readonly trials: number;
  readonly outOfSampleReturnPercent: number;
  readonly outOfSampleTrades: number;
}

export interface WalkForwardResult {
  /** The headline: only bars no parameter was chosen on. */
  readonly sample: 'out-of-sample';
  readonly folds: readonly WalkForwardFold[];
  /** Every test window's equity chained as if the money carried over. */
  readonly curve: StitchedEquity;
  readonly buyAndHold: Float64Array;
  readonly statistics: BacktestStatistics;
  /** The test windows' trades (P&L in each window's own money; returns are comparable). */
  readonly trades: readonly BacktestTrade[];
  readonly feesQuote: number;
  readonly slippageQuote: number;
  readonly turnoverQuote: number;
  /** The test windows again at 0×, 1×, 2× and 3× the costs, with the parameters each fold chose at 1×. */
  readonly costs: readonly CostScenario[];
  readonly fills: readonly Fill[];
  /** sha256 over the settings, the walk-forward plan, the data's hash and every out-of-sample fill. */
  readonly fingerprint: string;
  readonly seconds: number;
}

export interface WalkForwardRunOptions {
  readonly workers?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { readonly stepsDone: number; readonly steps: number }) => void;
}

function withParameters(settings: BacktestSettings, parameters: Readonly<Record<string, number>>): BacktestSettings {
  return { ...settings, strategy: { id: settings.strategy.id, parameters } };
}

/**
 * Walk-forward validation: on each fold the parameters are chosen by best Sharpe on the training
 * window (in-sample), then traded on the next, unseen window (out-of-sample), the strategy
 * warmed up on the bars just before it. The stitched out-of-sample curve is the result; the
 * in-sample figures are only shown per fold, as what the choice was based on.
 */
export async function runWalkForward(bars: BacktestBars, settings: BacktestSettings, request: WalkForwardRequest, options: WalkForwardRunOptions = {}): Promise<WalkForwardResult> {
  const started = process.hrtime.bigint();
  const plan = planWalkForward({ bars: bars.length, scheme: request.scheme, trainBars: request.trainBars, testBars: request.testBars, labelBars: request.purgeBars ?? 0, embargoBars: request.embargoBars ?? 0 });
  const combinations = request.grid === undefined ? [settings.strategy.parameters] : expandOrThrow(settings, request.grid);
  const steps = plan.length * (combinations.length > 1 ? combinations.length + 1 : 1);
  let stepsDone = 0;
  const step = (): void => options.onProgress?.({ stepsDone: ++stepsDone, steps });
  const pool: TrialPool | undefined = combinations.length > 1 ? createTrialPool(bars, options.workers ?? DEFAULT_SWEEP_WORKERS) : undefined;
  const folds: WalkForwardFold[] = [];
  const segments: TrialResult[] = [];
  const tests: TrialRequest[] = [];
  try {
    for (const fold of plan) {
      const train = fold.train[fold.train.length - 1] as BarRange;
      let chosen = combinations[0] as Readonly<Record<string, number>>;
      let inSampleSharpe = Number.NaN;
      if (pool !== undefined) {
        const requests: TrialRequest[] = combinations.map((parameters) => ({ settings: withParameters(settings, parameters), startBar: train.startBar, endBar: train.endBar }));
        const results = new Array<{ parameters: Readonly<Record<string, number>>; statistics: BacktestStatistics }>(requests.length);
        await pool.runAll(requests, (index, result) => {
          results[index] = { parameters: combinations[index] as Readonly<Record<string, number>>, statistics: result.statistics };
          step();
        }, options.signal);
        const best = bestBySharpe(results);
        chosen = best.parameters;
        inSampleSharpe = best.statistics['Sharpe Ratio'];
      }
      const chosenSettings = { ...withParameters(settings, chosen), closeAtEnd: true };
      // Warm the strategy up on the bars just before the test window: the past, never the test bars.
      const warmUp = Math.min(fold.test.startBar, strategyWarmUp(chosenSettings, bars.candlesBetween(train.startBar, fold.test.startBar)));
      const testRequest: TrialRequest = { settings: chosenSettings, startBar: fold.test.startBar - warmUp, endBar: fold.test.endBar, tradingStartBar: warmUp };
      tests.push(testRequest);
      const tested = await runTrial(bars, testRequest, options.signal);
      step();
      segments.push(tested);
      folds.push({
        fold: fold.fold, train: fold.train, test: fold.test, parameters: chosen, inSampleSharpe, trials: combinations.length,
        outOfSampleReturnPercent: ((tested.equity.at(-1) ?? Number.NaN) / (tested.equity[0] ?? Number.NaN) - 1) * 100,
        outOfSampleTrades: tested.trades.length,
      });
    }
  } finally {
    await pool?.close();
  }
  const firstTest = (plan[0] as { test: BarRange }).test.startBar;
  const lastTest = (plan[plan.length - 1] as { test: BarRange }).test.endBar;
  const buyAndHold = buyAndHoldEquity(bars, firstTest, settings.cashQuote, settings.fillModel, lastTest).subarray(firstTest);
  const stitched = stitchedOutcome(segments, settings.cashQuote, buyAndHold);
  const costs: CostScenario[] = [];
  for (const multiple of COST_MULTIPLES) {
    const atCost = multiple === 1 ? segments : await Promise.all(tests.map((test) => runTrial(bars, { ...test, settings: settingsAtCostMultiple(test.settings, multiple) }, options.signal)));
    const outcome = multiple === 1 ? stitched : stitchedOutcome(atCost, settings.cashQuote, buyAndHold);
    costs.push({
      multiple, returnPercent: outcome.statistics['Return [%]'], sharpeRatio: outcome.statistics['Sharpe Ratio'], equityFinalQuote: outcome.statistics['Equity Final [$]'],
      trades: outcome.statistics['# Trades'], feesQuote: sum(atCost, (segment) => segment.feesQuote), slippageQuote: sum(atCost, (segment) => segment.slippageQuote),
    });
  }
  const fills = segments.flatMap((segment) => segment.fills);
  return {
    sample: 'out-of-sample',
    folds,
    curve: stitched.curve,
    buyAndHold,
    statistics: stitched.statistics,
    trades: stitched.trades,
    feesQuote: sum(segments, (segment) => segment.feesQuote),
    slippageQuote: sum(segments, (segment) => segment.slippageQuote),
    turnoverQuote: sum(segments, (segment) => segment.turnoverQuote),
    costs,
    fills,
    fingerprint: runFingerprint({ config: { settings, walkForward: request }, dataHash: bars.dataHash(), fills }),
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

const sum = (segments: readonly TrialResult[], of: (segment: TrialResult) => number): number => segments.reduce((total, segment) => total + of(segment), 0);

function stitchedOutcome(segments: readonly TrialResult[], cashQuote: number, buyAndHold: Float64Array): { curve: StitchedEquity; statistics: BacktestStatistics; trades: BacktestTrade[] } {
  const curve = stitchOutOfSampleEquity(segments.map((segment) => ({ timeMs: segment.timeMs, equity: segment.equity })), cashQuote);
  const trades = segments.flatMap((segment) => segment.trades);
  return { curve, trades, statistics: computeBacktestStatistics({ curve, trades, buyAndHoldEquity: buyAndHold }) };
}

function expandOrThrow(settings: BacktestSettings, grid: ParameterGrid): readonly Readonly<Record<string, number>>[] {
  const expanded = expandGrid(settings.strategy.id, grid, settings.strategy.parameters);
  if (!expanded.ok) throw new BacktestInputError('UNUSABLE_STRATEGY', `The walk-forward grid cannot run: ${expanded.problem.code}.`);
  return expanded.combinations;
}
