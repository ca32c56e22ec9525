/**
 * One backtest as the Backtest screen asks for it, from bars to the report the screen shows.
 * Pure work on columns of numbers: it runs in a worker thread (backtestWorker.ts) so the app
 * never freezes.
 */
import type { BacktestResultView, BacktestStartRequest } from '../../contract/index.ts';
import {
  BacktestInputError,
  backtestBarsFromColumns,
  backtestReport,
  reportStatisticsJson,
  resolveRequest,
  runSweep,
  runWalkForward,
  statisticsForJson,
  tradesForJson,
  type BacktestReport,
  type BacktestTrade,
  type BarColumns,
  type CostScenario,
  type SweepResult,
  type WalkForwardResult,
} from '../../backtest/index.ts';
import { describeRiskReason, RISK_REASON_CODES, type RiskReasonCode } from '../../risk/index.ts';
import { overfittingWords } from './backtestWords.ts';

/** What the worker is given: the bars as columns (shared, not copied) and the person's request. */
export interface BacktestJobInput {
  readonly symbol: string;
  readonly intervalMs: number;
  readonly columns: BarColumns;
  readonly data: { readonly label: string; readonly synthetic: boolean; readonly notes: readonly string[] };
  readonly request: BacktestStartParsed;
}

/** The request after the contract's schema (defaults filled in). */
export type BacktestStartParsed = BacktestStartRequest;

export interface BacktestJobProgress {
  readonly done: number;
  readonly total: number;
}

export interface BacktestJobOutput {
  readonly view: Omit<BacktestResultView, 'runId'>;
  /** Every trade (the view keeps only the first few thousand), for the trades CSV. */
  readonly tradesCsv: string;
}

/** A refusal of the request itself (unknown parameter, window too long…), with the catalogue code and values. */
export class BacktestJobRefusal extends Error {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  constructor(code: string, params: Readonly<Record<string, string | number>>) {
    super(code);
    this.code = code;
    this.params = params;
  }
}

const MAX_CURVE_POINTS = 2_000;
const MAX_PRICE_POINTS = 1_500;
const MAX_TRADES_SHOWN = 3_000;

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

function curvePoints(timeMs: Float64Array, equity: Float64Array, buyAndHold: Float64Array): BacktestResultView['equity'] {
  const n = timeMs.length;
  const step = Math.max(1, Math.ceil(n / MAX_CURVE_POINTS));
  const points: BacktestResultView['equity'][number][] = [];
  let peak = Number.NEGATIVE_INFINITY;
  let worstDrawdown = 0;
  for (let i = 0; i < n; i++) {
    const value = equity[i] as number;
    if (value > peak) peak = value;
    const drawdown = peak > 0 ? (value / peak - 1) * 100 : 0;
    // The deepest drawdown inside a thinned stretch is kept, so thinning never hides a trough.
    if (drawdown < worstDrawdown) worstDrawdown = drawdown;
    if ((i + 1) % step === 0 || i === n - 1) {
      points.push({ timeMs: timeMs[i] as number, equityQuote: value, buyAndHoldQuote: buyAndHold[i] ?? Number.NaN, drawdownPercent: worstDrawdown });
      worstDrawdown = 0;
    }
  }
  return points.filter((point) => Number.isFinite(point.equityQuote) && Number.isFinite(point.buyAndHoldQuote));
}

/** Candles merged into at most a few thousand, each with the first open, highest high, lowest low and last close. */
function pricePoints(columns: BarColumns): BacktestResultView['prices'] {
  const n = columns.timeMs.length;
  const step = Math.max(1, Math.ceil(n / MAX_PRICE_POINTS));
  const points: BacktestResultView['prices'][number][] = [];
  for (let start = 0; start < n; start += step) {
    const end = Math.min(n, start + step);
    let high = Number.NEGATIVE_INFINITY;
    let low = Number.POSITIVE_INFINITY;
    for (let i = start; i < end; i++) {
      high = Math.max(high, columns.high[i] as number);
      low = Math.min(low, columns.low[i] as number);
    }
    points.push({ timeMs: columns.timeMs[start] as number, open: columns.open[start] as number, high, low, close: columns.close[end - 1] as number });
  }
  return points;
}

