import type { BacktestReport, Sample } from './backtestReport.ts';
import { statisticsForJson, type StatisticsJson } from './statisticsJson.ts';
import type { SweepResult } from './sweep.ts';
import type { BacktestTrade } from './tradeStatistics.ts';
import type { WalkForwardResult } from './walkForwardRun.ts';

/** A trade as the JSON output lists it: times in ISO-8601 UTC. */
export interface TradeJson {
  readonly entryTime: string;
  readonly exitTime: string;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly size: number;
  readonly pnl: number;
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function tradesForJson(trades: readonly BacktestTrade[]): TradeJson[] {
  return trades.map((trade) => ({
    entryTime: new Date(trade.entryTime).toISOString(),
    exitTime: new Date(trade.exitTime).toISOString(),
    entryPrice: trade.entryPrice,
    exitPrice: trade.exitPrice,
    size: trade.size,
    pnl: trade.pnl,
  }));
}

/**
 * Ballast's own figures beside the backtesting.py set, each labelled with its sample: what was
 * paid to trade, how much was traded, and what the result would be at twice the costs.
 */
export interface BallastFiguresJson {
  readonly 'Sample': Sample;
  readonly 'Fees Paid [$]': number;
  readonly 'Slippage Paid [$]': number;
  readonly 'Turnover [$]': number;
  readonly 'Return at 2× Costs [%]': number | null;
  readonly 'Sharpe Ratio at 2× Costs': number | null;
}

export type BacktestStatisticsJson = StatisticsJson & BallastFiguresJson;

export function reportStatisticsJson(report: BacktestReport): BacktestStatisticsJson {
  const doubled = report.costs.find((scenario) => scenario.multiple === 2);
  return {
    ...statisticsForJson(report.statistics),
    'Sample': report.sample,
    'Fees Paid [$]': report.feesQuote,
    'Slippage Paid [$]': report.slippageQuote,
    'Turnover [$]': report.turnoverQuote,
    'Return at 2× Costs [%]': doubled === undefined ? null : finiteOrNull(doubled.returnPercent),
    'Sharpe Ratio at 2× Costs': doubled === undefined ? null : finiteOrNull(doubled.sharpeRatio),
  };
}

export function costsForJson(report: BacktestReport): object[] {
  return report.costs.map((scenario) => ({
    multiple: scenario.multiple,
    sample: report.sample,
    'Return [%]': finiteOrNull(scenario.returnPercent),
    'Sharpe Ratio': finiteOrNull(scenario.sharpeRatio),
    'Equity Final [$]': finiteOrNull(scenario.equityFinalQuote),
    '# Trades': scenario.trades,
    'Fees Paid [$]': scenario.feesQuote,
    'Slippage Paid [$]': scenario.slippageQuote,
  }));
}

export function sweepForJson(sweep: SweepResult): object {
  const assessment = sweep.overfitting;
  return {
    sample: sweep.sample,
    trials: sweep.trials.map((trial) => ({
      trial: trial.trial,
      parameters: trial.parameters,
      'Return [%]': finiteOrNull(trial.statistics['Return [%]']),
      'Sharpe Ratio': finiteOrNull(trial.statistics['Sharpe Ratio']),
      'Max. Drawdown [%]': finiteOrNull(trial.statistics['Max. Drawdown [%]']),
      '# Trades': trial.statistics['# Trades'],
    })),
    skippedCombinations: sweep.skippedCombinations,
    best: { trial: sweep.best.trial, parameters: sweep.best.parameters },
    overfitting:
      assessment === undefined
        ? null
        : {
            trials: assessment.trials,
            sharpeAnnualised: finiteOrNull(assessment.sharpeAnnualised),
            expectedMaxSharpeAnnualised: finiteOrNull(assessment.expectedMaxSharpeAnnualised),
            probabilisticSharpe: finiteOrNull(assessment.probabilisticSharpe),
            deflatedSharpe: finiteOrNull(assessment.deflatedSharpe),
            probabilityOfBacktestOverfitting: assessment.backtestOverfitting === undefined ? null : assessment.backtestOverfitting.probability,
            explanations: assessment.explanations,
          },
    seconds: sweep.seconds,
  };
}

export function walkForwardForJson(result: WalkForwardResult): object {
  return {
    sample: result.sample,
    folds: result.folds.map((fold) => ({
      fold: fold.fold,
      train: fold.train,
      test: fold.test,
      parameters: fold.parameters,
      inSampleSharpe: finiteOrNull(fold.inSampleSharpe),
      outOfSampleReturnPercent: finiteOrNull(fold.outOfSampleReturnPercent),
      outOfSampleTrades: fold.outOfSampleTrades,
    })),
    seconds: result.seconds,
  };
}
