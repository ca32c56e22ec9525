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
