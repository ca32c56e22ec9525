import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_LISTED_PROBLEMS,
  importCandlesFromCsv,
  importCandlesFromCsvFile,
  type ImportResult,
  type ImportedCandles,
} from '../../../core/market/index.ts';
import { sharedDataPath } from '../../support/sharedData.ts';

const H0 = Date.UTC(2020, 0, 1, 0);
const H1 = Date.UTC(2020, 0, 1, 1);
const H2 = Date.UTC(2020, 0, 1, 2);

function imported(result: ImportResult): ImportedCandles {
  if (!result.ok) throw new Error(`expected success, got ${result.error.message} ${result.error.problems.join(' | ')}`);
  return result.value;
}

function failure(result: ImportResult): Extract<ImportResult, { ok: false }>['error'] {
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
}

describe('importCandlesFromCsv', () => {
  it('reads a file with a header in millisecond timestamps', () => {
    const text = 'timestamp,open,high,low,close,volume\n' + `${H0},1,2,0.5,1.5,10\n${H1},1.5,2,1,1.2,11\n`;
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles).toEqual([
      { openTimeMs: H0, open: 1, high: 2, low: 0.5, close: 1.5, volumeBase: 10 },
      { openTimeMs: H1, open: 1.5, high: 2, low: 1, close: 1.2, volumeBase: 11 },
    ]);
    expect(value).toMatchObject({ timestampFormat: 'unix-milliseconds', wasDescending: false, timeframe: '1h' });
  });

  it('reads a file without a header in kline column order, with second timestamps', () => {
    const text = `${H0 / 1000},1,2,0.5,1.5,10,999\n${H1 / 1000},1.5,2,1,1.2,11,999\n`;
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles.map((candle) => candle.openTimeMs)).toEqual([H0, H1]);
    expect(value.timestampFormat).toBe('unix-seconds');
  });

  it('finds columns by name in any order and with other names, and reads the quote volume', () => {
    const text = 'Volume,Close,Low,High,Open,Date,Quote Asset Volume\n10,1.5,0.5,2,1,2020-01-01 00:00:00,15\n';
    expect(imported(importCandlesFromCsv(text)).candles).toEqual([{ openTimeMs: H0, open: 1, high: 2, low: 0.5, close: 1.5, volumeBase: 10, quoteVolume: 15 }]);
  });

  it('turns a newest-first file around and says so', () => {
    const text = `open_time,open,high,low,close,volume\n${H2},3,3,3,3,1\n${H1},2,2,2,2,1\n${H0},1,1,1,1,1\n`;
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles.map((candle) => candle.openTimeMs)).toEqual([H0, H1, H2]);
    expect(value.wasDescending).toBe(true);
  });

  it('copes with CRLF line ends, a byte-order mark, quoted cells, blank lines and semicolons', () => {
    const text = '\uFEFFtime;open;high;low;close;volume\r\n"2020-01-01T00:00:00Z";"1";2;0.5;1.5;10\r\n\r\n';
    expect(imported(importCandlesFromCsv(text)).candles).toHaveLength(1);
  });

  it("names the row and the column of a value that is not a number: Row 3: 'high' is not a number ('abc')", () => {
    const text = `timestamp,open,high,low,close,volume\n${H0},1,2,0.5,1.5,10\n${H1},1,abc,0.5,1.5,10\n`;
    const error = failure(importCandlesFromCsv(text));
    expect(error.code).toBe('INVALID_ROWS');
    expect(error.problems).toEqual(["Row 3: 'high' is not a number ('abc')"]);
    expect(error.message).toBe('1 problem was found in the file, so nothing was imported.');
  });

  it('lists every problem of a row and of the file, capped with a count of the rest', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${H0 + i * 3_600_000},x,2,0.5,1.5,`);
    const error = failure(importCandlesFromCsv(['timestamp,open,high,low,close,volume', ...rows].join('\n')));
    expect(error.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(error.problems.slice(0, 2)).toEqual(["Row 2: 'open' is not a number ('x')", "Row 2: 'volume' is empty"]);
    expect(error.moreProblems).toBe(60 - MAX_LISTED_PROBLEMS);
  });

  it.each([
    ['0x10', 'hex'],
    ['Infinity', 'infinite'],
    ['1,5', 'decimal comma (splits the row)'],
    ['nan', 'a missing marker in a required column'],
  ])("refuses the price '%s' (%s)", (price) => {
    const text = `timestamp,open,high,low,close,volume\n${H0},${price},2,0.5,1.5,10\n`;
    expect(importCandlesFromCsv(text).ok).toBe(false);
  });

  it("accepts 'nan' in the optional quote volume as 'not reported'", () => {
    const text = `timestamp,open,high,low,close,volume,quote_volume\n${H0},1,2,0.5,1.5,10,nan\n`;
    expect(imported(importCandlesFromCsv(text)).candles[0]).not.toHaveProperty('quoteVolume');
  });

  it('refuses an empty file, a blank file and a header without rows', () => {
    expect(failure(importCandlesFromCsv('')).code).toBe('EMPTY_FILE');
    expect(failure(importCandlesFromCsv('\n \n')).code).toBe('EMPTY_FILE');
    expect(failure(importCandlesFromCsv('timestamp,open,high,low,close,volume\n')).code).toBe('EMPTY_FILE');
  });

  it('refuses mixed timestamp formats, naming the row', () => {
    const text = `timestamp,open,high,low,close,volume\n${H0},1,2,0.5,1.5,10\n${H1 / 1000},1,2,0.5,1.5,10\n`;
    const error = failure(importCandlesFromCsv(text));
    expect(error.code).toBe('MIXED_TIMESTAMP_FORMATS');
    expect(error.problems).toEqual([`Row 3: the time '${H1 / 1000}' is in Unix seconds but row 2 uses Unix milliseconds`]);
  });

  it('refuses a header missing a needed column, naming it', () => {
    const error = failure(importCandlesFromCsv('timestamp,open,high,close,volume\n1,2,3,4,5\n'));
    expect(error.code).toBe('MISSING_COLUMNS');
    expect(error.message).toMatch(/'low' not found/);
  });

  it('refuses rows out of order or repeated rather than sorting them silently', () => {
    const unordered = failure(importCandlesFromCsv(`${H0},1,1,1,1,1\n${H2},1,1,1,1,1\n${H1},1,1,1,1,1\n`));
    expect(unordered.code).toBe('UNORDERED_ROWS');
    expect(unordered.problems).toEqual(['Row 3: is out of order: its time comes before row 2 in a file sorted oldest first']);
    const repeated = failure(importCandlesFromCsv(`${H0},1,1,1,1,1\n${H0},1,1,1,1,1\n`));
    expect(repeated.problems).toEqual(['Row 2: has the same time as row 1']);
  });

  it('refuses a row whose cell count differs from the header, so a decimal comma cannot shift columns', () => {
    const error = failure(importCandlesFromCsv(`timestamp,open,high,low,close,volume\n${H0},1,5,2,0.5,1.5,10\n`));
    expect(error.problems).toEqual(['Row 2: has 7 value(s) but the header names 6 columns']);
  });

  it('refuses a row with too few values and an unclosed quote', () => {
    const error = failure(importCandlesFromCsv(`${H0},1,1,1,1\n${H1},"1,1,1,1,1\n`));
    expect(error.problems).toEqual(['Row 1: has 5 value(s), expected at least 6', 'Row 2: has an unclosed quote']);
  });

  it('reports a file that cannot be read as an import error, not a crash', async () => {
    const error = failure(await importCandlesFromCsvFile(join(tmpdir(), 'ballast-no-such-file.csv')));
    expect(error.code).toBe('UNREADABLE_FILE');
  });

  it('streams a file from disk with the same result as the text import', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ballast-csv-')), 'candles.csv');
    const text = `${H0},1,2,0.5,1.5,10\n${H1},1.5,2,1,1.2,11`;
    writeFileSync(path, text);
    expect(await importCandlesFromCsvFile(path)).toEqual(importCandlesFromCsv(text));
  });
});

