import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../core/log/index.ts';
import { importCandlesFromCsvFile, type Candle } from '../../core/market/index.ts';
import { createTradingStateMachine, defaultRiskLimits } from '../../core/risk/index.ts';
import { demoMarketRules } from '../../core/runtime/paper/demoMarketRules.ts';
import { PaperSession } from '../../core/runtime/paper/paperSession.ts';
import { replayToEnd } from '../../core/runtime/paper/priceDriver.ts';
import { ATR, SMA, TREND_FOLLOWER_DEFAULTS } from '../../core/signals/index.ts';
import { BTC_USDT_1H_CSV, sharedDataPath } from '../support/sharedData.ts';
import { median, progress } from './stats.ts';

const ROUNDS = 3;

async function btcCandles(): Promise<Candle[]> {
  const imported = await importCandlesFromCsvFile(sharedDataPath(BTC_USDT_1H_CSV));
  if (!imported.ok) throw new Error(imported.error.message);
  return imported.value.candles;
}

/** The whole replay pipeline once: strategy → risk → OrderManager → paper exchange. */
async function replayOnce(candles: readonly Candle[], journalPath: string): Promise<{ candlesPerSecond: number; fills: number }> {
  const limits = defaultRiskLimits('paper', 'UTC');
  const tradingState = createTradingStateMachine({ nowMs: () => 0 });
  const opened = PaperSession.open({
    prices: 'synthetic',
    journalPath,
    config: { source: { kind: 'synthetic' }, symbol: 'BTC/USDT', strategyId: 'trend-follower', barsPerSecond: 1, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true },
    candles,
    timeframe: '1h',
    market: demoMarketRules('BTC/USDT', candles[0]?.close ?? 1),
    // The trading state lives in memory here: the benchmark measures the pipeline, not latching.
    tradingState,
    limits: () => limits,
    log: createLogger({ level: 'silent' }),
    seed: 1,
  });
  if (!opened.ok) throw new Error(opened.error);
  const { value: session } = opened;
  const refusal = await session.start();
  if (refusal !== null) throw new Error(refusal);
  const start = process.hrtime.bigint();
  // As with the replay setting "leave safe mode automatically": the file's real outages trip it.
  await replayToEnd(session, () => {
    tradingState.leaveSafeMode({ code: 'BENCH', message: 'benchmark replay' });
    return true;
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const fills = session.fills().length;
  session.close();
  return { candlesPerSecond: candles.length / seconds, fills };
}

export async function benchPaperPipeline(): Promise<Record<string, number>> {
  progress('paper pipeline replay (BTC/USDT 1h, journal on and off)');
  const candles = await btcCandles();
  const dir = mkdtempSync(join(tmpdir(), 'ballast-bench-pipeline-'));
  const on: number[] = [];
  const off: number[] = [];
  await replayOnce(candles, ':memory:'); // warm-up
  for (let round = 0; round < ROUNDS; round += 1) {
    const withJournal = await replayOnce(candles, join(dir, `run-${round}.sqlite`));
    const without = await replayOnce(candles, ':memory:');
    // A run that never traded would measure an idle loop; the pipeline must have done its work.
    if (withJournal.fills === 0 || without.fills !== withJournal.fills) throw new Error('the pipeline runs disagree or never traded');
    on.push(withJournal.candlesPerSecond);
    off.push(without.candlesPerSecond);
  }
  return {
    paper_pipeline_candles_per_s_journal_on: Math.round(median(on)),
    paper_pipeline_candles_per_s_journal_off: Math.round(median(off)),
  };
}

/**
 * The trend follower's indicators alone (SMA 20, SMA 50, ATR 14) in a tight loop: the ceiling
 * any pipeline built on this strategy can reach.
 */
export async function benchIndicatorLoop(): Promise<Record<string, number>> {
  progress('indicator loop (the trend follower\'s indicators alone)');
  const candles = await btcCandles();
  const { fastBars, slowBars, atrBars } = TREND_FOLLOWER_DEFAULTS;
  const rates: number[] = [];
  let sink = 0;
  for (let round = 0; round < ROUNDS + 2; round += 1) {
    const fast = new SMA(fastBars);
    const slow = new SMA(slowBars);
    const atr = new ATR(atrBars);
    const start = process.hrtime.bigint();
    for (const candle of candles) {
      sink += (fast.update(candle.close) ?? 0) - (slow.update(candle.close) ?? 0) + (atr.update(candle.high, candle.low, candle.close) ?? 0);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (round > 1) rates.push(candles.length / seconds);
  }
  if (!Number.isFinite(sink)) throw new Error('indicator loop produced no numbers');
  return { indicator_loop_candles_per_s: Math.round(median(rates)) };
}
