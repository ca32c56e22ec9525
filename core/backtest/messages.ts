/**
 * English wording of the overfitting panel: explanation code → i18next template. Numbers arrive
 * raw and i18next's built-in Intl formatters shape them: Sharpe ratios with two decimals, years
 * with one, probabilities as whole percentages, counts with digit grouping.
 */
import type { OverfittingCode } from './overfittingVerdict.ts';

export const BACKTEST_MESSAGES = {
  SINGLE_TRIAL_SHARPE:
    'Only one combination of settings was tested, so this result was not picked out of many. Its Sharpe ratio is {{sharpe, number(minimumFractionDigits: 2; maximumFractionDigits: 2)}}; the chance that it has a real edge, rather than a lucky stretch, is about {{probability, number(style: percent; maximumFractionDigits: 0)}}. Past results still say little about next month.',
  NO_POSITIVE_SHARPE:
    'Out of {{trials, number}} combinations tried, even the best one did not make money on average (Sharpe ratio {{sharpe, number(minimumFractionDigits: 2; maximumFractionDigits: 2)}}). None of them is worth trading: keep your money out of this strategy.',
  LUCK_EXPLAINS_SHARPE:
    'With {{trials, number}} combinations tried, a Sharpe ratio of {{sharpe, number(minimumFractionDigits: 2; maximumFractionDigits: 2)}} is what luck alone would give: the best of {{trials, number}} strategies with no edge at all is expected to reach about {{expectedMaxSharpe, number(minimumFractionDigits: 2; maximumFractionDigits: 2)}}. Treat this result as chance, not skill, and do not trade it with real money.',
  LUCK_MAY_EXPLAIN_SHARPE:
    'With {{trials, number}} combinations tried, luck alone would give about {{expectedMaxSharpe, number(minimumFractionDigits: 2; maximumFractionDigits: 2)}}. The best one reached {{sharpe, number(minimumFractionDigits: 2; maximumFractionDigits: 2)}}, but allowing for all those tries the chance that it has a real edge is only {{probability, number(style: percent; maximumFractionDigits: 0)}}. That is not enough to risk real money: test it on data it was not tuned on first.',
  SHARPE_SURVIVES_TRIALS:
    'Even allowing for the {{trials, number}} combinations tried, the chance that the best one (Sharpe ratio {{sharpe, number(minimumFractionDigits: 2; maximumFractionDigits: 2)}}) has a real edge is about {{probability, number(style: percent; maximumFractionDigits: 0)}}. That is evidence, not a promise: markets change, so paper-trade it and start small.',
  TRACK_RECORD_TOO_SHORT:
    'This test covers {{years, number(maximumFractionDigits: 1)}} years of data. A Sharpe ratio of {{sharpe, number(minimumFractionDigits: 2; maximumFractionDigits: 2)}} needs at least {{minimumYears, number(maximumFractionDigits: 1)}} years before it can be told apart from luck, so this history is too short to trust it.',
  BACKTEST_TOO_SHORT_FOR_TRIALS:
    '{{trials, number}} combinations are too many for {{years, number(maximumFractionDigits: 1)}} years of data: with that many tries, pure chance is expected to produce a Sharpe ratio of {{sharpe, number(minimumFractionDigits: 2; maximumFractionDigits: 2)}} unless the test covers at least {{minimumYears, number(maximumFractionDigits: 1)}} years. Try fewer combinations or use a longer history.',
  SELECTION_LIKELY_OVERFIT:
    'In {{probability, number(style: percent; maximumFractionDigits: 0)}} of {{splits, number}} ways of splitting the history in two, the combination that looked best on one half did no better than an average one on the other half. The settings were fitted to past noise; expect them to disappoint on new data.',
  SELECTION_OFTEN_FAILED:
    'In {{probability, number(style: percent; maximumFractionDigits: 0)}} of {{splits, number}} ways of splitting the history in two, the combination that looked best on one half did no better than an average one on the other half. Part of its result is likely fitted to past noise: paper-trade before risking money.',
  SELECTION_HELD_UP:
    'Across {{splits, number}} ways of splitting the history in two, the combination that looked best on one half usually stayed better than average on the other half (it fell behind in {{probability, number(style: percent; maximumFractionDigits: 0)}} of them). That lowers, but does not remove, the risk of a fluke.',
} as const satisfies Record<OverfittingCode, string>;

const twoDecimals = 'number(minimumFractionDigits: 2; maximumFractionDigits: 2)';

/**
 * English wording of a backtest run (the command line prints these; the Backtest screen will take
 * them into its catalogue): why nothing was tested, and the labels around the figures. Every
 * refusal says that nothing ran and what to change.
 */
