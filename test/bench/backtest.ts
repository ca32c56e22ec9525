// The backtest keys of BENCH.md: `backtest_bars_per_s` (sma-cross 10/30, next-open, risk on with
// the default limits, size-fraction 0.01, statistics included), `backtest_bars_per_s_realistic`
// (trend follower, realistic fills), `backtest_sweep_trials_per_s` (a 100-trial grid on two
// worker threads) — all on the 33,411-bar BTC/USDT 1h file — and `backtest_peak_rss_mb` (a
// 1,000,000-bar synthetic series, measured in a child process of its own).
//
// Run alone: node test/bench/backtest.ts
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  backtestBars,
  backtestBarsFromColumns,
  backtestMarket,
  backtestReport,
  backtestRiskLimits,
  defaultFillModel,
  measureRun,
  runBacktest,
  runSweep,
  valueRange,
  type BacktestBars,
  type BacktestSettings,
  type BarColumns,
  type FillModelName,
} from '../../core/backtest/index.ts';
import { importCandlesFromCsvFile } from '../../core/market/index.ts';
import { SMA, type AnyStrategyId } from '../../core/signals/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../support/sharedData.ts';
import { median, progress } from './stats.ts';

const ROUNDS = 9;
const SYNTHETIC_BARS = 1_000_000;
const CHILD_FLAG = '--backtest-peak-rss-child';

function settingsOf(bars: BacktestBars, strategy: AnyStrategyId, parameters: Record<string, number>, fill: FillModelName): BacktestSettings {
  const fillModel = defaultFillModel(fill);
  return {
    symbol: bars.symbol,
    strategy: { id: strategy, parameters },
    cashQuote: 10_000,
    sizeFraction: 0.01,
    fillModel,
    risk: 'on',
    riskLimits: backtestRiskLimits(bars.symbol),
    closeAtEnd: false,
    market: backtestMarket(bars.symbol, bars.close[0] as number, { takerRate: fillModel.costs.takerFeeRate, makerRate: fillModel.costs.makerFeeRate }),
  };
}

/** Bars a second of one run, engine and statistics together; the median of several runs after a warm-up. */
async function barsPerSecond(bars: BacktestBars, settings: BacktestSettings): Promise<{ rate: number; fills: number; trades: number }> {
  let fills = 0;
  let trades = 0;
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS + 2; round++) {
    const start = process.hrtime.bigint();
    const run = await runBacktest(bars, settings);
    const outcome = measureRun(run);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (round >= 2) rates.push(bars.length / seconds);
    fills = run.fills.length;
    trades = outcome.statistics['# Trades'];
  }
  // A run that never traded would measure an idle loop: the order path must have done its work.
  if (fills === 0) throw new Error(`the ${settings.strategy.id} backtest never traded`);
  return { rate: median(rates), fills, trades };
}

/** SMA(10) and SMA(30) alone over the closes: the most any engine running sma-cross could do here, now. */
function indicatorCeiling(bars: BacktestBars): number {
  const rates: number[] = [];
  let sink = 0;
  for (let round = 0; round < ROUNDS + 2; round++) {
    const fast = new SMA(10);
    const slow = new SMA(30);
    const start = process.hrtime.bigint();
    for (let i = 0; i < bars.length; i++) sink += (fast.update(bars.close[i] as number) ?? 0) - (slow.update(bars.close[i] as number) ?? 0);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (round >= 2) rates.push(bars.length / seconds);
  }
  if (!Number.isFinite(sink)) throw new Error('the indicator loop produced no numbers');
  return median(rates);
}

