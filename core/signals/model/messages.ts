/**
 * English wording for every code the model layer returns (i18next syntax). Written for someone
 * who has never traded with a model: what happened, what it means for their money, what to do.
 */
export const MODEL_MESSAGES = {
  // Why the model leaned one way (decision feed).
  MODEL_REASON_PRICE_ROSE: 'price up {{percent}}% over the last {{bars}} bars',
  MODEL_REASON_PRICE_FELL: 'price down {{percent}}% over the last {{bars}} bars',
  MODEL_REASON_SWINGS: 'price swings of about {{percent}}% per bar over the last {{bars}} bars',
  MODEL_REASON_TYPICAL_RANGE: 'a typical bar spans {{percent}}% of the price',
  MODEL_REASON_RSI_HIGH: 'strong recent gains (RSI {{value}})',
  MODEL_REASON_RSI_LOW: 'strong recent losses (RSI {{value}})',
  MODEL_REASON_RSI_MIDDLE: 'no strong recent run up or down (RSI {{value}})',
  MODEL_REASON_WELL_ABOVE_AVERAGE: 'price well above its {{bars}}-bar average ({{percent}}%)',
  MODEL_REASON_ABOVE_AVERAGE: 'price a little above its {{bars}}-bar average ({{percent}}%)',
  MODEL_REASON_WELL_BELOW_AVERAGE: 'price well below its {{bars}}-bar average ({{percent}}%)',
  MODEL_REASON_BELOW_AVERAGE: 'price a little below its {{bars}}-bar average ({{percent}}%)',
  MODEL_REASON_VOLUME_FAR_ABOVE_NORMAL: 'volume far above normal',
  MODEL_REASON_VOLUME_ABOVE_NORMAL: 'volume above normal',
  MODEL_REASON_VOLUME_BELOW_NORMAL: 'volume below normal',
  MODEL_REASON_VOLUME_NORMAL: 'volume about normal',
  MODEL_REASON_BAR_RANGE: 'the last bar moved {{percent}}% from low to high',
  MODEL_REASON_TIME_OF_DAY: 'the time of day',
  MODEL_REASON_DAY_OF_WEEK: 'the day of the week',
  MODEL_REASON_OTHER: 'the input "{{feature}}"',
  MODEL_EFFECT_RAISES: 'makes a profitable trade more likely',
  MODEL_EFFECT_LOWERS: 'makes a profitable trade less likely',

  // What the filter did to a rule's entry.
  MODEL_FILTER_KEPT: 'The model kept this entry at its full size: it puts the chance of a profit after costs at {{percent}}%.',
  MODEL_FILTER_SHRUNK:
    'The model cut this entry to {{factorPercent}}% of its size: it puts the chance of a profit after costs at only {{percent}}%. Smaller entries mean smaller losses if it goes wrong.',
  MODEL_SKIP_LOW_PROBABILITY:
    'The model skipped this entry: it puts the chance of a profit after costs at only {{percent}}%. No money was committed. The rules will propose the next entry as usual.',
  MODEL_SKIP_NO_PROBABILITY: 'The model had no usable reading for this bar, so the entry was skipped to be safe. No money was committed.',
  MODEL_SKIP_BAD_SIZE: 'The entry size was not a usable number, so the model skipped it. No money was committed.',
  MODEL_SKIP_BAD_THRESHOLDS: 'The model filter settings are inconsistent, so the entry was skipped. Check the model settings.',
  MODEL_SKIP_OUT_OF_RANGE:
    'The market looks unlike anything the model was trained on ({{feature}} is far outside its training range), so this signal was skipped. No money was committed.',

  // The model card's verdict.
  MODEL_NO_EDGE_BRIER:
    'This model shows no reliable edge: on data it never saw, its forecasts were no better than always guessing the average outcome (Brier skill {{brierSkill}}). It can be used for paper trading only, not with real money.',
  MODEL_DEFLATED_SHARPE_LOW:
    'Its trading results could be luck: after allowing for the number of trials, the deflated Sharpe ratio is {{deflatedSharpe}}, below the {{minimum}} needed. Paper trading only.',
  MODEL_DEFLATED_SHARPE_MISSING:
    'This model has not been backtested yet, so Ballast cannot tell whether its results beat luck. Paper trading only until a backtest gives a deflated Sharpe ratio of at least {{minimum}}.',
  MODEL_USABLE_LIVE: 'On data it never saw, this model beat always guessing the average outcome, and its backtest passed the luck test. It may be used live, within your risk limits.',

  // Retraining.
  MODEL_CANDIDATE_BETTER:
    'The new model forecast better than the current one on data neither was trained on (Brier {{candidateBrier}} against {{currentBrier}}; lower is better). You can switch to it.',
  MODEL_CANDIDATE_NOT_BETTER:
    'The new model did not forecast better than the current one on data neither was trained on, so the current model stays. Nothing changed.',
  MODEL_COMPARISON_WINDOW_SEEN_IN_TRAINING:
    'The comparison must use price history that comes after both models were trained; this stretch overlaps their training data. Pick a later stretch.',
  MODEL_COMPARISON_TOO_FEW_SAMPLES: 'The comparison stretch is too short to tell the two models apart. Use a longer stretch of recent history.',

  // Drift.
  DRIFT_NONE: 'The market looks like the data the model was trained on.',
  DRIFT_MODERATE:
    'The market has moved away from what the model learned. New entries are halved until it settles. Nothing else changes.',
  DRIFT_SEVERE:
    'The market is very different from what the model learned. Ballast switched to safe mode: no new entries, exits still work. Review the drift panel, then re-arm or retrain.',

  DRIFT_RECENT_TOO_SHORT: 'The recent price history is too short to compare: it needs at least {{needed}} bars and has {{bars}}.',
  DRIFT_REFERENCE_TOO_SHORT: 'The reference price history ({{bars}} bars) is too short to learn what normal looks like. Use a longer one.',

  // Training.
  TRAINING_BAD_CONFIG: 'The training settings are not valid ({{detail}}). Nothing was trained.',
  TRAINING_BAD_CANDLES: 'The price history has a bar that cannot be used ({{detail}}). Fix or re-download the data, then train again.',
  TRAINING_TOO_FEW_SAMPLES: 'There is not enough price history to train and test a model honestly. Use a longer history and train again.',
  TRAINING_CANCELLED: 'Training was cancelled. The model you had before is unchanged.',
  MODEL_FILE_UNREADABLE: 'The model file is damaged or not a Ballast model, so it was not loaded. Train a new model or pick another file.',
  MODEL_FEATURE_BAD_CANDLE: 'A price bar could not be used by the model ({{detail}}); its signal was skipped.',
} as const satisfies Record<string, string>;

export type ModelMessageCode = keyof typeof MODEL_MESSAGES;