/** Each calendar month's (UTC) return of the equity curve, from the last value of the month before. */
export function monthlyReturns(timeMs: Float64Array, equity: Float64Array): BacktestResultView['monthly'] {
  const months: BacktestResultView['monthly'][number][] = [];
  if (timeMs.length === 0) return months;
  let base = equity[0] as number;
  let key = -1;
  let last = base;
  const close = (): void => {
    if (key < 0) return;
    months.push({ year: Math.floor(key / 12), month: (key % 12) + 1, returnPercent: finiteOrNull(base > 0 ? (last / base - 1) * 100 : Number.NaN) });
    base = last;
  };
  for (let i = 0; i < timeMs.length; i++) {
    const date = new Date(timeMs[i] as number);
    const monthKey = date.getUTCFullYear() * 12 + date.getUTCMonth();
    if (monthKey !== key) {
      close();
      key = monthKey;
    }
    last = equity[i] as number;
  }
  close();
  return months;
}

const csvCell = (value: string | number): string => (typeof value === 'number' ? String(value) : /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function tradesCsvOf(trades: readonly BacktestTrade[], sample: string): string {
  const rows = tradesForJson(trades).map((trade, index) => {
    const source = trades[index] as BacktestTrade;
    return [trade.entryTime, trade.exitTime, trade.entryPrice, trade.exitPrice, trade.size, trade.pnl, source.returnPct * 100, source.fees, sample].map(csvCell).join(',');
  });
  return `${['entryTime', 'exitTime', 'entryPrice', 'exitPrice', 'size', 'pnl', 'returnPercent', 'fees', 'sample'].join(',')}\n${rows.join('\n')}${rows.length > 0 ? '\n' : ''}`;
}

const costsOf = (costs: readonly CostScenario[]): BacktestResultView['costs'] =>
  costs.map((scenario) => ({
    multiple: scenario.multiple,
    returnPercent: finiteOrNull(scenario.returnPercent),
    sharpeRatio: finiteOrNull(scenario.sharpeRatio),
    equityFinalQuote: finiteOrNull(scenario.equityFinalQuote),
    trades: scenario.trades,
    feesQuote: scenario.feesQuote,
    slippageQuote: scenario.slippageQuote,
  }));

const tradesOf = (trades: readonly BacktestTrade[]): BacktestResultView['trades'] =>
  trades.slice(0, MAX_TRADES_SHOWN).map((trade) => ({
    entryTimeMs: trade.entryTime,
    exitTimeMs: trade.exitTime,
    entryPrice: trade.entryPrice,
    exitPrice: trade.exitPrice,
    size: trade.size,
    pnlQuote: trade.pnl,
    returnPercent: finiteOrNull(trade.returnPct * 100),
  }));

const statisticRows = (json: object): BacktestResultView['statistics'] =>
  Object.entries(json).map(([name, value]) => ({ name, value: typeof value === 'number' ? finiteOrNull(value) : typeof value === 'string' ? value : null }));

function overfittingOf(sweep: SweepResult | undefined): BacktestResultView['overfitting'] {
  const assessment = sweep?.overfitting;
  if (assessment === undefined) return null;
  return {
    trials: assessment.trials,
    sharpeAnnualised: finiteOrNull(assessment.sharpeAnnualised),
    expectedMaxSharpeAnnualised: finiteOrNull(assessment.expectedMaxSharpeAnnualised),
    deflatedSharpe: finiteOrNull(assessment.deflatedSharpe),
    probabilisticSharpe: finiteOrNull(assessment.probabilisticSharpe),
    probabilityOfOverfitting: assessment.backtestOverfitting === undefined ? null : finiteOrNull(assessment.backtestOverfitting.probability),
    explanations: assessment.explanations.map((explanation) => ({ code: explanation.code, params: { ...explanation.params }, text: overfittingWords(explanation.code, explanation.params) })),
  };
}

const isRiskReason = (code: string): code is RiskReasonCode => (RISK_REASON_CODES as readonly string[]).includes(code);

/** Each refusal reason in words, most frequent first. */
function reasonRows(reasons: Readonly<Record<string, number>>, symbol: string): NonNullable<BacktestResultView['decisions']>['reasons'] {
  return Object.entries(reasons)
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => ({ code, count, text: isRiskReason(code) ? describeRiskReason(code, { symbol }) : code }));
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw signal.reason instanceof Error ? signal.reason : new Error('The backtest was cancelled.');
}

