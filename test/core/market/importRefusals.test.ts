import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_IMPORT_FILE_BYTES,
  candleSeriesFromCandles,
  describeImportProblem,
  importCandlesFromCsv,
  importCandlesFromCsvFile,
  importCandlesFromJson,
  validateCandleSeries,
} from '../../../core/market/index.ts';
import { H0, HOUR_MS, failure, imported, notesOf, rowCodes } from './importSupport.ts';

const HEADER = 'timestamp,open,high,low,close,volume';
const at = (hour: number): number => H0 + hour * HOUR_MS;

describe('impossible bars are refused at import, each with its row', () => {
  // Row 2 is sound; rows 3–12 each break one rule. Row numbers are lines of the file: header = row 1.
  const rows = [
    `${at(0)},100,110,90,105,1`,
    `${at(1)},100,90,110,100,1`, // row 3: high 90 below low 110
    `${at(2)},100,99,90,95,1`, // row 4: high 99 below open 100
    `${at(3)},95,99,90,100,1`, // row 5: high 99 below close 100
    `${at(4)},89,110,90,100,1`, // row 6: low 90 above open 89
    `${at(5)},100,110,90,89,1`, // row 7: low 90 above close 89
    `${at(6)},-1,110,90,100,1`, // row 8: negative open
    `${at(7)},100,110,0,100,1`, // row 9: zero low
    `${at(8)},100,110,90,100,-0.5`, // row 10: negative volume
    `${at(9)},100,Infinity,90,100,1`, // row 11: infinite high
    `${at(10)},100,1e999,90,100,1`, // row 12: overflows to infinity
  ];
  const error = failure(importCandlesFromCsv([HEADER, ...rows].join('\n')));

  it('names one problem per row with the values that break the rule', () => {
    expect(error.code).toBe('IMPOSSIBLE_BARS');
    expect(error.params).toEqual({ count: 10 });
    expect(error.rowProblems).toEqual([
      { code: 'HIGH_BELOW_LOW', params: { row: 3, high: 90, low: 110 } },
      { code: 'HIGH_BELOW_OPEN', params: { row: 4, high: 99, open: 100 } },
      { code: 'HIGH_BELOW_CLOSE', params: { row: 5, high: 99, close: 100 } },
      { code: 'LOW_ABOVE_OPEN', params: { row: 6, low: 90, open: 89 } },
      { code: 'LOW_ABOVE_CLOSE', params: { row: 7, low: 90, close: 89 } },
      { code: 'PRICE_NOT_POSITIVE', params: { row: 8, column: 'open', value: -1 } },
      { code: 'PRICE_NOT_POSITIVE', params: { row: 9, column: 'low', value: 0 } },
      { code: 'VOLUME_NEGATIVE', params: { row: 10, column: 'volume', value: -0.5 } },
      { code: 'VALUE_NOT_FINITE', params: { row: 11, column: 'high', value: 'Infinity' } },
      { code: 'VALUE_NOT_FINITE', params: { row: 12, column: 'high', value: '1e999' } },
    ]);
  });

  it('says it in words a beginner reads, one line per row, and how rows are counted', () => {
    const lines = describeImportProblem(error).split('\n');
    expect(lines[0]).toBe(
      '10 rows of this file describe bars no market can produce, such as a high below the low. Nothing was imported: a test on impossible prices could not be trusted. Correct or delete the rows listed below, then import the file again.',
    );
    expect(lines.slice(1, 4)).toEqual([
      'Row 3: the high (90) is below the low (110).',
      'Row 4: the high (99) is below the open (100).',
      'Row 5: the high (99) is below the close (100).',
    ]);
    expect(lines).toContain('Row 10: the volume is -0.5; a volume cannot be negative.');
    expect(lines.at(-1)).toBe('Row numbers count the lines of the file as a spreadsheet shows them, the header included.');
  });

  it('so the replay never meets a bar the validator would call impossible', () => {
    // The same rows minus the impossible ones import, and the validator finds no impossible bar in them.
    const value = imported(importCandlesFromCsv([HEADER, rows[0]].join('\n')));
    expect(validateCandleSeries(candleSeriesFromCandles(value.candles), '1h').filter((issue) => issue.kind === 'impossible-bar')).toEqual([]);
  });

  it('refuses a negative quote volume and an impossible bar in JSON the same way', () => {
    const text = `timestamp,open,high,low,close,volume,quote_volume\n${at(0)},100,110,90,105,1,-3\n`;
    expect(rowCodes(failure(importCandlesFromCsv(text)))).toEqual([[2, 'VOLUME_NEGATIVE']]);
    expect(rowCodes(failure(importCandlesFromJson(JSON.stringify([[at(0), 100, 110, 90, 105, 1], [at(1), 100, 90, 110, 100, 1]]))))).toEqual([[2, 'HIGH_BELOW_LOW']]);
  });

  it('caps the list at 20 rows and says how many more', () => {
    const bad = Array.from({ length: 25 }, (_, i) => `${at(i)},100,90,110,100,1`);
    const capped = failure(importCandlesFromCsv([HEADER, ...bad].join('\n')));
    expect(capped.rowProblems).toHaveLength(20);
    expect(capped.moreProblems).toBe(5);
    expect(describeImportProblem(capped)).toContain('…and 5 more rows with a problem.');
  });
});

