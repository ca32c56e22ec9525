import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCandlesFromJson, importCandlesFromJsonFile, type ImportResult } from '../../../core/market/index.ts';

const H0 = Date.UTC(2020, 0, 1, 0);
const H1 = Date.UTC(2020, 0, 1, 1);

function problemsOf(result: ImportResult): readonly string[] {
  if (result.ok) throw new Error('expected the import to fail');
  return result.error.problems;
}

describe('importCandlesFromJson', () => {
  it('reads Binance kline arrays with numeric strings', () => {
    const klines = [
      [H0, '1.0', '2.0', '0.5', '1.5', '10', H1 - 1, '15', 3],
      [H1, '1.5', '2.0', '1.0', '1.2', '11', H1 + 3_599_999, '13', 4],
    ];
    const result = importCandlesFromJson(JSON.stringify(klines));
    expect(result).toEqual({
      ok: true,
      value: {
        candles: [
          { openTimeMs: H0, open: 1, high: 2, low: 0.5, close: 1.5, volumeBase: 10 },
          { openTimeMs: H1, open: 1.5, high: 2, low: 1, close: 1.2, volumeBase: 11 },
        ],
        timestampFormat: 'unix-milliseconds',
        wasDescending: false,
        timeframe: '1h',
      },
    });
  });

  it('reads named objects wrapped in a "candles" list, newest first', () => {
    const document = {
      candles: [
        { time: '2020-01-01T01:00:00Z', open: 1.5, high: 2, low: 1, close: 1.2, volume: 11, quote_volume: 13 },
        { time: '2020-01-01T00:00:00Z', open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, quote_volume: 15 },
      ],
    };
    const result = importCandlesFromJson(JSON.stringify(document));
    expect(result.ok && result.value.candles.map((candle) => [candle.openTimeMs, candle.quoteVolume])).toEqual([
      [H0, 15],
      [H1, 13],
    ]);
  });

  it('numbers bad items and names the field', () => {
    const rows = [[H0, 1, 2, 0.5, 1.5, 10], [H1, 1, 'abc', 0.5, 1.5, 10], 'nonsense', [H1, 1, 2], { time: H1, open: 1 }];
    expect(problemsOf(importCandlesFromJson(JSON.stringify(rows)))).toEqual([
      "Row 2: 'high' is not a number ('abc')",
      'Row 3: is neither a list of values nor an object of named values',
      'Row 4: has 3 value(s), expected at least 6',
      "Row 5: has no 'high', 'low', 'close', 'volume' field",
    ]);
  });

  it('refuses null prices, empty files, invalid JSON and the wrong shape', () => {
    expect(problemsOf(importCandlesFromJson(JSON.stringify([[H0, null, 2, 0.5, 1.5, 10]])))).toEqual(["Row 1: 'open' is empty"]);
    expect(importCandlesFromJson('  ')).toMatchObject({ ok: false, error: { code: 'EMPTY_FILE' } });
    expect(importCandlesFromJson('[]')).toMatchObject({ ok: false, error: { code: 'EMPTY_FILE' } });
    expect(importCandlesFromJson('[1,2')).toMatchObject({ ok: false, error: { code: 'UNREADABLE_FILE' } });
    expect(importCandlesFromJson('{"rows": []}')).toMatchObject({ ok: false, error: { code: 'UNREADABLE_FILE' } });
  });

  it('refuses mixed timestamp formats', () => {
    const rows = [[H0, 1, 2, 0.5, 1.5, 10], ['2020-01-01T01:00:00Z', 1, 2, 0.5, 1.5, 10]];
    expect(importCandlesFromJson(JSON.stringify(rows))).toMatchObject({ ok: false, error: { code: 'MIXED_TIMESTAMP_FORMATS' } });
  });

  it('reads a file from disk and reports a missing one as an import error', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ballast-json-')), 'candles.json');
    writeFileSync(path, JSON.stringify([[H0, 1, 2, 0.5, 1.5, 10]]));
    expect((await importCandlesFromJsonFile(path)).ok).toBe(true);
    expect(await importCandlesFromJsonFile(`${path}.missing`)).toMatchObject({ ok: false, error: { code: 'UNREADABLE_FILE' } });
  });
});
