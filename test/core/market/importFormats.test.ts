import { describe, expect, it } from 'vitest';
import { describeImportReport, importCandlesFromCsv } from '../../../core/market/index.ts';
import { DAY_MS, HOUR_MS, failure, imported, notesOf } from './importSupport.ts';

/**
 * One test per kind of file people download, each a small fixture written by hand with the
 * exact header (or absence of one) of the real exports.
 */
describe('the files people actually have', () => {
  it('CryptoDataDownload: URL line, unix/date columns, coin-named volumes, newest first, seconds and milliseconds mixed, a repeated hour', () => {
    // Their Binance 1h export, cut to 02:00–05:00 on 2017-08-19. Newer rows give `unix` in ms,
    // older rows in seconds with ".0" and a 12-hour date; the 03:00 row appears twice.
    const text = [
      'https://www.CryptoDataDownload.com',
      'unix,date,symbol,open,high,low,close,Volume BTC,Volume USDT,tradecount',
      '1503118800000,2017-08-19 05:00:00,BTC/USDT,4108.01,4140.00,4092.79,4120.98,43.99,181383.96,NULL',
      '1503115200000,2017-08-19 04:00:00,BTC/USDT,4138.55,4154.00,4093.00,4108.01,23.31,96163.52,NULL',
      '1503111600.0,2017-08-19 03-AM,BTC/USDT,4156.39,4180,4103.52,4138.55,17.34,71698.58,NULL',
      '1503111600.0,2017-08-19 03-AM,BTC/USDT,4156.39,4180,4103.52,4138.55,17.34,71698.58,NULL',
      '1503108000.0,2017-08-19 02-AM,BTC/USDT,4148.53,4184,4148.53,4156.39,18.75,77993.68,NULL',
    ].join('\n');
    const value = imported(importCandlesFromCsv(text));
    const first = Date.UTC(2017, 7, 19, 2);
    expect(value.candles.map((candle) => candle.openTimeMs)).toEqual([first, first + HOUR_MS, first + 2 * HOUR_MS, first + 3 * HOUR_MS]);
    expect(value.candles[1]).toEqual({ openTimeMs: first + HOUR_MS, open: 4156.39, high: 4180, low: 4103.52, close: 4138.55, volumeBase: 17.34, quoteVolume: 71698.58 });
    expect(value.report).toMatchObject({ layout: 'cryptodatadownload', rowsRead: 5, bars: 4, gaps: [] });
    expect(value.wasDescending).toBe(true);
    // Rows: the URL is row 1, the header row 2, bars rows 3–7; rows 5–7 are in seconds, row 6 repeats row 5.
    expect(value.report.notes).toEqual([
      { code: 'SKIPPED_PREAMBLE_LINE', params: { row: 1, text: 'https://www.CryptoDataDownload.com' } },
      { code: 'VOLUME_COLUMNS_CHOSEN', params: { base: 'Volume BTC', quote: 'Volume USDT' } },
      { code: 'IGNORED_COLUMNS', params: { columns: 'date, symbol, tradecount' } },
      { code: 'MIXED_SECONDS_AND_MILLISECONDS', params: { secondRows: 3, millisecondRows: 2, firstSecondsRow: 5 } },
      { code: 'SORTED_ASCENDING', params: {} },
      { code: 'DUPLICATE_ROWS_MERGED', params: { count: 1, firstRow: 6 } },
    ]);
    expect(describeImportReport(value.report)).toEqual([
      "Row 1 ('https://www.CryptoDataDownload.com') is a note above the header, not a bar; Ballast skipped it.",
      "The file names its volumes after the coins. Ballast read 'Volume BTC' as the volume in the coin traded and 'Volume USDT' as the volume in the currency it is priced in, the order CryptoDataDownload uses.",
      'Ballast did not use these columns: date, symbol, tradecount.',
      '3 rows give their time in Unix seconds and 2 in Unix milliseconds. The size of each number tells its unit (10 digits for seconds, 13 for milliseconds), so Ballast read each one as what it is.',
      'The file lists the newest bar first; Ballast put the bars in time order, oldest first.',
      '1 row repeated an earlier row exactly (the first one is row 6); Ballast kept that bar once.',
    ]);
  });

  it('CryptoDataDownload, older header: "Unix Timestamp" and a single coin-named volume', () => {
    const text = [
      'https://www.CryptoDataDownload.com',
      'Unix Timestamp,Date,Symbol,Open,High,Low,Close,Volume',
      '1546300740000,2018-12-31 23:59:00,BTCUSD,3686.38,3692.35,3685.7,3692.35,4.1076909393',
      '1546300680000,2018-12-31 23:58:00,BTCUSD,3686.38,3686.38,3686.38,3686.38,0.005',
    ].join('\n');
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles.map((candle) => candle.openTimeMs)).toEqual([Date.UTC(2018, 11, 31, 23, 58), Date.UTC(2018, 11, 31, 23, 59)]);
    expect(value).toMatchObject({ timeframe: '1m', report: { layout: 'cryptodatadownload' } });
  });

  it("Binance's public kline CSV (data.binance.vision): no header, 12 columns, open time in milliseconds", () => {
    // BTCUSDT-1h-2020-09.csv: open time, OHLC, volume, close time, quote volume, trades, taker buy base/quote, ignore.
    const text = [
      '1598918400000,11649.51000000,11668.50000000,11515.00000000,11612.21000000,4218.96656600,1598921999999,48937901.36691901,65073,2086.41288000,24210093.21574511,0',
      '1598922000000,11612.22000000,11639.47000000,11585.03000000,11629.09000000,1427.18971500,1598925599999,16577635.40847953,30580,704.09873800,8179104.88717320,0',
    ].join('\n');
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles[0]).toEqual({ openTimeMs: Date.UTC(2020, 8, 1), open: 11649.51, high: 11668.5, low: 11515, close: 11612.21, volumeBase: 4218.966566, quoteVolume: 48937901.36691901 });
    expect(value).toMatchObject({ timeframe: '1h', timestampFormat: 'unix-milliseconds', report: { layout: 'binance-klines' } });
    expect(notesOf(value)).toEqual({ HEADERLESS_BINANCE_KLINES: {} });
  });

  it("Binance's public kline CSV from 2025 on: open and close times in microseconds", () => {
    // BTCUSDT-1h-2025-01.csv starts at 2025-01-01 00:00 UTC = 1735689600 s.
    const text = [
      '1735689600000000,93576.00000000,94509.42000000,93489.03000000,94401.14000000,755.99010000,1735693199999999,71016189.65420070,143071,424.38020000,39860737.28540950,0',
      '1735693200000000,94401.13000000,94509.98000000,93972.99000000,94037.33000000,433.24310000,1735696799999999,40832569.05961640,97813,197.10620000,18577283.94283780,0',
    ].join('\n');
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles.map((candle) => candle.openTimeMs)).toEqual([Date.UTC(2025, 0, 1, 0), Date.UTC(2025, 0, 1, 1)]);
    expect(value.timestampFormat).toBe('unix-microseconds');
    expect(notesOf(value)).toEqual({ HEADERLESS_BINANCE_KLINES: {}, MICROSECOND_TIMESTAMPS: { count: 2 } });
  });

  it("Binance's futures kline CSV, which has a header with open_time and quote_volume", () => {
    const text = [
      'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore',
      '1598918400000,11649.51,11668.50,11515.00,11612.21,4218.966,1598921999999,48937901.37,65073,2086.413,24210093.22,0',
    ].join('\n');
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles[0]).toMatchObject({ openTimeMs: Date.UTC(2020, 8, 1), close: 11612.21, volumeBase: 4218.966, quoteVolume: 48937901.37 });
    expect(notesOf(value)).toEqual({ IGNORED_COLUMNS: { columns: 'close_time, count, taker_buy_volume, taker_buy_quote_volume, ignore' } });
  });

  it("an exchange export in ccxt's own column order: [timestamp, open, high, low, close, volume], no header", () => {
    const text = '1577836800000,7195.24,7196.25,7178.64,7179.78,95.509133\n1577840400000,7179.76,7191.77,7170.15,7174.33,81.449817\n';
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles[1]).toEqual({ openTimeMs: Date.UTC(2020, 0, 1, 1), open: 7179.76, high: 7191.77, low: 7170.15, close: 7174.33, volumeBase: 81.449817 });
    expect(value.report.layout).toBe('ohlcv-order');
    expect(notesOf(value)).toEqual({ HEADERLESS_OHLCV_ORDER: {} });
  });

  it('a pandas DataFrame saved with to_csv(): an unnamed first column of dates, capitalised names, daily bars', () => {
    const text = [
      ',Open,High,Low,Close,Volume',
      '2020-01-01,7195.24,7255.0,7175.15,7200.85,16792.388165',
      '2020-01-02,7200.77,7212.5,6924.74,6965.71,31951.483932',
      '2020-01-03,6965.49,7405.0,6871.04,7344.96,68428.500451',
    ].join('\n');
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles.map((candle) => candle.openTimeMs)).toEqual([Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 3)]);
    expect(value.candles[2]?.close).toBe(7344.96);
    expect(value).toMatchObject({ timeframe: '1d', report: { layout: 'pandas-index', barMs: DAY_MS } });
    expect(notesOf(value)).toEqual({ UNNAMED_TIME_COLUMN: {}, DATES_READ_AS_UTC: {} });
  });

  it('skips at most three note lines above the header; a fourth means the file has no header Ballast can read', () => {
    const body = 'timestamp,open,high,low,close,volume\n1577836800000,1,2,0.5,1.5,10\n';
    expect(imported(importCandlesFromCsv(`Exported prices\nBTC/USDT\n\nhourly\n${body}`)).report.notes.map((note) => note.params)).toEqual([
      { row: 1, text: 'Exported prices' },
      { row: 2, text: 'BTC/USDT' },
      { row: 4, text: 'hourly' },
    ]);
    expect(failure(importCandlesFromCsv(`a\nb\nc\nd\n${body}`))).toMatchObject({ code: 'MISSING_COLUMNS', params: { row: 4 } });
  });

  it('a pandas file whose unnamed first column is the row counter: the named time column wins', () => {
    const text = ',timestamp,open,high,low,close,volume\n0,1577836800000,1,2,0.5,1.5,10\n1,1577923200000,1,2,0.5,1.5,10\n';
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles.map((candle) => candle.openTimeMs)).toEqual([Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 2)]);
    expect(value.report.layout).toBe('named-columns');
  });

  it('daily bars from a finance site: Date, Adj Close, with a weekend gap reported and not filled', () => {
    const text = [
      'Date,Open,High,Low,Close,Adj Close,Volume',
      '2020-01-02,7202.55,7212.16,6935.27,6985.47,6985.47,20802083465',
      '2020-01-03,6984.43,7413.72,6914.00,7344.88,7344.88,28111481032',
      '2020-01-06,7410.45,7781.87,7409.29,7769.22,7769.22,23276261598',
    ].join('\n');
    const value = imported(importCandlesFromCsv(text));
    expect(value.timeframe).toBe('1d');
    // 01-03 → 01-06 is 3 days: 2 daily bars missing, before row 4 of the file.
    expect(value.report.gaps).toEqual([{ afterOpenTimeMs: Date.UTC(2020, 0, 3), openTimeMs: Date.UTC(2020, 0, 6), missingBars: 2, row: 4 }]);
    expect(value.candles).toHaveLength(3);
    expect(notesOf(value)).toMatchObject({ IGNORED_COLUMNS: { columns: 'Adj Close' } });
  });

  it('a European spreadsheet: semicolons between values, decimal commas', () => {
    const text = ['timestamp;open;high;low;close;volume', '1577836800000;7195,24;7255;7175,15;7200,85;16792,388165', '1577923200000;7200,77;7212,5;6924,74;6965,71;31951,483932'].join('\r\n');
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles[0]).toEqual({ openTimeMs: Date.UTC(2020, 0, 1), open: 7195.24, high: 7255, low: 7175.15, close: 7200.85, volumeBase: 16792.388165 });
    expect(value.report.notes).toEqual([{ code: 'COMMA_DECIMALS', params: { separator: ';' } }]);
  });

  it('decimal commas without a header, and with tabs between values', () => {
    const semicolons = imported(importCandlesFromCsv('1577836800000;7195,24;7255;7175,15;7200,85;16792,388165\n'));
    expect(semicolons.candles[0]?.open).toBe(7195.24);
    expect(notesOf(semicolons)).toEqual({ HEADERLESS_OHLCV_ORDER: {}, COMMA_DECIMALS: { separator: ';' } });
    const tabs = imported(importCandlesFromCsv('time\topen\thigh\tlow\tclose\tvolume\n2020-01-01T00:00:00Z\t7195,24\t7255\t7175,15\t7200,85\t16792,388165\n'));
    expect(tabs.candles[0]?.low).toBe(7175.15);
    expect(notesOf(tabs)).toEqual({ COMMA_DECIMALS: { separator: 'tab' } });
  });

  it('refuses a file that writes decimals with a comma in one row and a point in another, with what to do', () => {
    const text = ['timestamp;open;high;low;close;volume', '1577836800000;7195,24;7255;7175,15;7200,85;16792', '1577923200000;7200.77;7212.5;6924.74;6965.71;31951'].join('\n');
    const error = failure(importCandlesFromCsv(text));
    expect(error.code).toBe('MIXED_DECIMAL_MARKS');
    expect(error.rowProblems).toEqual([{ code: 'DECIMAL_POINT_AMONG_COMMAS', params: { row: 3, column: 'open', value: '7200.77', commaRow: 2 } }]);
    expect(error.message).toContain('Save the file again with one decimal mark throughout');
  });

  it('a newest-first file is turned around; a shuffled one is sorted, and both are reported', () => {
    const start = Date.UTC(2020, 0, 1);
    const row = (hour: number): string => `${start + hour * HOUR_MS},${hour + 1},${hour + 2},${hour + 0.5},${hour + 1.5},10`;
    const header = 'timestamp,open,high,low,close,volume';
    const newestFirst = imported(importCandlesFromCsv([header, row(2), row(1), row(0)].join('\n')));
    expect(newestFirst.candles.map((candle) => candle.open)).toEqual([1, 2, 3]);
    expect(newestFirst.report.notes).toEqual([{ code: 'SORTED_ASCENDING', params: {} }]);
    const shuffled = imported(importCandlesFromCsv([header, row(0), row(3), row(1), row(2)].join('\n')));
    expect(shuffled.candles.map((candle) => candle.open)).toEqual([1, 2, 3, 4]);
    // Rows for hours 1 and 2 both come after the hour-3 row.
    expect(shuffled.report.notes).toEqual([{ code: 'ROWS_SORTED_BY_TIME', params: { count: 2 } }]);
    expect(shuffled.wasDescending).toBe(false);
  });
});