/** A seeded random walk of hourly bars (1 % hourly volatility), as columns, for the memory figure. */
export function syntheticColumns(count: number, seed = 42): BarColumns {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return (((mixed ^ (mixed >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const columns = { timeMs: new Float64Array(count), open: new Float64Array(count), high: new Float64Array(count), low: new Float64Array(count), close: new Float64Array(count), volumeBase: new Float64Array(count) };
  let close = 10_000;
  for (let i = 0; i < count; i++) {
    const open = close;
    close = open * Math.exp(0.01 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
    const spread = Math.abs(close - open) + open * 0.002 * uniform();
    columns.timeMs[i] = Date.UTC(2000, 0, 1) + i * 3_600_000;
    columns.open[i] = open;
    columns.high[i] = Math.max(open, close) + spread / 2;
    columns.low[i] = Math.min(open, close) - spread / 2;
    columns.close[i] = close;
    columns.volumeBase[i] = 5_000 + 5_000 * uniform();
  }
  return columns;
}

/**
 * In the child: one backtest over a million bars with its statistics (what `backtest_bars_per_s`
 * times), or with `--report` the whole report (four runs at 0×–3× costs and the fingerprint).
 */
async function peakRssChild(): Promise<void> {
  const bars = backtestBarsFromColumns('BTC/USDT', syntheticColumns(SYNTHETIC_BARS));
  const settings = settingsOf(bars, 'sma-cross', { fast: 10, slow: 30 }, 'next-open');
  const start = process.hrtime.bigint();
  const trades = process.argv.includes('--report') ? (await backtestReport(bars, settings)).statistics['# Trades'] : measureRun(await runBacktest(bars, settings)).statistics['# Trades'];
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(`${JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024, trades, seconds })}\n`);
}

function peakRssMb(...flags: string[]): number {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), CHILD_FLAG, ...flags], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`the memory measurement failed: ${child.stderr}`);
  const answer = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { peakRssMb: number; trades: number; seconds: number };
  progress(`  1,000,000 synthetic bars${flags.length > 0 ? ` (${flags.join(' ')})` : ''}: ${answer.trades} trades in ${answer.seconds.toFixed(1)} s, peak RSS ${answer.peakRssMb.toFixed(0)} MB`);
  return answer.peakRssMb;
}

export async function benchBacktest(): Promise<Record<string, number>> {
  const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
  if (!imported.ok) throw new Error(`cannot import the reference file: ${imported.error.message}`);
  const bars = backtestBars('BTC/USDT', imported.value.candles);
  if (bars.length !== 33_411) throw new Error(`expected 33,411 bars, got ${bars.length}`);

  progress('backtest: sma-cross 10/30, next-open, risk on, size-fraction 0.01, statistics included');
  const nextOpen = await barsPerSecond(bars, settingsOf(bars, 'sma-cross', { fast: 10, slow: 30 }, 'next-open'));
  // This machine's speed right now, for the ratio: the strategy's two averages alone over the file.
  const ceiling = indicatorCeiling(bars);
  progress(`  ${nextOpen.trades} round trips, ${nextOpen.fills} fills; ${Math.round(nextOpen.rate)} bars/s is ${((100 * nextOpen.rate) / ceiling).toFixed(1)} % of the bare SMA 10/30 loop measured now (${Math.round(ceiling)} bars/s)`);

  progress('backtest: trend follower, realistic fills');
  const realistic = await barsPerSecond(bars, settingsOf(bars, 'trend-follower', {}, 'realistic'));
  progress(`  ${realistic.trades} round trips, ${realistic.fills} fills`);

  progress('backtest: sweep of 100 trials (sma-cross fast 2…20 × slow 30…300) on 2 worker threads, thread start-up included');
  const sweepStart = process.hrtime.bigint();
  const sweep = await runSweep(bars, settingsOf(bars, 'sma-cross', { fast: 10, slow: 30 }, 'next-open'), { fast: valueRange(2, 20, 2), slow: valueRange(30, 300, 30) }, { workers: 2 });
  const sweepSeconds = Number(process.hrtime.bigint() - sweepStart) / 1e9;
  if (sweep.registry.count !== 100) throw new Error(`the sweep ran ${sweep.registry.count} trials, not 100`);

  progress('backtest: peak memory over 1,000,000 synthetic bars (child process)');
  const rss = peakRssMb();
  // Context only: the command's whole report runs the backtest four times (0×–3× costs).
  peakRssMb('--report');

  return {
    backtest_bars_per_s: Math.round(nextOpen.rate),
    backtest_bars_per_s_realistic: Math.round(realistic.rate),
    backtest_sweep_trials_per_s: Math.round((100 / sweepSeconds) * 10) / 10,
    backtest_peak_rss_mb: Math.round(rss),
  };
}

if (process.argv.includes(CHILD_FLAG)) {
  await peakRssChild();
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchBacktest())}\n`);
}
