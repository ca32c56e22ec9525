import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeImportProblem, importCandlesFromJson, importCandlesFromJsonFile } from '../../../core/market/index.ts';
import { H0, HOUR_MS, failure, imported, notesOf } from './importSupport.ts';

const H1 = H0 + HOUR_MS;

describe('importCandlesFromJson', () => {
  it("reads Binance's raw klines (12 values, numeric strings), quote volume included", () => {
    const klines = [
      [H0, '1.0', '2.0', '0.5', '1.5', '10', H1 - 1, '15', 3, '5', '7.5', '0'],
      [H1, '1.5', '2.0', '1.0', '1.2', '11', H1 + 3_599_999, '13', 4, '5', '6', '0'],
    ];
    const value = imported(importCandlesFromJson(JSON.stringify(klines)));
    expect(value.candles).toEqual([
      { openTimeMs: H0, open: 1, high: 2, low: 0.5, close: 1.5, volumeBase: 10, quoteVolume: 15 },
      { openTimeMs: H1, open: 1.5, high: 2, low: 1, close: 1.2, volumeBase: 11, quoteVolume: 13 },
    ]);
    expect(value).toMatchObject({ timestampFormat: 'unix-milliseconds', wasDescending: false, timeframe: '1h' });
    expect(value.report.layout).toBe('json-lists');
    expect(notesOf(value)).toEqual({ HEADERLESS_BINANCE_KLINES: {} });
  });

  it("reads ccxt's fetchOHLCV lists [timestamp, open, high, low, close, volume]", () => {
    const value = imported(importCandlesFromJson(JSON.stringify([[H0, 1, 2, 0.5, 1.5, 10]])));
    expect(value.candles).toEqual([{ openTimeMs: H0, open: 1, high: 2, low: 0.5, close: 1.5, volumeBase: 10 }]);
    expect(notesOf(value)).toEqual({ HEADERLESS_OHLCV_ORDER: {} });
  });

  it('reads named objects wrapped in a "candles" list, newest first, and says it turned them around', () => {
    const document = {
      candles: [
        { time: '2020-01-01T01:00:00Z', open: 1.5, high: 2, low: 1, close: 1.2, volume: 11, quote_volume: 13 },
        { time: '2020-01-01T00:00:00Z', open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, quote_volume: 15 },
      ],
    };
    const value = imported(importCandlesFromJson(JSON.stringify(document)));
    expect(value.candles.map((candle) => [candle.openTimeMs, candle.quoteVolume])).toEqual([
      [H0, 15],
      [H1, 13],
    ]);
    expect(value.report.layout).toBe('json-objects');
    expect(notesOf(value)).toEqual({ SORTED_ASCENDING: {} });
  });

  it('numbers bad entries from 1 and names the field, one problem per entry', () => {
    const rows = [[H0, 1, 2, 0.5, 1.5, 10], [H1, 1, 'abc', 0.5, 1.5, 10], 'nonsense', [H1, 1, 2], { time: H1, open: 1 }];
    const error = failure(importCandlesFromJson(JSON.stringify(rows)));
    expect(error.rowNumbering).toBe('list-entries');
    expect(error.problems).toEqual([
      "Row 2: the high 'abc' is not a number.",
      'Row 3: is neither a list of values nor an object with named values.',
      'Row 4: has 3 values; a bar needs at least 6 (time, open, high, low, close, volume).',
      'Row 5: has no value named high, low, close, volume.',
    ]);
    expect(describeImportProblem(error).split('\n').at(-1)).toBe('Row numbers count the entries of the list in the file, the first entry being row 1.');
  });

  it('refuses null prices, empty files, invalid JSON and the wrong shape, without the parser\'s own wording', () => {
    expect(failure(importCandlesFromJson(JSON.stringify([[H0, null, 2, 0.5, 1.5, 10]]))).problems).toEqual(['Row 1: the open is empty.']);
    expect(failure(importCandlesFromJson('  ')).code).toBe('EMPTY_FILE');
    expect(failure(importCandlesFromJson('[]')).code).toBe('NO_CANDLE_ROWS');
    const notJson = failure(importCandlesFromJson('[1,2'));
    expect(notJson.code).toBe('NOT_JSON');
    expect(describeImportProblem(notJson)).not.toMatch(/position|Unexpected|JSON\.parse/);
    expect(failure(importCandlesFromJson('{"rows": []}')).code).toBe('NOT_A_CANDLE_LIST');
  });

  it('refuses a non-finite number, which JSON.parse makes of 1e999', () => {
    expect(failure(importCandlesFromJson(`[[${H0}, 1, 1e999, 0.5, 1.5, 10]]`)).rowProblems).toEqual([
      { code: 'VALUE_NOT_FINITE', params: { row: 1, column: 'high', value: 'Infinity' } },
    ]);
  });

  it('refuses mixed timestamp formats', () => {
    const rows = [[H0, 1, 2, 0.5, 1.5, 10], ['2020-01-01T01:00:00Z', 1, 2, 0.5, 1.5, 10]];
    expect(failure(importCandlesFromJson(JSON.stringify(rows))).code).toBe('MIXED_TIMESTAMP_FORMATS');
  });

  describe('from disk', () => {
    const folders: string[] = [];
    afterEach(() => {
      for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
    });

    it('reads a file from disk and reports a missing one as an import error', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'ballast-json-'));
      folders.push(folder);
      const path = join(folder, 'candles.json');
      writeFileSync(path, JSON.stringify([[H0, 1, 2, 0.5, 1.5, 10]]));
      expect((await importCandlesFromJsonFile(path)).ok).toBe(true);
      expect(failure(await importCandlesFromJsonFile(`${path}.missing`)).code).toBe('FILE_NOT_FOUND');
    });
  });
});
