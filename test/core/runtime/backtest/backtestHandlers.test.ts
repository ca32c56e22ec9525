import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BacktestStatusView, EventMessage } from '../../../../core/contract/index.ts';
import { createLogger } from '../../../../core/log/index.ts';
import { createBallastCore, type BallastCore } from '../../../../core/runtime/index.ts';
import { monthlyReturns } from '../../../../core/runtime/backtest/backtestJob.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../../../support/sharedData.ts';

const log = createLogger({ level: 'silent' });
const cores: { core: BallastCore; dir: string }[] = [];
afterEach(() => {
  for (const { core, dir } of cores.splice(0)) {
    core.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

function newCore(): { core: BallastCore; progress: BacktestStatusView[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-backtest-'));
  const core = createBallastCore({ version: 't', log, dataDir: dir });
  cores.push({ core, dir });
  const progress: BacktestStatusView[] = [];
  core.events.subscribe((message: EventMessage) => {
    if (message.name === 'backtestProgressed') progress.push(message.payload as BacktestStatusView);
  });
  return { core, progress };
}

async function call<T>(core: BallastCore, command: string, input: unknown): Promise<T> {
  const result = await (core.dispatch as (name: string, value: unknown) => ReturnType<BallastCore['dispatch']>)(command, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function finished(core: BallastCore, timeoutMs = 120_000): Promise<BacktestStatusView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const status = await call<BacktestStatusView>(core, 'getBacktestStatus', undefined);
    if (status.state !== 'running') return status;
    if (Date.now() > until) throw new Error('the backtest did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const singleOnDemo = {
  source: { kind: 'synthetic' },
  strategy: 'sma-cross',
  parameters: { fast: 10, slow: 30 },
  cashQuote: 10_000,
  sizeFraction: 0.01,
  takerFeeRate: 0.001,
  slippage: 0.0001,
  fill: 'realistic',
  mode: { kind: 'single' },
} as const;

async function importBtc(core: BallastCore): Promise<string> {
  const text = readFileSync(sharedDataPath(BTC_USDT_1H_CSV), 'utf8');
  const summary = await call<{ importId: string }>(core, 'importReplayFile', { fileName: 'btc.csv', symbol: 'BTC/USDT', text });
  return summary.importId;
}

describe('the Backtest screen’s commands', () => {
  it('lists the demo prices, the imported files and the strategies with their settings and default costs', async () => {
    const { core } = newCore();
    const setup = await call<{ syntheticBars: number; imported: unknown[]; strategies: { id: string; parameters: { name: string }[] }[]; defaults: { takerFeeRate: number } }>(core, 'getBacktestSetup', undefined);
    expect(setup.syntheticBars).toBeGreaterThan(1000);
    expect(setup.imported).toEqual([]);
    expect(setup.strategies.map((s) => s.id)).toEqual(['trend-follower', 'rsi-mean-reversion', 'sma-cross']);
    expect(setup.strategies.find((s) => s.id === 'sma-cross')?.parameters.map((p) => p.name)).toEqual(['fast', 'slow']);
    expect(setup.defaults.takerFeeRate).toBe(0.001);
  });

  it('runs in a worker, reports progress as events and ends with an in-sample report next to buy-and-hold, costs at 0× to 3×', async () => {
    const { core, progress } = newCore();
    const started = await call<BacktestStatusView>(core, 'startBacktest', singleOnDemo);
    expect(started.state).toBe('running');
    expect(started.runId).toMatch(/^bt-/);
    const end = await finished(core);
    expect(end).toMatchObject({ state: 'done', runId: started.runId, message: null });
    expect(progress[0]?.state).toBe('running');
    expect(progress.at(-1)?.state).toBe('done');
    const dones = progress.filter((p) => p.state === 'running').map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    const report = await call<{ sample: string; costs: { multiple: number }[]; equity: { buyAndHoldQuote: number }[]; statistics: { name: string }[]; data: { synthetic: boolean }; monthly: unknown[] }>(core, 'getBacktestResult', { runId: started.runId });
    expect(report.sample).toBe('in-sample');
    expect(report.data.synthetic).toBe(true);
    expect(report.costs.map((c) => c.multiple)).toEqual([0, 1, 2, 3]);
    expect(report.equity.length).toBeGreaterThan(100);
    expect(report.equity.length).toBeLessThanOrEqual(2_001);
    expect(report.equity.every((p) => p.buyAndHoldQuote > 0)).toBe(true);
    expect(report.statistics.map((s) => s.name)).toEqual(expect.arrayContaining(['Return [%]', 'Buy & Hold Return [%]', 'Sharpe Ratio', 'Sample', 'Return at 2× Costs [%]']));
    expect(report.monthly.length).toBeGreaterThan(6);

    const html = await call<{ fileName: string; content: string }>(core, 'exportBacktest', { runId: started.runId, format: 'html' });
    expect(html.fileName).toMatch(/\.html$/);
    expect(html.content).toContain('In-sample');
    expect(html.content).toContain('buy-and-hold');
    expect(html.content).toContain('Generated prices');
    const csv = await call<{ fileName: string; content: string }>(core, 'exportBacktest', { runId: started.runId, format: 'trades-csv' });
    expect(csv.content.split('\n')[0]).toBe('entryTime,exitTime,entryPrice,exitPrice,size,pnl,returnPercent,fees,sample');
  }, 120_000);

  it('cancels a long sweep on the real BTC/USDT file within seconds and keeps nothing of it', async () => {
    const { core, progress } = newCore();
    const importId = await importBtc(core);
    const started = await call<BacktestStatusView>(core, 'startBacktest', {
      ...singleOnDemo,
      source: { kind: 'imported', importId },
      mode: { kind: 'sweep', grid: { fast: [5, 10, 15, 20, 25, 30], slow: [40, 60, 80, 100, 120, 140, 160, 180] } },
    });
    // A second run while one is going is refused in plain words.
    const second = await core.dispatch('startBacktest', singleOnDemo);
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.message).toBe('A backtest is already running. Wait for it to finish or cancel it first.');
    const until = Date.now() + 60_000;
    // Progress arrives with the time left, estimated from the pace so far.
    const withTime = (): BacktestStatusView[] => progress.filter((p) => p.state === 'running' && p.done > 0 && p.secondsLeft !== null);
    while (withTime().length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(withTime()[0]?.secondsLeft).toBeGreaterThan(0);
    expect(withTime()[0]?.done).toBeLessThan(withTime()[0]?.total ?? 0);
    const cancelAt = Date.now();
    await call(core, 'cancelBacktest', undefined);
    const end = await finished(core, 10_000);
    expect(Date.now() - cancelAt).toBeLessThan(5_000);
    expect(end).toMatchObject({ state: 'cancelled', runId: started.runId });
    expect(end.message).toMatch(/Cancelled/);
    const result = await core.dispatch('getBacktestResult', { runId: started.runId as string });
    expect(result.ok).toBe(false);
    // The worker is still usable afterwards.
    await call(core, 'startBacktest', singleOnDemo);
    expect((await finished(core)).state).toBe('done');
  }, 120_000);

  it('refuses bad settings in plain words, naming the problem, and runs nothing', async () => {
    const { core } = newCore();
    await call(core, 'startBacktest', { ...singleOnDemo, parameters: { fast: 30, slow: 10 } });
    expect(await finished(core)).toMatchObject({ state: 'failed', message: 'Nothing was tested: these sma-cross settings do not fit together: fast must be fewer bars than slow.' });
    await call(core, 'startBacktest', { ...singleOnDemo, parameters: { speed: 3 } });
    expect((await finished(core)).message).toBe('Nothing was tested: the sma-cross strategy has no setting "speed". Its settings are: fast, slow.');
    await call(core, 'startBacktest', { ...singleOnDemo, mode: { kind: 'walk-forward', scheme: 'rolling', trainBars: 100_000, testBars: 500 } });
    expect((await finished(core)).message).toMatch(/^Nothing was tested: the training window \(100000 bars\) is at least as long as the whole file \(\d+ bars\)/);
    const negative = await core.dispatch('startBacktest', { ...singleOnDemo, cashQuote: -5 });
    expect(negative.ok).toBe(false);
    if (!negative.ok) expect(negative.error.code).toBe('INVALID_INPUT');
    const missing = await core.dispatch('startBacktest', { ...singleOnDemo, source: { kind: 'imported', importId: '0123456789abcdef' } });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/no longer in Ballast’s data folder/);
  }, 60_000);

  it('labels a walk-forward test out-of-sample, with its windows', async () => {
    const { core } = newCore();
    await call(core, 'startBacktest', { ...singleOnDemo, mode: { kind: 'walk-forward', scheme: 'rolling', trainBars: 2_000, testBars: 1_000, grid: { fast: [5, 10], slow: [30, 50] } } });
    const end = await finished(core);
    expect(end.state).toBe('done');
    const report = await call<{ sample: string; mode: string; folds: { fold: number }[]; statistics: { name: string; value: unknown }[] }>(core, 'getBacktestResult', { runId: end.runId });
    expect(report).toMatchObject({ sample: 'out-of-sample', mode: 'walk-forward' });
    expect(report.folds.length).toBeGreaterThanOrEqual(3);
    expect(report.statistics.find((s) => s.name === 'Sample')?.value).toBe('out-of-sample');
  }, 120_000);
});

describe('monthly returns', () => {
  it('chains each UTC month from the last value of the month before', () => {
    const t = (iso: string): number => Date.parse(iso);
    const months = monthlyReturns(new Float64Array([t('2024-01-01'), t('2024-01-31'), t('2024-02-15'), t('2024-03-01')]), new Float64Array([100, 110, 99, 108.9]));
    expect(months.map((m) => [m.year, m.month, Number(m.returnPercent?.toFixed(6))])).toEqual([[2024, 1, 10], [2024, 2, -10], [2024, 3, 10]]);
  });
});

describe('the exported report', () => {
  it('escapes a file name that looks like markup', async () => {
    const { backtestReportHtml } = await import('../../../../core/runtime/backtest/backtestReportHtml.ts');
    const html = backtestReportHtml({
      runId: 'bt-x', sample: 'in-sample', mode: 'single',
      data: { label: '<script>alert(1)</script>.csv', synthetic: false, symbol: 'BTC/USDT', bars: 2, notes: ['<img src=x onerror=alert(2)>'] },
      settings: { strategy: 'sma-cross', parameters: { fast: 10 }, fill: 'realistic', cashQuote: 10_000, sizeFraction: 0.01, takerFeeRate: 0.001, slippage: 0.0001, quote: 'USDT', base: 'BTC' },
      statistics: [], costs: [], equity: [], prices: [], trades: [], tradesTotal: 0, monthly: [], overfitting: null, sweep: null, folds: [], decisions: null,
      openPositionBase: 0, timing: { bars: 2, seconds: 0.1 }, fingerprint: 'f',
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.csv');
  });
});
