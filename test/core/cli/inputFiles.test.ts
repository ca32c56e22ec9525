import { truncateSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CliProblem, EXIT, MAX_READ_FILE_BYTES, maskedIo, readCandleFile, timeframeOf } from '../../../core/cli/index.ts';
import { makeSecret } from '../../../core/keys/index.ts';
import { btcCsvSlice, tempFolder, testIo } from './support/cliTestKit.ts';

const folder = tempFolder();
afterAll(() => {
  folder.remove();
});

function problemOf(action: () => unknown): CliProblem {
  try {
    action();
  } catch (error) {
    if (error instanceof CliProblem) return error;
    throw error;
  }
  throw new Error('expected a CliProblem');
}

describe('candle files', () => {
  it('reads a JSON file as the same bars as the CSV it was made from', () => {
    const csv = btcCsvSlice('2020-03-01T00:00:00Z', '2020-03-02T00:00:00Z');
    const rows = csv.trim().split('\n').slice(1).map((line) => line.split(',')).map((cells) => [Number(cells[0]), ...cells.slice(2, 7).map(Number)]);
    const io = testIo();
    const fromCsv = readCandleFile(io, folder.write('day.csv', csv));
    const fromJson = readCandleFile(io, folder.write('day.json', JSON.stringify(rows)));
    expect(fromJson.candles).toHaveLength(24);
    expect(fromJson.candles.map((bar) => [bar.openTimeMs, bar.open, bar.high, bar.low, bar.close, bar.volumeBase])).toEqual(
      fromCsv.candles.map((bar) => [bar.openTimeMs, bar.open, bar.high, bar.low, bar.close, bar.volumeBase]),
    );
    expect(timeframeOf(fromJson, 'day.json')).toBe('1h');
  });

  it('refuses a file over the size limit without reading it', () => {
    const huge = folder.path('huge.csv');
    truncateSync(folder.write('huge.csv', ''), MAX_READ_FILE_BYTES + 1);
    const problem = problemOf(() => readCandleFile(testIo(), huge));
    expect(problem.exitCode).toBe(EXIT.input);
    expect(problem.lines[1]).toMatch(/^This file is larger than 50 MB; Ballast reads files up to 50 MB\./);
  });

  it('refuses bars without a regular spacing, naming the file', () => {
    const header = 'timestamp,open,high,low,close,volume';
    // Bars 7, 11 and 13 minutes apart: no standard bar length.
    const file = folder.write('irregular.csv', [header, '1583020800000,1,1,1,1,1', '1583021220000,1,1,1,1,1', '1583021880000,1,1,1,1,1', '1583022660000,1,1,1,1,1'].join('\n'));
    const imported = readCandleFile(testIo(), file);
    const problem = problemOf(() => timeframeOf(imported, file));
    expect(problem.lines).toEqual([`Ballast could not tell the bar length of ${file}: its bars are not spaced at a standard interval (1m, 5m, 15m, 1h, 4h, 1d…). Use a file with regular bars.`]);
  });
});

describe('maskedIo', () => {
  it('replaces a secret written to stdout or stderr, leaving short values and other text alone', () => {
    const io = testIo();
    const masked = maskedIo(io, [makeSecret('FAKE-CANARY-KEY-mask-0001'), makeSecret('abc'), null]);
    masked.stdout('key FAKE-CANARY-KEY-mask-0001 and abc\n');
    masked.stderr('again: FAKE-CANARY-KEY-mask-0001FAKE-CANARY-KEY-mask-0001\n');
    expect(io.out()).toBe('key [redacted] and abc\n');
    expect(io.err()).toBe('again: [redacted][redacted]\n');
  });
});
