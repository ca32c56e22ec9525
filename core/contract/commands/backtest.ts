import { z } from 'zod';
import { BacktestExport, BacktestExportFormat, BacktestResultView, BacktestRunId, BacktestSetupView, BacktestStart, BacktestStatusView } from '../backtest.ts';
import { command, NoInput } from '../command.ts';

/** The Backtest screen: one run at a time, off the main thread, with progress and Cancel. */
export const backtestCommands = {
  getBacktestSetup: command({
    summary: 'What a backtest can run on (demo prices, imported files), the strategies with their parameters, and the default costs.',
    input: NoInput,
    output: BacktestSetupView,
  }),
  startBacktest: command({
    summary: 'Start a backtest, sweep or walk-forward test in the background; progress comes as backtestProgressed events.',
    input: BacktestStart,
    output: BacktestStatusView,
  }),
  cancelBacktest: command({
    summary: 'Stop the running backtest; nothing of it is kept.',
    input: NoInput,
    output: BacktestStatusView,
  }),
  getBacktestStatus: command({
    summary: 'The running or last backtest: progress, time left, or why it stopped.',
    input: NoInput,
    output: BacktestStatusView,
  }),
  getBacktestResult: command({
    summary: 'The report of a finished backtest: statistics, costs at 0× to 3×, curves, trades, monthly returns, overfitting.',
    input: z.strictObject({ runId: BacktestRunId }),
    output: BacktestResultView,
  }),
  exportBacktest: command({
    summary: 'A finished backtest as a file to keep: a web page report, or its trades as CSV.',
    input: z.strictObject({ runId: BacktestRunId, format: BacktestExportFormat }),
    output: BacktestExport,
  }),
};
