import { randomBytes } from 'node:crypto';
import { ContractError, type BacktestDataSource, type BacktestExport, type BacktestResultView, type BacktestStatusView, type EventHub } from '../../contract/index.ts';
import type { Logger } from '../../log/index.ts';
import type { Candle } from '../../market/index.ts';
import type { ReplayLibrary } from '../paper/replayLibrary.ts';
import { generateSyntheticCandles, SYNTHETIC_MARKET_DEFAULTS } from '../paper/syntheticMarket.ts';
import type { BacktestJobInput, BacktestJobOutput, BacktestStartParsed } from './backtestJob.ts';
import { backtestReportHtml } from './backtestReportHtml.ts';
import type { BacktestExecutor } from './backtestExecutor.ts';
import { refusalWords } from './backtestWords.ts';

/** The market name of the generated demo prices: never a real market's. */
export const SYNTHETIC_BACKTEST_SYMBOL = 'DEMO/USDT';
const HOUR_MS = 3_600_000;
/** Reports kept for export after their run (the screen shows the last one). */
const KEPT_RESULTS = 3;

export interface BacktestRunnerOptions {
  readonly executor: BacktestExecutor;
  readonly replays: ReplayLibrary;
  readonly events: EventHub;
  readonly log: Logger;
  readonly nowMs: () => number;
}

export interface BacktestRunner {
  start(request: BacktestStartParsed): BacktestStatusView;
  cancel(): BacktestStatusView;
  status(): BacktestStatusView;
  result(runId: string): BacktestResultView;
  exportRun(runId: string, format: 'html' | 'trades-csv'): BacktestExport;
  /** Starts loading the engine so the first run starts at once. */
  warmUp(): void;
  dispose(): Promise<void>;
}

function columnsOf(candles: readonly Candle[]): BacktestJobInput['columns'] {
  const n = candles.length;
  // Shared memory: the worker reads the same bytes instead of a copy.
  const column = (): Float64Array => new Float64Array(new SharedArrayBuffer(n * 8));
  const columns = { timeMs: column(), open: column(), high: column(), low: column(), close: column(), volumeBase: column() };
  candles.forEach((candle, i) => {
    columns.timeMs[i] = candle.openTimeMs;
    columns.open[i] = candle.open;
    columns.high[i] = candle.high;
    columns.low[i] = candle.low;
    columns.close[i] = candle.close;
    columns.volumeBase[i] = candle.volumeBase;
  });
  return columns;
}

