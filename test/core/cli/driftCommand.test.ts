import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../core/cli/index.ts';
import { runDriftCommand } from '../../../core/cli/driftCommand.ts';
import { importCandlesFromCsv } from '../../../core/market/index.ts';
import { DRIFT_FEATURES, driftFromCandles } from '../../../core/signals/model/index.ts';
import { sharedDataPath } from '../../support/sharedData.ts';
import { btcCsvSlice, tempFolder, testIo } from './support/cliTestKit.ts';

const folder = tempFolder();
const files = { quietReference: '', quietRecent: '', crashReference: '', crashRecent: '', short: '' };

beforeAll(() => {
  // 2,999 bars from the start of the file, then the 200 after them: the drift command's quiet case.
  files.quietReference = folder.write('quiet-reference.csv', btcCsvSlice('2017-08-17T05:00:00Z', '2017-12-20T08:00:00Z'));
  files.quietRecent = folder.write('quiet-recent.csv', btcCsvSlice('2017-12-20T08:00:00Z', '2017-12-28T16:00:00Z'));
  // The months before the March 2020 crash, then the crash itself (the model layer's own severe case).
  files.crashReference = folder.write('crash-reference.csv', btcCsvSlice('2019-12-01T00:00:00Z', '2020-03-01T00:00:00Z'));
  files.crashRecent = folder.write('crash-recent.csv', btcCsvSlice('2020-03-05T00:00:00Z', '2020-03-13T00:00:00Z'));
  files.short = folder.write('short.csv', btcCsvSlice('2020-03-05T00:00:00Z', '2020-03-09T04:00:00Z'));
});
afterAll(() => {
  folder.remove();
});

async function drift(argv: string[]) {
  const io = testIo();
  const code = await runDriftCommand(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('ballast drift', () => {
  it('prints the issue’s JSON shape, with the numbers driftFromCandles gives for the same files', async () => {
    const { code, out, err } = await drift(['--reference', files.quietReference, '--recent', files.quietRecent, '--json']);
    expect({ code, err }).toEqual({ code: EXIT.ok, err: '' });
    const printed = JSON.parse(out) as { verdict: string; features: Record<string, unknown>[] };
    expect(Object.keys(printed)).toEqual(['verdict', 'features']);
    expect(printed.features.map((feature) => feature.name)).toEqual(DRIFT_FEATURES.map((feature) => feature.name));
    for (const feature of printed.features) expect(Object.keys(feature)).toEqual(['name', 'psi', 'psiThreshold', 'ks', 'ksPValue', 'level']);

    const reference = importCandlesFromCsv(btcCsvSlice('2017-08-17T05:00:00Z', '2017-12-20T08:00:00Z'));
    const recent = importCandlesFromCsv(btcCsvSlice('2017-12-20T08:00:00Z', '2017-12-28T16:00:00Z'));
    if (!reference.ok || !recent.ok) throw new Error('the slices should import');
    const expected = driftFromCandles(reference.value.candles, recent.value.candles);
    if (!expected.ok) throw new Error('the slices are long enough');
    expect(printed.verdict).toBe('none');
    expect(printed.verdict).toBe(expected.report.verdict);
    expect(printed.features).toEqual(expected.report.features.map(({ name, psi, psiThreshold, ks, ksPValue, level }) => ({ name, psi, psiThreshold, ks, ksPValue, level })));
  });

  it('finds the March 2020 crash severe, and says so in plain words without --json', async () => {
    const json = await drift(['--reference', files.crashReference, '--recent', files.crashRecent, '--json']);
    expect(json.code).toBe(EXIT.ok);
    expect((JSON.parse(json.out) as { verdict: string }).verdict).toBe('severe');
    const plain = await drift(['--reference', files.crashReference, '--recent', files.crashRecent]);
    expect(plain.out).toMatch(/^Severe drift: the recent bars are very different from the reference history\./);
    // One line per feature after the verdict and a blank line.
    expect(plain.out.trim().split('\n')).toHaveLength(2 + DRIFT_FEATURES.length);
    expect(plain.out).toMatch(/^volatility_24: PSI [\d.e+-]+ \(threshold [\d.e+-]+\), KS [\d.e+-]+ \(p [\d.e+-]+\), (none|moderate|severe)$/m);
  });

  it('refuses a recent history too short to compare, in the model layer’s words (exit 65)', async () => {
    // 100 bars; the first 96 of a history only warm its features up, and a check needs 48 more.
    const { code, err } = await drift(['--reference', files.crashReference, '--recent', files.short]);
    expect(code).toBe(EXIT.input);
    expect(err).toBe('The recent price history is too short to compare: it needs at least 144 bars and has 100.\n');
  });

  it('refuses to compare histories with different bar lengths', async () => {
    const daily = sharedDataPath('ohlcv/binance_BTCUSDT_1d_2017-08-17_2021-06-10.csv');
    const { code, err } = await drift(['--reference', daily, '--recent', files.crashRecent]);
    expect(code).toBe(EXIT.input);
    expect(err).toBe('The reference file has 1d bars and the recent file 1h bars. Drift can only be measured between histories with the same bar length.\n');
  });

  it('says which file is missing or unreadable, in the market layer’s words', async () => {
    const missing = await drift(['--reference', folder.path('nowhere.csv'), '--recent', files.quietRecent]);
    expect(missing.code).toBe(EXIT.input);
    expect(missing.err).toBe(`Ballast could not use ${folder.path('nowhere.csv')} as price history:\nBallast could not find this file; it may have been moved or deleted. Nothing was imported. Choose the file again.\n`);
    const directory = await drift(['--reference', files.quietReference, '--recent', folder.path('')]);
    expect(directory.code).toBe(EXIT.input);
    expect(directory.err).toContain('Ballast could not read this file.');
  });

  it('lists a refused file’s problems with their row numbers', async () => {
    const header = 'timestamp,open,high,low,close,volume';
    const conflicting = folder.write('conflicting.csv', [header, '1583020800000,100,110,90,105,1', '1583024400000,105,112,101,110,2', '1583020800000,100,111,90,105,1'].join('\n'));
    const { code, err } = await drift(['--reference', conflicting, '--recent', files.quietRecent]);
    expect(code).toBe(EXIT.input);
    expect(err).toContain(`Ballast could not use ${conflicting} as price history:\n1 row gives the time of an earlier row again, with different prices.`);
    expect(err).toContain('Row 4: gives the bar of');
    expect(err).toContain('with different values from row 2.');
    expect(err).toContain('Row numbers count the lines of the file as a spreadsheet shows them, the header included.');
  });

  it('refuses wrong flags before reading anything (exit 64)', async () => {
    expect(await drift(['--reference', files.quietReference])).toMatchObject({ code: EXIT.usage, err: '"ballast drift" needs --recent FILE. Run "ballast help drift" to see its flags.\n' });
    expect(await drift(['--reference', files.quietReference, '--recent', files.quietRecent, '--window', '48'])).toMatchObject({ code: EXIT.usage, err: '"ballast drift" has no flag --window. Run "ballast help drift" to see its flags.\n' });
  });
});
