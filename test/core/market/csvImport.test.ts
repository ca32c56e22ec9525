import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCandlesFromCsv, importCandlesFromCsvFile, type ImportResult } from '../../../core/market/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../support/sharedData.ts';
import { H0, HOUR_MS, failure, imported, notesOf, rowCodes } from './importSupport.ts';

const H1 = H0 + HOUR_MS;

describe('importCandlesFromCsv', () => {
  it('reads a file with a header in millisecond timestamps', () => {
    const text = 'timestamp,open,high,low,close,volume\n' + `${H0},1,2,0.5,1.5,10\n${H1},1.5,2,1,1.2,11\n`;
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles).toEqual([
      { openTimeMs: H0, open: 1, high: 2, low: 0.5, close: 1.5, volumeBase: 10 },
      { openTimeMs: H1, open: 1.5, high: 2, low: 1, close: 1.2, volumeBase: 11 },
    ]);
    expect(value).toMatchObject({ timestampFormat: 'unix-milliseconds', wasDescending: false, timeframe: '1h' });
    expect(value.report).toEqual({ layout: 'named-columns', rowsRead: 2, bars: 2, barMs: HOUR_MS, notes: [], gaps: [], missingBars: 0 });
  });

  it('finds columns by name in any order and with other names, and reads the quote volume', () => {
    const text = 'Volume,Close,Low,High,Open,Date,Quote Asset Volume\n10,1.5,0.5,2,1,2020-01-01 00:00:00,15\n';
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles).toEqual([{ openTimeMs: H0, open: 1, high: 2, low: 0.5, close: 1.5, volumeBase: 10, quoteVolume: 15 }]);
    expect(notesOf(value)).toEqual({ DATES_READ_AS_UTC: {} });
  });

  it('copes with CRLF line ends, a byte-order mark, quoted cells, blank lines and semicolons', () => {
    const text = '\uFEFFtime;open;high;low;close;volume\r\n"2020-01-01T00:00:00Z";"1";2;0.5;1.5;10\r\n\r\n';
    expect(imported(importCandlesFromCsv(text)).candles).toEqual([{ openTimeMs: H0, open: 1, high: 2, low: 0.5, close: 1.5, volumeBase: 10 }]);
  });

  it('accepts a trailing separator at the end of rows, which adds only empty cells', () => {
    const text = `timestamp,open,high,low,close,volume\n${H0},1,2,0.5,1.5,10,\n`;
    expect(imported(importCandlesFromCsv(text)).candles).toHaveLength(1);
  });

  it("names the row (a line of the file, header = row 1) and the column: Row 3: the high 'abc' is not a number", () => {
    const text = `timestamp,open,high,low,close,volume\n${H0},1,2,0.5,1.5,10\n${H1},1,abc,0.5,1.5,10\n`;
    const error = failure(importCandlesFromCsv(text));
    expect(error.code).toBe('INVALID_ROWS');
    expect(error.rowProblems).toEqual([{ code: 'VALUE_NOT_A_NUMBER', params: { row: 3, column: 'high', value: 'abc' } }]);
    expect(error.problems).toEqual(["Row 3: the high 'abc' is not a number."]);
    expect(error.message).toBe('1 row of this file could not be read. Nothing was imported. Correct or delete the row listed below, then import the file again.');
  });

  it.each([
    ['0x10', 'VALUE_NOT_A_NUMBER'],
    ['Infinity', 'VALUE_NOT_FINITE'],
    ['1e999', 'VALUE_NOT_FINITE'],
    ['nan', 'VALUE_MISSING'],
    ['', 'VALUE_EMPTY'],
    ['"1,5"', 'VALUE_COMMA_IN_COMMA_FILE'],
    ['"1,234.50"', 'VALUE_THOUSANDS_SEPARATOR'],
  ])("refuses the open price %s with %s", (price, code) => {
    const text = `timestamp,open,high,low,close,volume\n${H0},${price},2,0.5,1.5,10\n`;
    expect(rowCodes(failure(importCandlesFromCsv(text)))).toEqual([[2, code]]);
  });

  it('refuses an unquoted decimal comma in a comma-separated file, with a hint to use semicolons', () => {
    const error = failure(importCandlesFromCsv(`timestamp,open,high,low,close,volume\n${H0},1,5,2,0.5,1.5,10\n`));
    expect(error.rowProblems).toEqual([{ code: 'ROW_CELL_COUNT_DIFFERS', params: { row: 2, cells: 7, expected: 6 } }]);
    expect(error.problems[0]).toMatch(/save the file with semicolons between values/);
  });

  it('refuses a header-less comma file whose rows change length, as unquoted decimal commas make them do', () => {
    const text = `${H0},7195,24,7255,7175,15,7200,85,16792\n${H1},7200,7212,6924,6965,31951\n`;
    const error = failure(importCandlesFromCsv(text));
    // Row 1 split into 9 cells, so its "high" is the 24 of 7195,24: refused as impossible too.
    expect(error.rowProblems).toEqual([
      { code: 'HIGH_BELOW_LOW', params: { row: 1, high: 24, low: 7255 } },
      { code: 'ROW_CELL_COUNT_CHANGES', params: { row: 2, cells: 6, expected: 9, firstRow: 1 } },
    ]);
    expect(error.problems[1]).toMatch(/^Row 2: has 6 values but row 1 has 9\. .*semicolons/);
  });

  it("accepts 'nan' or an empty cell in the optional quote volume as 'not reported'", () => {
    const text = `timestamp,open,high,low,close,volume,quote_volume\n${H0},1,2,0.5,1.5,10,nan\n${H1},1,2,0.5,1.5,10,\n`;
    const [first, second] = imported(importCandlesFromCsv(text)).candles;
    expect(first).not.toHaveProperty('quoteVolume');
    expect(second).not.toHaveProperty('quoteVolume');
  });

  it('refuses an empty file, a blank file and a header without rows, each with its own code', () => {
    expect(failure(importCandlesFromCsv('')).code).toBe('EMPTY_FILE');
    expect(failure(importCandlesFromCsv('\n \n')).code).toBe('EMPTY_FILE');
    expect(failure(importCandlesFromCsv('timestamp,open,high,low,close,volume\n')).code).toBe('NO_CANDLE_ROWS');
  });

  it('refuses a file that mixes calendar dates and Unix times, naming both rows', () => {
    const text = `timestamp,open,high,low,close,volume\n${H0},1,2,0.5,1.5,10\n2020-01-01T01:00:00Z,1,2,0.5,1.5,10\n`;
    const error = failure(importCandlesFromCsv(text));
    expect(error.code).toBe('MIXED_TIMESTAMP_FORMATS');
    expect(error.problems).toEqual(["Row 3: the time '2020-01-01T01:00:00Z' is a calendar date, but row 2 gives its time as a Unix number."]);
  });

  it('refuses a header missing a needed column, naming it and the header row', () => {
    const error = failure(importCandlesFromCsv('timestamp,open,high,close,volume\n1,2,3,4,5\n'));
    expect(error.code).toBe('MISSING_COLUMNS');
    expect(error.params).toMatchObject({ row: 1, missing: 'low' });
    expect(error.message).toMatch(/^The header of this file \(row 1\) has no column for: low\. Nothing was imported\./);
  });

  it('refuses a row with too few values and an unclosed quote', () => {
    const error = failure(importCandlesFromCsv(`${H0},1,1,1,1\n${H1},"1,1,1,1,1\n`));
    expect(error.problems).toEqual([
      'Row 1: has 5 values; a bar needs at least 6 (time, open, high, low, close, volume).',
      'Row 2: a quotation mark opens a value but never closes it.',
    ]);
  });

  it('lists one problem per bad row, the first 20 by row, and counts the rest', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${H0 + i * HOUR_MS},x,2,0.5,1.5,`);
    const error = failure(importCandlesFromCsv(['timestamp,open,high,low,close,volume', ...rows].join('\n')));
    // Rows 2..31 are bad; each is listed once (its first problem), rows 2..21 listed, 10 more counted.
    expect(error.rowProblems.map((problem) => problem.params.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(error.rowProblems.every((problem) => problem.code === 'VALUE_NOT_A_NUMBER')).toBe(true);
    expect(error.moreProblems).toBe(10);
    expect(error.params).toEqual({ count: 30 });
  });

  it('reads a header-less file in the order exchanges and ccxt use, and says it did', () => {
    const text = `${H0 / 1000},1,2,0.5,1.5,10,999\n${H1 / 1000},1.5,2,1,1.2,11,999\n`;
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles.map((candle) => candle.openTimeMs)).toEqual([H0, H1]);
    expect(value.timestampFormat).toBe('unix-seconds');
    expect(value.report.layout).toBe('ohlcv-order');
    expect(notesOf(value)).toEqual({ HEADERLESS_OHLCV_ORDER: {} });
  });
});

describe('importCandlesFromCsvFile', () => {
  const folders: string[] = [];
  const folder = (): string => {
    const made = mkdtempSync(join(tmpdir(), 'ballast-csv-'));
    folders.push(made);
    return made;
  };
  afterEach(() => {
    for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
  });

  it('reports a missing file and a folder as import errors with no path or system wording', async () => {
    const missing = failure(await importCandlesFromCsvFile(join(tmpdir(), 'ballast-no-such-file.csv')));
    expect(missing.code).toBe('FILE_NOT_FOUND');
    expect(missing.message).not.toMatch(/ENOENT|tmp|open '/);
    expect(failure(await importCandlesFromCsvFile(folder())).code).toBe('UNREADABLE_FILE');
  });

  it('streams a file from disk with the same result as the text import', async () => {
    const path = join(folder(), 'candles.csv');
    const text = `https://www.CryptoDataDownload.com\nunix,date,symbol,open,high,low,close,Volume BTC,Volume USDT,tradecount\n${H1},x,BTC/USDT,1.5,2,1,1.2,11,13,5\n${H0 / 1000}.0,x,BTC/USDT,1,2,0.5,1.5,10,15,NULL`;
    writeFileSync(path, text);
    expect(await importCandlesFromCsvFile(path)).toEqual(importCandlesFromCsv(text));
  });
});

