import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BACKTEST_STATISTIC_NAMES } from '../../../core/backtest/index.ts';
import { runBacktestCommand } from '../../../core/cli/backtestCommand.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../support/sharedData.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** A zig-zag of 400 hourly closes around 100 (so moving averages cross now and then), 2 million coins a bar. */
function zigZagRows(count = 400, skipHour?: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i === skipHour) continue;
    const close = 100 + 10 * Math.sin(i / 9) + 3 * Math.sin(i / 2.3);
    const open = 100 + 10 * Math.sin((i - 1) / 9) + 3 * Math.sin((i - 1) / 2.3);
    rows.push(`${T0 + i * HOUR},${open.toFixed(2)},${(Math.max(open, close) + 0.5).toFixed(2)},${(Math.min(open, close) - 0.5).toFixed(2)},${close.toFixed(2)},2000000`);
  }
  return rows;
}

const csv = (rows: readonly string[]): string => ['timestamp,open,high,low,close,volume', ...rows].join('\n');

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: string[], files: Readonly<Record<string, string | NodeJS.ErrnoException>> = { 'prices.csv': csv(zigZagRows()) }): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await runBacktestCommand(argv, {
    stdout: (text) => { stdout += text; },
    stderr: (text) => { stderr += text; },
    readFile: (path) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      if (typeof content !== 'string') throw content;
      return content;
    },
  });
  return { code, stdout, stderr };
}

const BASE = ['--data', 'prices.csv', '--symbol', 'TST/USDT', '--strategy', 'sma-cross', '--param', 'fast=5', '--param', 'slow=20'];