describe('importCandlesFromCsv on the real files', () => {
  it.each([
    ['ohlcv/binance_BTCUSDT_1h_2017-08-17_2021-06-09.csv', 33_411, '1h', 'unix-milliseconds'],
    ['ohlcv/binance_ETHUSDT_1h_2017-08-17_2021-06-09.csv', 33_411, '1h', 'unix-milliseconds'],
    ['ohlcv/binance_BTCUSDT_1d_2017-08-17_2021-06-10.csv', 1_394, '1d', 'unix-milliseconds'],
    ['ohlcv/basana_binance_btcusdt_day_2020.csv', 366, '1d', 'iso-8601'],
    ['ohlcv/basana_bitstamp_btcusd_min_2020_01_01.csv', 1_440, '1m', 'iso-8601'],
  ] as const)('imports %s completely', async (file, rows, timeframe, format) => {
    const value = imported(await importCandlesFromCsvFile(sharedDataPath(file)));
    expect(value.candles).toHaveLength(rows);
    expect(value.timeframe).toBe(timeframe);
    expect(value.timestampFormat).toBe(format);
  });

  it('keeps the first BTC/USDT hour exactly as written, quote volume included', async () => {
    const value = imported(await importCandlesFromCsvFile(sharedDataPath('ohlcv/binance_BTCUSDT_1h_2017-08-17_2021-06-09.csv')));
    expect(value.candles[0]).toEqual({ openTimeMs: 1502946000000, open: 4308.83, high: 4328.69, low: 4291.37, close: 4315.32, volumeBase: 23.23, quoteVolume: 100304.82 });
  });

  it('imports the 33,411-row file in well under a second', async () => {
    const started = performance.now();
    imported(await importCandlesFromCsvFile(sharedDataPath('ohlcv/binance_BTCUSDT_1h_2017-08-17_2021-06-09.csv')));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
