/**
 * English wording of what the market layer tells people, keyed by code, in i18next syntax:
 * `{{name}}` is a parameter, and a key with `_one` / `_other` variants is chosen by `count`.
 * Row numbers are 1-based and count like a spreadsheet (see importProblems.ts); times are UTC.
 */
export const marketMessages = {
  // A whole file refused. Each says what happened, that nothing was imported, and what to do.
  EMPTY_FILE: 'This file is empty. Nothing was imported. Check that you picked the right file and that its export finished, then import it again.',
  NO_CANDLE_ROWS: 'This file holds no bars (rows of prices). Nothing was imported. Export the prices again, with at least one bar, and import the new file.',
  FILE_TOO_LARGE:
    'This file is larger than {{limitMb}} MB; Ballast reads files up to {{limitMb}} MB. Nothing was imported. Export a shorter period, or longer bars (for example 1 hour instead of 1 minute), and import that file.',
  FILE_NOT_FOUND: 'Ballast could not find this file; it may have been moved or deleted. Nothing was imported. Choose the file again.',
  FILE_NOT_PERMITTED:
    'Ballast is not allowed to read this file. Nothing was imported. Copy it to a folder of your own, such as Documents, and choose the copy.',
  UNREADABLE_FILE:
    'Ballast could not read this file. Nothing was imported. Check that it is a CSV or JSON file that opens in a text editor, then choose it again.',
  NOT_JSON: 'This file starts like JSON but is not valid JSON; it may have been cut short. Nothing was imported. Export it again, or use a CSV file.',
  NOT_A_CANDLE_LIST:
    'This JSON file does not hold a list of bars. Nothing was imported. Ballast reads a list of bars, or an object with a "candles" or "data" list; each bar is a list [time, open, high, low, close, volume] or an object with those names.',
  MISSING_COLUMNS:
    'The header of this file (row {{row}}) has no column for: {{missing}}. Nothing was imported. Ballast needs columns named time (or timestamp, date, unix), open, high, low, close and volume; rename the header cells in a spreadsheet and import the file again.',
  INVALID_ROWS_one: '{{count}} row of this file could not be read. Nothing was imported. Correct or delete the row listed below, then import the file again.',
  INVALID_ROWS_other: '{{count}} rows of this file could not be read. Nothing was imported. Correct or delete the rows listed below, then import the file again.',
  IMPOSSIBLE_BARS_one:
    '{{count}} row of this file describes a bar no market can produce, such as a high below the low. Nothing was imported: a test on impossible prices could not be trusted. Correct or delete the row listed below, then import the file again.',
  IMPOSSIBLE_BARS_other:
    '{{count}} rows of this file describe bars no market can produce, such as a high below the low. Nothing was imported: a test on impossible prices could not be trusted. Correct or delete the rows listed below, then import the file again.',
  CONFLICTING_ROWS_one:
    '{{count}} row gives the time of an earlier row again, with different prices. Nothing was imported: Ballast cannot tell which of the two is right. Keep one row for that time, then import the file again.',
  CONFLICTING_ROWS_other:
    '{{count}} rows give the time of an earlier row again, with different prices. Nothing was imported: Ballast cannot tell which ones are right. Keep one row per time, then import the file again.',
  MIXED_TIMESTAMP_FORMATS:
    'This file writes some times as calendar dates and others as Unix numbers. Nothing was imported. Use one kind of time in the whole file, then import it again.',
  MIXED_DECIMAL_MARKS:
    'This file writes decimals with a comma in some rows and with a point in others, so a value like 1.234 could mean one thousand two hundred and thirty-four or just over one. Nothing was imported. Save the file again with one decimal mark throughout, then import it again.',

  // One line per bad row.
  ROW_UNCLOSED_QUOTE: 'Row {{row}}: a quotation mark opens a value but never closes it.',
  ROW_CELL_COUNT_DIFFERS:
    'Row {{row}}: has {{cells}} values but the header names {{expected}} columns. If your spreadsheet writes decimals with a comma (1234,56), save the file with semicolons between values instead of commas.',
  ROW_CELL_COUNT_CHANGES:
    'Row {{row}}: has {{cells}} values but row {{firstRow}} has {{expected}}. If your spreadsheet writes decimals with a comma (1234,56), save the file with semicolons between values instead of commas.',
  ROW_TOO_FEW_CELLS: 'Row {{row}}: has {{cells}} values; a bar needs at least {{expected}} (time, open, high, low, close, volume).',
  ROW_NOT_A_CANDLE: 'Row {{row}}: is neither a list of values nor an object with named values.',
  ROW_MISSING_FIELDS: 'Row {{row}}: has no value named {{missing}}.',
  TIME_EMPTY: 'Row {{row}}: the time is empty.',
  TIME_UNREADABLE: "Row {{row}}: the time '{{value}}' is neither a date like 2021-06-09 14:00 nor a Unix time.",
  TIME_IMPLAUSIBLE:
    "Row {{row}}: the time '{{value}}' is a number but not a Unix time Ballast can read: in seconds it has 10 digits, in milliseconds 13, in microseconds 16.",
  TIME_NOT_A_REAL_DATE: "Row {{row}}: '{{value}}' is not a real date and time.",
  TIME_DATE_AMONG_UNIX_TIMES: "Row {{row}}: the time '{{value}}' is a calendar date, but row {{firstRow}} gives its time as a Unix number.",
  TIME_UNIX_AMONG_DATES: "Row {{row}}: the time '{{value}}' is a Unix number, but row {{firstRow}} gives its time as a calendar date.",
  VALUE_EMPTY: 'Row {{row}}: the {{column}} is empty.',
  VALUE_MISSING: "Row {{row}}: the {{column}} is '{{value}}', which means no value.",
  VALUE_NOT_A_NUMBER: "Row {{row}}: the {{column}} '{{value}}' is not a number.",
  VALUE_NOT_FINITE: "Row {{row}}: the {{column}} '{{value}}' is not a finite number.",
  VALUE_COMMA_IN_COMMA_FILE:
    "Row {{row}}: the {{column}} '{{value}}' has a comma inside, in a file whose values are separated by commas, so Ballast cannot tell a decimal comma from a thousands separator. Save the file with a point as decimal mark, or with semicolons between values.",
  VALUE_THOUSANDS_SEPARATOR:
    "Row {{row}}: the {{column}} '{{value}}' has a thousands separator. Format the cells as plain numbers without separators, save the file, then import it again.",
  PRICE_NOT_POSITIVE: 'Row {{row}}: the {{column}} price is {{value}}; a price must be above zero.',
  VOLUME_NEGATIVE: 'Row {{row}}: the {{column}} is {{value}}; a volume cannot be negative.',
  HIGH_BELOW_LOW: 'Row {{row}}: the high ({{high}}) is below the low ({{low}}).',
  HIGH_BELOW_OPEN: 'Row {{row}}: the high ({{high}}) is below the open ({{open}}).',
  HIGH_BELOW_CLOSE: 'Row {{row}}: the high ({{high}}) is below the close ({{close}}).',
  LOW_ABOVE_OPEN: 'Row {{row}}: the low ({{low}}) is above the open ({{open}}).',
  LOW_ABOVE_CLOSE: 'Row {{row}}: the low ({{low}}) is above the close ({{close}}).',
  SAME_TIME_DIFFERENT_VALUES: 'Row {{row}}: gives the bar of {{time}} again, with different values from row {{otherRow}}.',
  DECIMAL_POINT_AMONG_COMMAS: "Row {{row}}: the {{column}} '{{value}}' has a decimal point, but row {{commaRow}} writes decimals with a comma.",
  MORE_ROW_PROBLEMS_one: '…and {{count}} more row with a problem.',
  MORE_ROW_PROBLEMS_other: '…and {{count}} more rows with a problem.',
  ROW_NUMBERS_FILE_LINES: 'Row numbers count the lines of the file as a spreadsheet shows them, the header included.',
  ROW_NUMBERS_LIST_ENTRIES: 'Row numbers count the entries of the list in the file, the first entry being row 1.',

  // What the importer changed or chose, shown with every import.
  SKIPPED_PREAMBLE_LINE: "Row {{row}} ('{{text}}') is a note above the header, not a bar; Ballast skipped it.",
  HEADERLESS_BINANCE_KLINES:
    "The file has no header. Its rows have 12 values, as Binance's kline files do, so Ballast read them in that order: open time, open, high, low, close, volume, close time, quote volume, and four it does not use.",
  HEADERLESS_OHLCV_ORDER:
    'The file has no header, so Ballast read each row in the order exchanges and ccxt use: time, open, high, low, close, volume. If your columns are in another order, add a header row naming them.',
  UNNAMED_TIME_COLUMN: 'The first column has no name (pandas writes its index this way); its values are times, so Ballast read it as the time of each bar.',
  VOLUME_COLUMNS_CHOSEN:
    "The file names its volumes after the coins. Ballast read '{{base}}' as the volume in the coin traded and '{{quote}}' as the volume in the currency it is priced in, the order CryptoDataDownload uses.",
  VOLUME_COLUMN_CHOSEN:
    "The file has no column named volume; Ballast read '{{base}}' as the volume in the coin traded. If that column counts the currency the coin is priced in, rename it quote_volume and add a volume column.",
  IGNORED_COLUMNS: 'Ballast did not use these columns: {{columns}}.',
  COMMA_DECIMALS:
    "The file writes decimals with a comma (1234,56), as spreadsheets in many European languages do. Its values are separated by '{{separator}}', so every comma could only be a decimal mark, and Ballast read it as one.",
  DATES_READ_AS_UTC:
    'The times in this file are dates without a time zone; Ballast read them as UTC, the zone exchanges export in. If they are in your local time, every bar is shifted by your difference from UTC.',
  MIXED_SECONDS_AND_MILLISECONDS:
    '{{secondRows}} rows give their time in Unix seconds and {{millisecondRows}} in Unix milliseconds. The size of each number tells its unit (10 digits for seconds, 13 for milliseconds), so Ballast read each one as what it is.',
  MICROSECOND_TIMESTAMPS_one: "{{count}} row gives its time in Unix microseconds (16 digits), as Binance's files do since 2025; Ballast read it in milliseconds.",
  MICROSECOND_TIMESTAMPS_other: "{{count}} rows give their time in Unix microseconds (16 digits), as Binance's files do since 2025; Ballast read them in milliseconds.",
  SORTED_ASCENDING: 'The file lists the newest bar first; Ballast put the bars in time order, oldest first.',
  ROWS_SORTED_BY_TIME_one: '{{count}} row came after a later bar; Ballast put all bars in time order.',
  ROWS_SORTED_BY_TIME_other: '{{count}} rows came after a later bar; Ballast put all bars in time order.',
  DUPLICATE_ROWS_MERGED_one: '{{count}} row repeated an earlier row exactly (the first one is row {{firstRow}}); Ballast kept that bar once.',
  DUPLICATE_ROWS_MERGED_other: '{{count}} rows repeated earlier rows exactly (the first one is row {{firstRow}}); Ballast kept each bar once.',
  GAPS_FOUND_one:
    '{{count}} gap in the data (missing bars in total: {{missingBars}}). Real price files have gaps when an exchange stops; Ballast never invents the missing bars.',
  GAPS_FOUND_other:
    '{{count}} gaps in the data (missing bars in total: {{missingBars}}). Real price files have gaps when an exchange stops; Ballast never invents the missing bars.',
  GAP_one: '1 bar missing between {{from}} and {{to}} (just before row {{row}}).',
  GAP_other: '{{count}} bars missing between {{from}} and {{to}} (just before row {{row}}).',
  MORE_GAPS_one: '…and {{count}} more gap.',
  MORE_GAPS_other: '…and {{count}} more gaps.',
} as const satisfies Record<string, string>;

export type MarketMessageKey = keyof typeof marketMessages;
