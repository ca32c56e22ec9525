/**
 * English wording of the command line (i18next syntax). The core layers' own codes are worded
 * in their messages.ts files and rendered through renderCodes; these are the CLI's own: usage,
 * flag problems, and the plain-text layout of each command's answer.
 */
export const CLI_MESSAGES = {
  // The command line itself.
  CLI_UNKNOWN_COMMAND: 'Ballast has no command "{{command}}". Run "ballast help" to see the commands.',
  CLI_UNKNOWN_COMMAND_UNNAMED: 'Ballast has no such command. Run "ballast help" to see the commands.',
  CLI_UNKNOWN_FLAG: '"ballast {{command}}" has no flag {{flag}}. Run "ballast help {{command}}" to see its flags.',
  CLI_UNKNOWN_FLAG_UNNAMED: '"ballast {{command}}" was given a flag it does not have. Run "ballast help {{command}}" to see its flags.',
  CLI_FLAG_NEEDS_VALUE: '{{flag}} needs a value right after it, for example: {{flag}} {{example}}',
  CLI_FLAG_TAKES_NO_VALUE: '{{flag}} takes no value: write it on its own.',
  CLI_FLAG_REPEATED: '{{flag}} was given more than once. Give it once.',
  CLI_FLAG_REQUIRED: '"ballast {{command}}" needs {{flag}} {{example}}. Run "ballast help {{command}}" to see its flags.',
  CLI_UNEXPECTED_ARGUMENTS:
    '"ballast {{command}}" was given {{count}} value(s) that belong to no flag. They are not repeated here, in case one is a key. Put each value right after its flag, for example --data FILE.',
  CLI_FLAGS_NOT_UNDERSTOOD: 'Ballast could not read the flags given to "ballast {{command}}". Run "ballast help {{command}}" to see them.',
  CLI_MODEL_SUBCOMMAND: '"ballast model" needs what to do with the model; today that is "train": ballast model train --data FILE --symbol SYM',
  CLI_SYMBOL_INVALID: '--symbol must be a market written as two coin codes with a slash, such as BTC/USDT.',
  CLI_EXCHANGE_UNKNOWN: '--exchange must be one of: {{supported}}. Nothing was read or sent.',
  CLI_BASE_URL_INVALID:
    '--base-url must be an http:// or https:// address without a user name, password, query or fragment, such as http://localhost:11434/v1. A key belongs in an environment variable, never in the address.',
  CLI_MODEL_NAME_INVALID: '--model must be the model’s name as the AI server lists it: letters, digits and . : / @ + - _ only.',
  CLI_KEY_AS_ARGUMENT:
    'Ballast never takes a key, secret or passphrase as a command-line argument: other programs on this computer can read arguments, and your shell keeps them in its history. Nothing was read or sent. Pipe the key in on standard input instead, for example: ballast check-key --exchange binance < key.txt',
  CLI_API_KEY_AS_ARGUMENT:
    'Ballast never takes an API key as a command-line argument: other programs on this computer can read arguments, and your shell keeps them in its history. Nothing was sent. Put the key in an environment variable and give its name: --api-key-env VARIABLE',
  CLI_API_KEY_ENV_NAME_INVALID:
    '--api-key-env takes the name of an environment variable (capital letters, digits and _), not the key itself. Nothing was sent.',
  CLI_API_KEY_ENV_MISSING:
    'The environment variable {{variable}} (named by --api-key-env) is not set or is empty, so Ballast did not ask the AI service. Set it to the service’s API key and run again.',

  // Files.
  CLI_TEXT_FILE_NOT_FOUND: 'Ballast could not find the file {{file}}. Check the path and try again.',
  CLI_TEXT_FILE_NOT_PERMITTED: 'Ballast is not allowed to read the file {{file}}. Check its permissions and try again.',
  CLI_TEXT_FILE_UNREADABLE: 'Ballast could not read {{file}} as a text file (it may be a folder). Check the path and try again.',
  CLI_TEXT_FILE_TOO_LARGE: 'The file {{file}} is larger than {{limitMb}} MB, so Ballast did not read it.',
  CLI_CANDLE_FILE_REFUSED: 'Ballast could not use {{file}} as price history:',
  CLI_TIMEFRAME_UNKNOWN:
    'Ballast could not tell the bar length of {{file}}: its bars are not spaced at a standard interval (1m, 5m, 15m, 1h, 4h, 1d…). Use a file with regular bars.',
  CLI_TIMEFRAMES_DIFFER:
    'The reference file has {{reference}} bars and the recent file {{recent}} bars. Drift can only be measured between histories with the same bar length.',
  CLI_MODEL_FILE_NOT_WRITTEN: 'Ballast could not write the model file {{file}}, so nothing was saved. Check the folder exists and may be written to.',
  CLI_CANNOT_WRITE_FILES: 'This command line cannot write files, so the model was not saved.',
  CLI_STDIN_TOO_LARGE: 'What came in on standard input is far longer than any key, so Ballast did not use it. Send only the key, the secret and the passphrase.',
  CLI_KEY_PROMPT:
    'Paste the API key, then the secret, then the passphrase if the exchange has one, each on its own line; then press Ctrl+D (on Windows: Ctrl+Z, then Enter). What you paste shows on screen, so check nobody is watching.',

  // The test-only exchange address.
  CLI_TEST_EXCHANGE_URL_IN_USE: 'Note: asking {{url}} instead of the exchange, because {{variable}} is set. That setting is for tests only.',
  CLI_TEST_EXCHANGE_URL_NOT_LOCAL:
    '{{variable}} may only point at this computer (127.0.0.1, localhost or [::1]): it is for testing against a local stand-in exchange. Nothing was read or sent. Unset it to check the key with the real exchange.',

  // Something went wrong inside Ballast.
  CLI_INTERNAL_ERROR:
    'Something went wrong inside Ballast ({{errorName}}). Nothing was changed and no order was placed. Run again with BALLAST_DEBUG=1 to see the details, and please report it.',

  // model train
  CLI_TRAINING_PROGRESS: 'Training: {{percent}}% ({{stage}})',
  CLI_CARD_TITLE: 'Model card: {{symbol}}, {{timeframe}} bars, {{kind}}',
  CLI_CARD_WINDOW: 'Training window: {{from}} to {{to}} ({{bars}} bars, {{samples}} labelled samples)',
  CLI_CARD_BRIER_SKILL:
    'Brier skill out of sample: {{brierSkill}} over {{samples}} forecasts (above 0: the forecasts beat always guessing the average outcome; 0 or below: they do not). AUC {{auc}}.',
  CLI_CARD_CANDIDATE: 'Compared on the same folds: {{kind}}, Brier skill {{brierSkill}}',
  CLI_CARD_LIVE_NOT_ALLOWED: 'Live trading with this model: not allowed. Paper trading: allowed.',
  CLI_CARD_LIVE_ALLOWED: 'Live trading with this model: allowed, within your risk limits.',
  CLI_CARD_MODEL_HASH: 'Model hash: {{hash}}',
  CLI_CARD_SAVED: 'Saved to {{file}} (file hash {{hash}}).',
  CLI_MODEL_KIND_LOGISTIC: 'logistic regression',
  CLI_MODEL_KIND_BOOSTED_TREES: 'gradient-boosted trees',

  // drift
  CLI_DRIFT_NONE: 'No drift: the recent bars look like the reference history.',
  CLI_DRIFT_MODERATE: 'Moderate drift: the recent bars have moved away from the reference history. A running bot would halve its new entries.',
  CLI_DRIFT_SEVERE:
    'Severe drift: the recent bars are very different from the reference history. A running bot would take no new entries (safe mode) until you review it.',
  CLI_DRIFT_FEATURE: '{{name}}: PSI {{psi}} (threshold {{psiThreshold}}), KS {{ks}} (p {{ksPValue}}), {{level}}',

  // advise
  CLI_ADVICE_ACCEPTED: 'The AI advisor’s answer passed every check ({{latencyMs}} ms). It is advice only: no order was placed.',
  CLI_ADVICE_SIGNAL:
    'View on {{symbol}}: {{stance}}, {{probabilityUp}}% chance the price rises, stated confidence {{confidence}}% (not calibrated), for the next {{horizonBars}} bars; proven wrong at {{invalidationPrice}}.',
  CLI_ADVICE_RATIONALE: 'Why: {{rationale}}',
  CLI_ADVICE_FACTOR: '- {{factor}}',
  CLI_ADVICE_REJECTED: 'The AI advisor’s answer was rejected. No order was placed, and Ballast does not ask again to get a different answer.',

  // check-claims
  CLI_CLAIM_MATCH: 'Line {{line}}, column {{column}}: "{{text}}" ({{ruleId}}). {{explanation}}',
  CLI_CLAIMS_FOUND: '{{count}} red-flag claim(s) found.',

  // help
  CLI_USAGE_HEADER: 'Usage: npm run ballast -- <command> [flags]   (without npm: node core/cli/main.ts <command> [flags])',
  CLI_USAGE_COMMANDS: 'Commands:',
  CLI_USAGE_MORE: 'Run "ballast help <command>" for one command. Every command also takes --json where shown, to print one JSON object.',
  CLI_USAGE_EXIT_CODES: 'Exit codes:',
  CLI_USAGE_EXIT_OK: '0   done (for advise: whether the answer was accepted or rejected)',
  CLI_USAGE_EXIT_NOT_CONFIRMED: '1   check-key: something about the key could not be confirmed',
  CLI_USAGE_EXIT_RED_FLAGS: '2   check-key: red flags found',
  CLI_USAGE_EXIT_USAGE: '64  the command line was not understood: unknown command or flag, a missing or invalid value',
  CLI_USAGE_EXIT_INPUT: '65  an input could not be used: a file missing, unreadable or refused, or too little data',
  CLI_USAGE_EXIT_INTERNAL: '70  something went wrong inside Ballast',
  CLI_USAGE_ENVIRONMENT: 'Environment:',
  CLI_USAGE_ENV_DEBUG: 'BALLAST_DEBUG=1',
  CLI_USAGE_ENV_DEBUG_SUMMARY: 'Show the technical details of an internal error.',
  CLI_USAGE_ENV_TEST_EXCHANGE: 'BALLAST_TEST_ONLY_EXCHANGE_URL=http://127.0.0.1:PORT',
  CLI_USAGE_ENV_TEST_EXCHANGE_SUMMARY: 'For tests only: check-key asks this address on this computer instead of the exchange.',

  CLI_COMMAND_BACKTEST_SYNOPSIS: 'backtest --data FILE --symbol SYM --strategy ID [--param name=value]… [--sweep …] [--walk-forward …] [--json]',
  CLI_COMMAND_BACKTEST_SUMMARY:
    'Run a strategy over a candle file on a simulated clock, after fees and slippage, and print its statistics, trades and costs next to buy-and-hold.',
  CLI_COMMAND_MODEL_SYNOPSIS: 'model train --data FILE --symbol SYM [--out MODELFILE] [--json]',
  CLI_COMMAND_MODEL_SUMMARY:
    'Train Ballast’s model on a candle file (CSV or JSON) and print its model card: the training window, how well it forecast on data it never saw, and whether it may be used live. --out saves the model file.',
  CLI_COMMAND_DRIFT_SYNOPSIS: 'drift --reference FILE --recent FILE [--json]',
  CLI_COMMAND_DRIFT_SUMMARY: 'Compare recent bars with a reference history, feature by feature, and say whether the market has drifted away from it.',
  CLI_COMMAND_ADVISE_SYNOPSIS: 'advise --base-url URL --model NAME [--api-key-env VARIABLE] --data FILE --symbol SYM [--json]',
  CLI_COMMAND_ADVISE_SUMMARY:
    'Ask an OpenAI-compatible AI server once about the last bar of a candle file, check its answer with Ballast’s validator, and print the verdict. Never places an order. The API key is read from the environment variable named by --api-key-env.',
  CLI_COMMAND_CHECK_CLAIMS_SYNOPSIS: 'check-claims --file FILE [--json]',
  CLI_COMMAND_CHECK_CLAIMS_SUMMARY: 'Scan a bot service’s marketing text for red-flag claims (promises of sure profits, win rates, fixed returns, urgency…), with where each one is.',
  CLI_COMMAND_CHECK_KEY_SYNOPSIS: 'check-key --exchange ID [--json]   (the key comes on standard input)',
  CLI_COMMAND_CHECK_KEY_SUMMARY:
    'Ask the exchange what a key may do before you hand it to a bot service: withdrawals, IP restriction, futures, margin, age. The key, secret and passphrase are read from standard input, one per line, and never kept.',
  CLI_COMMAND_HELP_SYNOPSIS: 'help [command]',
  CLI_COMMAND_HELP_SUMMARY: 'Show this text, or one command’s.',
} as const satisfies Record<string, string>;

export type CliMessageCode = keyof typeof CLI_MESSAGES;