function mostCommonSpacing(candles: readonly Candle[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < candles.length; i++) {
    const gap = (candles[i] as Candle).openTimeMs - (candles[i - 1] as Candle).openTimeMs;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = HOUR_MS;
  let bestCount = 0;
  for (const [gap, count] of counts) if (count > bestCount) [best, bestCount] = [gap, count];
  return best;
}

const idle: BacktestStatusView = { runId: null, state: 'idle', done: 0, total: 0, secondsLeft: null, message: null };

/**
 * One backtest at a time, in the executor's worker thread. Progress (with the time left, from
 * the pace so far) goes out as `backtestProgressed` events; the last few reports are kept for
 * the screen and its exports.
 */
export function createBacktestRunner(options: BacktestRunnerOptions): BacktestRunner {
  let status: BacktestStatusView = idle;
  let cancelRunning: (() => void) | null = null;
  const results = new Map<string, BacktestJobOutput & { readonly runId: string }>();

  const publish = (next: BacktestStatusView): BacktestStatusView => {
    status = next;
    options.events.emit('backtestProgressed', next);
    return next;
  };

  const load = (source: BacktestDataSource): Omit<BacktestJobInput, 'request'> => {
    if (source.kind === 'synthetic') {
      const candles = generateSyntheticCandles({ ...SYNTHETIC_MARKET_DEFAULTS, endOpenTimeMs: Math.floor(options.nowMs() / HOUR_MS) * HOUR_MS - HOUR_MS });
      return {
        symbol: SYNTHETIC_BACKTEST_SYMBOL,
        intervalMs: HOUR_MS,
        columns: columnsOf(candles),
        data: { label: 'Generated demo prices (not a real market)', synthetic: true, notes: ['These prices are generated: a result on them proves nothing about a real market.'] },
      };
    }
    const { summary, candles } = options.replays.load(source.importId);
    if (candles.length < 2) throw new ContractError('REFUSED', 'This file holds fewer than 2 bars; nothing was tested.');
    return {
      symbol: summary.symbol,
      intervalMs: mostCommonSpacing(candles),
      columns: columnsOf(candles),
      data: { label: `${summary.fileName} (${summary.symbol}, ${summary.timeframe} bars)`, synthetic: false, notes: [...summary.dataWarnings, ...summary.importNotes] },
    };
  };

  return {
    start(request) {
      if (status.state === 'running') throw new ContractError('REFUSED', 'A backtest is already running. Wait for it to finish or cancel it first.');
      const input: BacktestJobInput = { ...load(request.source), request };
      const runId = `bt-${options.nowMs().toString(36)}-${randomBytes(4).toString('hex')}`;
      const startedMs = performance.now();
      const running = options.executor.start(input, (progress) => {
        if (status.runId !== runId || status.state !== 'running') return;
        const elapsedS = (performance.now() - startedMs) / 1000;
        const share = progress.total > 0 ? progress.done / progress.total : 0;
        const secondsLeft = share > 0.02 && elapsedS > 0.5 ? Math.max(0, (elapsedS / share) * (1 - share)) : null;
        publish({ runId, state: 'running', done: progress.done, total: progress.total, secondsLeft, message: null });
      });
      cancelRunning = () => {
        running.cancel();
      };
      void running.outcome.then((outcome) => {
        cancelRunning = null;
        if (outcome.kind === 'done') {
          results.set(runId, { ...outcome.output, runId });
          for (const key of results.keys()) if (results.size > KEPT_RESULTS) results.delete(key);
          publish({ runId, state: 'done', done: status.total, total: status.total, secondsLeft: 0, message: null });
        } else if (outcome.kind === 'cancelled') {
          publish({ runId, state: 'cancelled', done: status.done, total: status.total, secondsLeft: null, message: 'Cancelled: nothing of this run was kept.' });
        } else if (outcome.kind === 'refused') {
          publish({ runId, state: 'failed', done: 0, total: 0, secondsLeft: null, message: refusalWords(outcome.code, outcome.params) });
        } else {
          options.log.warn({ runId, detail: outcome.message }, 'a backtest failed');
          publish({ runId, state: 'failed', done: status.done, total: status.total, secondsLeft: null, message: `The backtest stopped before it finished: ${outcome.message}` });
        }
      });
      return publish({ runId, state: 'running', done: 0, total: input.columns.timeMs.length, secondsLeft: null, message: null });
    },
    cancel() {
      if (status.state !== 'running' || cancelRunning === null) return status;
      cancelRunning();
      return status;
    },
    status: () => status,
    result(runId) {
      const kept = results.get(runId);
      if (kept === undefined) throw new ContractError('REFUSED', 'That backtest’s report is no longer kept. Run it again.');
      return { ...kept.view, runId };
    },
    exportRun(runId, format) {
      const kept = results.get(runId);
      if (kept === undefined) throw new ContractError('REFUSED', 'That backtest’s report is no longer kept. Run it again.');
      const stem = `ballast-backtest-${kept.view.settings.strategy}-${kept.view.data.symbol.replace('/', '')}-${kept.view.sample}`;
      if (format === 'trades-csv') return { fileName: `${stem}-trades.csv`, mimeType: 'text/csv', content: kept.tradesCsv };
      return { fileName: `${stem}.html`, mimeType: 'text/html', content: backtestReportHtml({ ...kept.view, runId }) };
    },
    warmUp() {
      options.executor.warmUp();
    },
    async dispose() {
      cancelRunning?.();
      await options.executor.dispose();
    },
  };
}