describe('repeated times', () => {
  it('merges exact duplicate rows and counts them', () => {
    const text = [HEADER, `${at(0)},1,2,0.5,1.5,10`, `${at(1)},1,2,0.5,1.5,10`, `${at(0)},1,2,0.5,1.5,10`, `${at(1)},1.0,2.00,0.5,1.5,10`].join('\n');
    const value = imported(importCandlesFromCsv(text));
    expect(value.candles.map((candle) => candle.openTimeMs)).toEqual([at(0), at(1)]);
    // Rows 4 and 5 repeat rows 2 and 3 (1.0 and 2.00 are the same numbers as 1 and 2).
    expect(notesOf(value)).toEqual({ ROWS_SORTED_BY_TIME: { count: 1 }, DUPLICATE_ROWS_MERGED: { count: 2, firstRow: 4 } });
    expect(value.report).toMatchObject({ rowsRead: 4, bars: 2 });
  });

  it('refuses a repeated time with different values, naming both rows', () => {
    const text = [HEADER, `${at(0)},1,2,0.5,1.5,10`, `${at(1)},1,2,0.5,1.5,10`, `${at(2)},1,2,0.5,1.5,10`, `${at(1)},1,2,0.5,1.6,10`].join('\n');
    const error = failure(importCandlesFromCsv(text));
    expect(error.code).toBe('CONFLICTING_ROWS');
    expect(error.rowProblems).toEqual([
      { code: 'SAME_TIME_DIFFERENT_VALUES', params: { row: 5, otherRow: 3, time: '2020-01-01 01:00 UTC', atMs: at(1) } },
    ]);
    expect(error.problems).toEqual(['Row 5: gives the bar of 2020-01-01 01:00 UTC again, with different values from row 3.']);
  });

  it('refuses a conflict in a newest-first file with the same row numbers as written', () => {
    const text = [HEADER, `${at(1)},1,2,0.5,1.5,10`, `${at(0)},1,2,0.5,1.5,10`, `${at(0)},1,2,0.5,1.5,11`].join('\n');
    expect(failure(importCandlesFromCsv(text)).rowProblems).toMatchObject([{ code: 'SAME_TIME_DIFFERENT_VALUES', params: { row: 4, otherRow: 3 } }]);
  });

  it('lists conflicts and unreadable rows together, in row order', () => {
    const text = [HEADER, `${at(0)},1,2,0.5,1.5,10`, `${at(0)},1,2,0.5,1.4,10`, `${at(1)},x,2,0.5,1.5,10`].join('\n');
    const error = failure(importCandlesFromCsv(text));
    expect(error.code).toBe('INVALID_ROWS');
    expect(rowCodes(error)).toEqual([
      [3, 'SAME_TIME_DIFFERENT_VALUES'],
      [4, 'VALUE_NOT_A_NUMBER'],
    ]);
  });
});

describe('files that are too large or unreadable', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
  });

  it('refuses a file over 50 MB in plain words, from disk and from memory', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ballast-large-'));
    folders.push(folder);
    const path = join(folder, 'huge.csv');
    writeFileSync(path, '');
    truncateSync(path, MAX_IMPORT_FILE_BYTES + 1); // a sparse file: no 50 MB written
    const fromDisk = failure(await importCandlesFromCsvFile(path));
    expect(fromDisk.code).toBe('FILE_TOO_LARGE');
    expect(fromDisk.message).toMatch(/^This file is larger than 50 MB; Ballast reads files up to 50 MB\. Nothing was imported\./);
    expect(fromDisk.message).not.toMatch(/Too big|expected string|characters/);
    const fromMemory = failure(importCandlesFromCsv('x'.repeat(MAX_IMPORT_FILE_BYTES + 1)));
    expect(fromMemory).toEqual(fromDisk);
    expect(failure(importCandlesFromJson(' '.repeat(MAX_IMPORT_FILE_BYTES + 1))).code).toBe('FILE_TOO_LARGE');
  });

  it('treats a file of note lines only as a file without a header', () => {
    expect(failure(importCandlesFromCsv('Prices exported by my script\n')).code).toBe('MISSING_COLUMNS');
  });
});