export const BACKTEST_RUN_MESSAGES = {
  MISSING_OPTION: 'Nothing was tested: the backtest needs {{option}}, for example {{example}}. Add it and run the command again.',
  UNKNOWN_OPTION: 'Nothing was tested: {{option}} is not an option of the backtest command. Its options are: {{known}}.',
  OPTION_NEEDS_VALUE: 'Nothing was tested: {{option}} needs a value after it, for example {{example}}.',
  NOT_A_NUMBER: 'Nothing was tested: {{option}} must be a number, and "{{value}}" is not one.',
  OUT_OF_RANGE: 'Nothing was tested: {{option}} is {{value}}, but it must be {{rule}}.',
  BAD_CHOICE: 'Nothing was tested: {{option}} is "{{value}}"; it can only be {{choices}}.',
  BAD_PARAMETER: 'Nothing was tested: --param takes name=value, such as fast=10, and "{{value}}" is not in that form.',
  BAD_SWEEP: 'Nothing was tested: --sweep takes name=from:to:step or name=a|b|c, such as fast=5:50:5 or slow=20|30|50, and "{{value}}" is neither.',
  BAD_WALK_FORWARD:
    'Nothing was tested: --walk-forward takes anchored or rolling, then train=BARS and test=BARS (and if you like purge=BARS and embargo=BARS), such as rolling,train=8760,test=2190. "{{value}}" is not in that form.',
  BAD_SYMBOL: 'Nothing was tested: --symbol names a market as BASE/QUOTE, such as BTC/USDT, and "{{value}}" is not in that form.',
  FILE_MISSING: 'Nothing was tested: there is no file at {{path}}. Check the path and the file name.',
  FILE_NOT_PERMITTED: 'Nothing was tested: Ballast is not allowed to read {{path}}. Copy the file to a folder of your own and give that path.',
  FILE_UNREADABLE: 'Nothing was tested: Ballast could not read {{path}} as a file. Check that the path names a CSV or JSON file, not a folder.',
  UNKNOWN_STRATEGY: 'Nothing was tested: there is no strategy called "{{strategy}}". The strategies are: {{known}}.',
  UNKNOWN_PARAMETER: 'Nothing was tested: the {{strategy}} strategy has no parameter "{{parameter}}". Its parameters are: {{known}}.',
  PARAMETER_OUT_OF_RANGE: 'Nothing was tested: the {{strategy}} parameter {{parameter}} is {{value}}, but it must be from {{min}} to {{max}} (whole numbers only: {{whole}}).',
  PARAMETERS_INCONSISTENT: 'Nothing was tested: these {{strategy}} parameters do not fit together: {{problem}}.',
  GRID_EMPTY: 'Nothing was tested: the sweep has no combination the {{strategy}} strategy can run. Check the ranges given to --sweep.',
  GRID_TOO_LARGE: 'Nothing was tested: the sweep would try {{combinations}} combinations, more than the {{limit}} Ballast allows. So many tries make a good result meaningless; use fewer values.',
  WALK_FORWARD_TOO_LONG: 'Nothing was tested: the training window ({{trainBars}} bars) is at least as long as the whole file ({{bars}} bars), which leaves nothing to test on. Use a shorter training window.',
  TOO_FEW_BARS: 'Nothing was tested: the file holds {{bars}} bars, and a backtest needs at least 2.',
  RUN_FAILED: 'The backtest stopped before it finished: {{detail}}',

  SAMPLE_IN_SAMPLE: 'In-sample: these settings may have been chosen on this very history, so these figures flatter the strategy. A walk-forward test shows how it does on history it was not tuned on.',
  SAMPLE_OUT_OF_SAMPLE: 'Out-of-sample: every figure below comes from bars no setting was chosen on (the walk-forward test windows, chained).',
  RISK_ON: 'Risk limits: on (the defaults paper trading uses). Figures are after fees and slippage.',
  RISK_OFF: 'RESEARCH MODE, risk limits off: no per-trade cap, loss limit, exposure limit or liquidity check was applied. Paper and live trading never run like this. Figures are after fees and slippage.',
  FILL_REALISTIC: 'Fills: realistic (orders fill from the next bar on, paying fees, spread and price impact, at most {{volumeShare, number(style: percent)}} of a bar\'s volume).',
  FILL_NEXT_OPEN: 'Fills: next open (market orders fill whole at the next bar\'s open, the convention of common Python backtesters).',
  FEES_PAID: 'Fees paid: {{fees, ' + twoDecimals + '}} {{quote}}. Slippage paid: {{slippage, ' + twoDecimals + '}} {{quote}}. Traded: {{turnover, ' + twoDecimals + '}} {{quote}} ({{times, number(maximumFractionDigits: 1)}} times the starting cash).',
  COSTS_AT: 'At {{multiple}}× the costs: return {{returnPercent, ' + twoDecimals + '}} %, Sharpe ratio {{sharpe, ' + twoDecimals + '}}, final equity {{equity, ' + twoDecimals + '}} {{quote}}.',
  DECISIONS: 'Signals: {{signals}}. Intents: {{intents}}. Approved: {{approved}} ({{shrunk}} made smaller). Refused: {{rejected}}. Orders sent: {{ordersSent}}.',
  OPEN_AT_END: 'A position of {{amount}} {{base}} was still open after the last bar. It is valued at the last close but is not a finished trade; --close-at-end sells it.',
  TIMING: '{{bars, number}} bars in {{seconds, number(maximumFractionDigits: 3)}} s ({{barsPerSecond, number(maximumFractionDigits: 0)}} bars a second).',
  SWEEP_SUMMARY: '{{trials, number}} combinations tried ({{skipped, number}} skipped because the strategy cannot run them). Best by in-sample Sharpe ratio: {{parameters}}. The figures below are that combination\'s, in-sample.',
  WALK_FORWARD_FOLD: 'Window {{fold}}: chose {{parameters}} on the bars before it (in-sample Sharpe ratio {{sharpe, ' + twoDecimals + '}}), then returned {{returnPercent, ' + twoDecimals + '}} % on its {{bars, number}} unseen bars.',
  HEADER: 'Backtest of {{strategy}} ({{parameters}}) on {{symbol}}: {{bars, number}} bars from {{from}} to {{to}} (UTC).',
  FINGERPRINT: 'Fingerprint (the same settings on the same data give the same one): {{fingerprint}}',
  IMPORT_NOTES: 'What the import changed or found:',
  GAPS_NOT_FILLED: 'Bars missing in the file are reported, never invented: the strategy simply saw no bar there.',
  STATISTICS: 'Statistics:',
} as const;

export type BacktestRunMessageCode = keyof typeof BACKTEST_RUN_MESSAGES;