describe('ballast backtest --json', () => {
  it('prints one JSON object with the statistics by name, the trades in ISO-8601 UTC, the timing, the fingerprint and the import report', async () => {
    const result = await run([...BASE, '--fill', 'next-open', '--risk', 'off', '--size-fraction', '0.5', '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const output = JSON.parse(result.stdout) as Record<string, unknown> & { stats: Record<string, unknown>; trades: Record<string, unknown>[]; timing: Record<string, number> };
    for (const name of BACKTEST_STATISTIC_NAMES) expect(output.stats).toHaveProperty([name]);
    expect(output.stats).toMatchObject({ Sample: 'in-sample', 'Slippage Paid [$]': 0 });
    expect(output.stats['Fees Paid [$]']).toBeGreaterThan(0);
    expect(output.stats['Return at 2× Costs [%]']).toBeLessThan(output.stats['Return [%]'] as number);
    expect(output.trades.length).toBeGreaterThan(3);
    expect(Object.keys(output.trades[0]!)).toEqual(['entryTime', 'exitTime', 'entryPrice', 'exitPrice', 'size', 'pnl']);
    expect(output.trades[0]!.entryTime).toMatch(/^2024-01-\d\dT\d\d:00:00\.000Z$/);
    expect(output.timing.bars).toBe(400);
    expect(output.timing.barsPerSecond).toBeCloseTo(400 / output.timing.seconds!, 6);
    expect(output.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(output).toMatchObject({ importReport: { rowsRead: 400, bars: 400, gaps: [] }, risk: 'off (research mode: no risk limits)', fill: 'next-open' });
    // The in-memory journal, summarised: every order it kept, by status (next-open market orders all fill, once each).
    const journal = output.journal as { orders: number; fills: number; ordersByStatus: Record<string, number> };
    expect(journal.orders).toBeGreaterThanOrEqual(2 * output.trades.length);
    expect(journal.ordersByStatus).toEqual({ FILLED: journal.orders });
    expect(journal.fills).toBe(journal.orders);
  });

  it('gives the same fingerprint for the same command twice', async () => {
    const first = JSON.parse((await run([...BASE, '--json'])).stdout) as { fingerprint: string };
    const second = JSON.parse((await run([...BASE, '--json'])).stdout) as { fingerprint: string };
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it('reports a gap in the data and never fills it in', async () => {
    const result = await run([...BASE, '--json'], { 'prices.csv': csv(zigZagRows(400, 200)) });
    const output = JSON.parse(result.stdout) as { timing: { bars: number }; importReport: { gaps: unknown[]; missingBars: number } };
    expect(output.importReport.missingBars).toBe(1);
    // The bar after the gap (hour 201) is the 201st bar, on line 202 of the file (the header is line 1).
    expect(output.importReport.gaps).toEqual([{ afterOpenTimeMs: T0 + 199 * HOUR, openTimeMs: T0 + 201 * HOUR, missingBars: 1, row: 202 }]);
    expect(output.timing.bars).toBe(399);
  });

  it('reads a JSON file and a CryptoDataDownload export too', async () => {
    const json = JSON.stringify(zigZagRows().map((row) => row.split(',').map(Number)));
    expect((await run(['--data', 'prices.json', ...BASE.slice(2), '--json'], { 'prices.json': json })).code).toBe(0);
    // A URL line above the header, unix and date columns, volumes named after the coins, newest first.
    const rows = zigZagRows().map((row) => row.split(',')).map(([t, o, h, l, c, v]) => `${Number(t) / 1000},x,TST/USDT,${o},${h},${l},${c},${v},${Number(v) * 100}`);
    const cdd = ['https://www.CryptoDataDownload.com', 'unix,date,symbol,open,high,low,close,Volume TST,Volume USDT', ...rows.reverse()].join('\n');
    const result = await run([...BASE, '--json'], { 'prices.csv': cdd });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { importReport: { layout: string; notes: { code: string }[] } };
    expect(output.importReport.layout).toBe('cryptodatadownload');
    expect(output.importReport.notes.map((note) => note.code)).toContain('SORTED_ASCENDING');
  });

  it('runs a sweep and reports every trial with the overfitting check', async () => {
    const result = await run([...BASE, '--sweep', 'fast=3:6:1', '--sweep', 'slow=20|30', '--json']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { sweep: { trials: unknown[]; overfitting: { trials: number } | null; sample: string }; stats: { Sample: string } };
    expect(output.sweep.trials).toHaveLength(8);
    expect(output.sweep.sample).toBe('in-sample');
    expect(output.stats.Sample).toBe('in-sample');
  });

  it('runs a walk-forward test whose figures are out-of-sample', async () => {
    const result = await run([...BASE, '--walk-forward', 'rolling,train=200,test=100,purge=5', '--json']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { stats: { Sample: string }; walkForward: { folds: unknown[] }; timing: { bars: number } };
    expect(output.stats.Sample).toBe('out-of-sample');
    expect(output.walkForward.folds).toHaveLength(2);
    expect(output.timing.bars).toBe(200);
  });
});

describe('ballast backtest, readable output', () => {
  it('labels the figures in-sample and says plainly when risk limits are off', async () => {
    const result = await run([...BASE, '--risk', 'off']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('In-sample:');
    expect(result.stdout).toContain('RESEARCH MODE, risk limits off');
    expect(result.stdout).toContain('Buy & Hold Return [%]');
    expect(result.stdout).toMatch(/At 2× the costs: return -?[\d,.]+ %/);
    const guarded = await run(BASE);
    expect(guarded.stdout).toContain('Risk limits: on');
    expect(guarded.stdout).not.toContain('RESEARCH MODE');
  });

  it('runs the real BTC/USDT file as a person would', async () => {
    const path = sharedDataPath(BTC_USDT_1H_CSV);
    const result = await run(['--data', path, '--symbol', 'BTC/USDT', '--strategy', 'sma-cross', '--fill', 'next-open', '--close-at-end'], { [path]: readFileSync(path, 'utf8') });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('33,411 bars');
    expect(result.stdout).toMatch(/8 gaps in the data/);
  });
});

describe('ballast backtest refuses bad input with one plain sentence on stderr and a non-zero exit', () => {
  const refused = async (argv: string[], files?: Readonly<Record<string, string | NodeJS.ErrnoException>>): Promise<string> => {
    const result = await run(argv, files);
    // 65 when the file is the problem, 64 when the command line is (the codes `ballast help` lists).
    expect([64, 65]).toContain(result.code);
    expect(result.stdout).toBe('');
    return result.stderr;
  };

  it('a missing file, named', async () => {
    expect(await refused(['--data', 'nowhere.csv', ...BASE.slice(2)])).toBe('Nothing was tested: there is no file at nowhere.csv. Check the path and the file name.\n');
  });

  it('a file it may not read', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(await refused(BASE, { 'prices.csv': denied })).toContain('not allowed to read prices.csv');
  });

  it('rows that give one time twice with different prices, with their row numbers', async () => {
    const rows = zigZagRows(50);
    rows.splice(10, 0, rows[9]!.replace(/,2000000$/, ',1234'));
    const message = await refused(BASE, { 'prices.csv': csv(rows) });
    expect(message).toContain('1 row gives the time of an earlier row again, with different prices');
    // Bar 9 is on line 11 (after the header); its second copy on line 12.
    expect(message).toContain('Row 12: gives the bar of 2024-01-01 09:00 UTC again, with different values from row 11.');
  });

  it('an unknown strategy, and an unknown or impossible parameter', async () => {
    expect(await refused([...BASE.slice(0, 4), '--strategy', 'moon-shot'])).toContain('there is no strategy called "moon-shot". The strategies are: sma-cross, trend-follower, rsi-mean-reversion, do-nothing');
    expect(await refused([...BASE, '--param', 'speed=3'])).toContain('has no parameter "speed". Its parameters are: fast, slow');
    expect(await refused([...BASE.slice(0, 6), '--param', 'fast=30', '--param', 'slow=10'])).toContain('fast must be fewer bars than slow');
    expect(await refused([...BASE, '--param', 'fast'])).toContain('--param takes name=value');
    expect(await refused([...BASE.slice(0, 6), '--param', 'fast=ten'])).toContain('must be a number, and "ten" is not one');
  });

  it('negative or zero cash, and other numbers out of range', async () => {
    expect(await refused([...BASE, '--cash', '-100'])).toBe('Nothing was tested: --cash is -100, but it must be above 0.\n');
    expect(await refused([...BASE, '--cash', '0'])).toContain('--cash is 0, but it must be above 0');
    expect(await refused([...BASE, '--size-fraction', '1.5'])).toContain('--size-fraction is 1.5');
    expect(await refused([...BASE, '--fees', '0.5'])).toContain('--fees is 0.5');
    expect(await refused([...BASE, '--amount-step', '0'])).toContain('--amount-step is 0');
  });

  it('options it does not know, values missing, choices it does not offer', async () => {
    expect(await refused([...BASE, '--leverage', '10'])).toContain('--leverage is not an option of the backtest command');
    expect(await refused(['--symbol', 'BTC/USDT', '--strategy', 'sma-cross'])).toContain('the backtest needs --data, for example --data prices.csv');
    expect(await refused([...BASE, '--cash'])).toContain('--cash needs a value after it');
    expect(await refused([...BASE, '--fill', 'instant'])).toContain('--fill is "instant"; it can only be realistic or next-open');
    expect(await refused([...BASE, '--risk', 'maybe'])).toContain('--risk is "maybe"; it can only be on or off');
    expect(await refused([...BASE.slice(0, 2), '--symbol', 'bitcoin', ...BASE.slice(4)])).toContain('--symbol names a market as BASE/QUOTE');
  });

  it('sweep and walk-forward specifications it cannot read', async () => {
    expect(await refused([...BASE, '--sweep', 'fast'])).toContain('--sweep takes name=from:to:step or name=a|b|c');
    expect(await refused([...BASE, '--sweep', 'fast=9:3:1'])).toContain('--sweep takes name=from:to:step');
    expect(await refused([...BASE, '--walk-forward', 'sideways,train=10,test=5'])).toContain('--walk-forward takes anchored or rolling');
    expect(await refused([...BASE, '--walk-forward', 'rolling,train=1000,test=50'])).toContain('the training window (1000 bars) is at least as long as the whole file (400 bars)');
  });

  it('a file with too few bars, or none', async () => {
    expect(await refused(BASE, { 'prices.csv': csv(zigZagRows(1)) })).toContain('the file holds 1 bars');
    expect(await refused(BASE, { 'prices.csv': '' })).toContain('This file is empty');
  });
});