describe('importCandlesFromCsv on the real files', () => {
  let btc: Promise<ImportResult> | null = null;
  const btcHourly = (): Promise<ImportResult> => (btc ??= importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV)));

  it.each([
    [BTC_USDT_1H_CSV, 33_411, '1h', 'unix-milliseconds', 8, 16],
    ['ohlcv/binance_ETHUSDT_1h_2017-08-17_2021-06-09.csv', 33_411, '1h', 'unix-milliseconds', 8, 16],
    ['ohlcv/binance_BTCUSDT_1d_2017-08-17_2021-06-10.csv', 1_394, '1d', 'unix-milliseconds', 0, 0],
    ['ohlcv/basana_binance_btcusdt_day_2020.csv', 366, '1d', 'iso-8601', 0, 0],
    ['ohlcv/basana_bitstamp_btcusd_min_2020_01_01.csv', 1_440, '1m', 'iso-8601', 0, 0],
  ] as const)('imports %s completely (%i bars of %s, %s) with %i gaps, %i bars missing', async (file, rows, timeframe, format, gaps, missing) => {
    const value = imported(await (file === BTC_USDT_1H_CSV ? btcHourly() : importCandlesFromCsvFile(sharedDataPath(file))));
    expect(value.candles).toHaveLength(rows);
    expect(value.timeframe).toBe(timeframe);
    expect(value.timestampFormat).toBe(format);
    expect(value.report.gaps).toHaveLength(gaps);
    expect(value.report.missingBars).toBe(missing);
  });

  it('keeps the first BTC/USDT hour exactly as written, quote volume included', async () => {
    const value = imported(await btcHourly());
    expect(value.candles[0]).toEqual({ openTimeMs: 1502946000000, open: 4308.83, high: 4328.69, low: 4291.37, close: 4315.32, volumeBase: 23.23, quoteVolume: 100304.82 });
  });

  it('reports the BTC/USDT gaps by time and by the file row after each, counting like a spreadsheet', async () => {
    const { report } = imported(await btcHourly());
    // 2017-09-22 19:00 → 2017-09-23 00:00 is 5 h, so 4 bars are missing; the 00:00 bar is line 881
    // of the file (line 1 is the header, so it is the 880th bar).
    expect(report.gaps[0]).toEqual({ afterOpenTimeMs: Date.UTC(2017, 8, 22, 19), openTimeMs: Date.UTC(2017, 8, 23, 0), missingBars: 4, row: 881 });
    expect(report.notes).toEqual([{ code: 'IGNORED_COLUMNS', params: { columns: 'datetime_utc, trade_count' } }]);
  });
});
