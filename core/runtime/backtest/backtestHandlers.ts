import type { CommandHandlers } from '../../contract/index.ts';
import { DEFAULT_CASH_QUOTE, DEFAULT_FEE_RATE, DEFAULT_REALISTIC_SLIPPAGE, DEFAULT_SIZE_FRACTION, MAX_SWEEP_TRIALS } from '../../backtest/index.ts';
import { ALL_STRATEGY_IDS } from '../../model/index.ts';
import { STRATEGY_PARAMETERS } from '../../signals/index.ts';
import type { ReplayLibrary } from '../paper/replayLibrary.ts';
import { SYNTHETIC_MARKET_DEFAULTS } from '../paper/syntheticMarket.ts';
import type { BacktestRunner } from './backtestRunner.ts';

type BacktestCommand = 'getBacktestSetup' | 'startBacktest' | 'cancelBacktest' | 'getBacktestStatus' | 'getBacktestResult' | 'exportBacktest';

/** The Backtest screen's commands over one runner (one run at a time, in a worker thread). */
export function backtestHandlers(runner: BacktestRunner, replays: ReplayLibrary): Pick<CommandHandlers, BacktestCommand> {
  return {
    getBacktestSetup: () => {
      // The screen is open: load the engine now, so the first run starts at once.
      runner.warmUp();
      return {
        syntheticBars: SYNTHETIC_MARKET_DEFAULTS.bars,
        imported: replays.list(),
        strategies: ALL_STRATEGY_IDS.filter((id) => id !== 'do-nothing').map((id) => ({ id, parameters: STRATEGY_PARAMETERS[id].map((spec) => ({ ...spec })) })),
        defaults: { cashQuote: DEFAULT_CASH_QUOTE, sizeFraction: DEFAULT_SIZE_FRACTION, takerFeeRate: DEFAULT_FEE_RATE, slippage: { realistic: DEFAULT_REALISTIC_SLIPPAGE, 'next-open': 0 } },
        maxSweepTrials: MAX_SWEEP_TRIALS,
      };
    },
    startBacktest: (input) => runner.start(input),
    cancelBacktest: () => runner.cancel(),
    getBacktestStatus: () => runner.status(),
    getBacktestResult: ({ runId }) => runner.result(runId),
    exportBacktest: ({ runId, format }) => runner.exportRun(runId, format),
  };
}