/**
 * Runs the request on the bars: a single backtest (with 0×, 2× and 3× the costs), a sweep (every
 * combination, then the best one's report, in-sample) or a walk-forward test (out-of-sample).
 * Sweep trials run one after another here: the job is already off the app's main thread.
 */
export async function runBacktestJob(input: BacktestJobInput, options: { readonly signal?: AbortSignal; readonly onProgress?: (progress: BacktestJobProgress) => void } = {}): Promise<BacktestJobOutput> {
  const { request, columns } = input;
  const bars = backtestBarsFromColumns(input.symbol, columns, input.intervalMs);
  const mode = request.mode;
  const resolved = resolveRequest(
    {
      symbol: input.symbol,
      strategy: request.strategy,
      parameters: { ...request.parameters },
      cashQuote: request.cashQuote,
      sizeFraction: request.sizeFraction,
      takerFeeRate: request.takerFeeRate,
      slippage: request.slippage,
      fill: request.fill,
      risk: 'on',
      closeAtEnd: false,
      ...(mode.kind === 'sweep' ? { sweep: Object.fromEntries(Object.entries(mode.grid).map(([name, values]) => [name, [...values]])) } : {}),
      ...(mode.kind === 'walk-forward'
        ? {
            walkForward: { scheme: mode.scheme, trainBars: mode.trainBars, testBars: mode.testBars, purgeBars: mode.purgeBars, embargoBars: 0 },
            ...(mode.grid === undefined ? {} : { sweep: Object.fromEntries(Object.entries(mode.grid).map(([name, values]) => [name, [...values]])) }),
          }
        : {}),
    },
    bars,
  );
  if (!resolved.ok) throw new BacktestJobRefusal(resolved.problem.code, resolved.problem.params);
  const { settings } = resolved;
  const n = bars.length;
  const progress = options.onProgress ?? (() => undefined);
  const common = {
    data: { label: input.data.label, synthetic: input.data.synthetic, symbol: input.symbol, bars: n, notes: [...input.data.notes] },
    settings: {
      strategy: settings.strategy.id,
      parameters: { ...settings.strategy.parameters },
      fill: request.fill,
      cashQuote: request.cashQuote,
      sizeFraction: request.sizeFraction,
      takerFeeRate: request.takerFeeRate,
      slippage: request.slippage,
      quote: settings.market.quote,
      base: settings.market.base,
    },
    prices: pricePoints(columns),
  };

  if (resolved.walkForward !== undefined) {
    const result: WalkForwardResult = await runWalkForward(bars, settings, resolved.walkForward, {
      workers: 0,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onProgress: (step) => {
        progress({ done: step.stepsDone, total: step.steps });
      },
    });
    throwIfAborted(options.signal);
    const doubled = result.costs.find((scenario) => scenario.multiple === 2);
    const statistics = {
      ...statisticsForJson(result.statistics),
      'Sample': result.sample,
      'Fees Paid [$]': result.feesQuote,
      'Slippage Paid [$]': result.slippageQuote,
      'Turnover [$]': result.turnoverQuote,
      'Return at 2× Costs [%]': doubled === undefined ? null : finiteOrNull(doubled.returnPercent),
      'Sharpe Ratio at 2× Costs': doubled === undefined ? null : finiteOrNull(doubled.sharpeRatio),
    };
    return {
      view: {
        ...common,
        sample: result.sample,
        mode: 'walk-forward',
        statistics: statisticRows(statistics),
        costs: costsOf(result.costs),
        equity: curvePoints(result.curve.timeMs, result.curve.equity, result.buyAndHold),
        trades: tradesOf(result.trades),
        tradesTotal: result.trades.length,
        monthly: monthlyReturns(result.curve.timeMs, result.curve.equity),
        overfitting: null,
        sweep: null,
        folds: result.folds.map((fold) => ({
          fold: fold.fold + 1,
          parameters: { ...fold.parameters },
          inSampleSharpe: finiteOrNull(fold.inSampleSharpe),
          outOfSampleReturnPercent: finiteOrNull(fold.outOfSampleReturnPercent),
          trades: fold.outOfSampleTrades,
          testFromMs: bars.timeMs[fold.test.startBar] as number,
          testToMs: bars.timeMs[Math.max(fold.test.startBar, fold.test.endBar - 1)] as number,
        })),
        decisions: null,
        openPositionBase: 0,
        timing: { bars: result.curve.timeMs.length, seconds: result.seconds },
        fingerprint: result.fingerprint,
      },
      tradesCsv: tradesCsvOf(result.trades, result.sample),
    };
  }

  let sweep: SweepResult | undefined;
  let reportSettings = settings;
  // Progress in bar-runs: a sweep's trials first (one run each), then the report's four runs.
  const reportUnits = 4 * n;
  if (resolved.sweep !== undefined) {
    sweep = await runSweep(bars, settings, resolved.sweep, {
      workers: 0,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onProgress: (step) => {
        progress({ done: step.trialsDone * n, total: step.trials * n + reportUnits });
      },
    });
    reportSettings = { ...settings, strategy: { id: settings.strategy.id, parameters: sweep.best.parameters } };
  }
  const sweepUnits = sweep === undefined ? 0 : sweep.trials.length * n;
  const report: BacktestReport = await backtestReport(bars, reportSettings, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onProgress: (step) => {
      progress({ done: sweepUnits + step.bar, total: sweepUnits + step.bars });
    },
  });
  throwIfAborted(options.signal);
  return {
    view: {
      ...common,
      settings: { ...common.settings, parameters: { ...reportSettings.strategy.parameters } },
      sample: report.sample,
      mode: sweep === undefined ? 'single' : 'sweep',
      statistics: statisticRows(reportStatisticsJson(report)),
      costs: costsOf(report.costs),
      equity: curvePoints(report.curve.timeMs, report.curve.equity, report.buyAndHold),
      trades: tradesOf(report.trades),
      tradesTotal: report.trades.length,
      monthly: monthlyReturns(report.curve.timeMs, report.curve.equity),
      overfitting: overfittingOf(sweep),
      sweep: sweep === undefined ? null : { trials: sweep.trials.length, skipped: sweep.skippedCombinations, best: { ...sweep.best.parameters } },
      folds: [],
      decisions: { signals: report.decisions.signals, intents: report.decisions.intents, approved: report.decisions.approved, shrunk: report.decisions.shrunk, rejected: report.decisions.rejected, reasons: reasonRows(report.decisions.reasons, input.symbol) },
      openPositionBase: report.openPositionBase,
      timing: { bars: report.timing.bars, seconds: report.timing.seconds },
      fingerprint: report.fingerprint,
    },
    tradesCsv: tradesCsvOf(report.trades, report.sample),
  };
}

/** A plain message for a failure that is not a refusal of the request (bad bars, an engine problem). */
export function failureMessage(error: unknown): string {
  if (error instanceof BacktestInputError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
