/**
 * The backtest engine: the pipeline paper and live trading run — strategy → signal → policy →
 * intent → risk (`evaluate`) → OrderManager → exchange → fills → positions — driven bar by bar
 * over history on a simulated clock. Only two things differ from live trading: the exchange (the
 * simulated one, see simulatedExchange.ts) and the clock. Orders are kept in memory
 * (`InMemoryOrderStore`) and summarised at the end.
 *
 * Speed comes from doing nothing on bars that need nothing: a bar without a signal and without
 * open orders costs the strategy's update and one multiply-add for the equity; the order path
 * (and its awaits) runs only where a decision or a fill happens.
 */
import { InMemoryOrderStore, OrderManager, type ExecutionClock, type Fill, type OrderStoreSummary } from '../execution/index.ts';
import { createEquityWatermarks } from '../risk/index.ts';
import { createSignalEmitter, createStrategyWith, intentFor, type Signal, type StrategyReading } from '../signals/index.ts';
import { BacktestInputError } from './backtestInputError.ts';
import type { BacktestBars } from './backtestBars.ts';
import type { BacktestSettings } from './backtestSettings.ts';
import { policyPositionOf, type Holdings } from './decisionViews.ts';
import { DecisionTally, type DecisionSummary } from './decisionTally.ts';
import { decideIntent, type DecisionContext } from './engineDecision.ts';
import { closeAtEnd } from './endOfRun.ts';
import { createSimulatedExchange, type BacktestVenue, type VenueInput } from './simulatedExchange.ts';
import { strategyWarmUp } from './strategyWarmUp.ts';
import { WatermarkFeed } from './watermarkFeed.ts';

export interface BacktestProgress {
  readonly bar: number;
  readonly bars: number;
}

export interface RunOptions {
  /** Cancels the run between bars; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: BacktestProgress) => void;
  /** Sees every reading the engine acted on (the lookahead check compares them). */
  readonly onReading?: (bar: number, reading: StrategyReading) => void;
  /** No trading before this bar (walk-forward test windows start after their warm-up bars). */
  readonly tradingStartBar?: number;
  /** The exchange to run against; the simulated one by default (another, e.g. the paper exchange, to compare fills). */
  readonly venue?: (input: VenueInput) => BacktestVenue;
}

/** One finished run: what happened, before any statistics. */
export interface BacktestRun {
  readonly settings: BacktestSettings;
  readonly bars: BacktestBars;
  /** Account value at each bar's close, in quote currency. */
  readonly equity: Float64Array;
  /** First bar the strategy was allowed to trade at: after its warm-up (and `tradingStartBar`). */
  readonly tradingStartBar: number;
  readonly fills: readonly Fill[];
  readonly feesQuote: number;
  readonly slippageQuote: number;
  /** Value of every fill added up. */
  readonly turnoverQuote: number;
  readonly decisions: DecisionSummary;
  readonly journal: OrderStoreSummary;
  /** Base still held after the last bar (0 with close-at-end, unless that sale was refused). */
  readonly openPositionBase: number;
  readonly seconds: number;
}

const PROGRESS_EVERY_BARS = 8_192;

function simulatedClock(startMs: number): ExecutionClock & { set(atMs: number): void } {
  let nowMs = startMs;
  return {
    nowMs: () => nowMs,
    set(atMs) {
      nowMs = atMs;
    },
    // No real waiting in a backtest: a retry's pause passes in simulated time.
    sleep(ms) {
      nowMs += ms;
      return Promise.resolve();
    },
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw signal.reason instanceof Error ? signal.reason : new Error('The backtest was cancelled.');
}

export async function runBacktest(bars: BacktestBars, settings: BacktestSettings, options: RunOptions = {}): Promise<BacktestRun> {
  const started = process.hrtime.bigint();
  const built = createStrategyWith(settings.strategy.id, settings.strategy.parameters);
  if (!built.ok) throw new BacktestInputError('UNUSABLE_STRATEGY', `The strategy settings are not usable: ${built.problem.code}.`);
  const { strategy } = built;
  const n = bars.length;
  const { timeMs, close, intervalMs } = bars;
  const clock = simulatedClock(timeMs[0] as number);
  const exchange = (options.venue ?? createSimulatedExchange)({ market: settings.market, bars, startingQuote: settings.cashQuote, model: settings.fillModel, nowMs: () => clock.nowMs() });
  const store = new InMemoryOrderStore();
  const orders = new OrderManager({ exchange, orderStore: store, clock, requeryDelayMs: 0 });
  const readiness = await orders.start();
  if (readiness.state !== 'READY') throw new Error(`The simulated exchange did not start: ${readiness.state}.`);

  const warmUp = strategyWarmUp(settings, bars);
  const tradingStartBar = Math.max(options.tradingStartBar ?? 0, warmUp - 1);
  const emitter = createSignalEmitter(strategy, settings.symbol);
  const tally = new DecisionTally();
  const limits = settings.riskLimits;
  const watermarks = settings.risk === 'on' ? new WatermarkFeed(createEquityWatermarks({ timeZone: () => limits.dayBoundaryTimeZone }), limits.dayBoundaryTimeZone) : null;
  const { base: baseAsset, quote: quoteAsset } = settings.market;
  let cash = settings.cashQuote;
  let held = 0;
  const refreshHoldings = (): void => {
    const deltas = orders.balanceDeltas();
    cash = settings.cashQuote + (deltas.get(quoteAsset) ?? 0);
    held = deltas.get(baseAsset) ?? 0;
  };
  const context: DecisionContext = { settings, bars, orders, tally, watermarks, orderTimesMs: [], holdings: (): Holdings => ({ cashQuote: cash, base: held }) };
  const policy = { entryFractionOfEquity: settings.sizeFraction, marketableLimitOffsetBps: 10, orderType: settings.fillModel.name === 'next-open' ? 'market' : 'limit' } as const;
  const nextOpen = settings.fillModel.name === 'next-open';
  const dust = limits.dustPositionQuote;

  const decide = async (signal: Signal, bar: number, phase: 'open' | 'close', atrQuote: number | null): Promise<void> => {
    const markQuote = phase === 'open' ? (bars.open[bar] as number) : (close[bar] as number);
    const intent = intentFor(signal, policyPositionOf(orders.positions(), settings.market, dust, markQuote), clock.nowMs(), policy);
    if (intent !== null) await decideIntent(context, intent, bar, phase, atrQuote);
    refreshHoldings();
  };

  const equity = new Float64Array(n);
  let pending: Signal | null = null;
  let pendingAtr: number | null = null;
  let atrQuote: number | null = null;
  let seenActivity = exchange.activity();
  for (let bar = 0; bar < n; bar++) {
    if ((bar & (PROGRESS_EVERY_BARS - 1)) === 0) {
      throwIfAborted(options.signal);
      options.onProgress?.({ bar, bars: n });
    }
    const openMs = timeMs[bar] as number;
    const closeMs = openMs + intervalMs;
    if (pending !== null) {
      // next-open: the signal of the previous close is acted on at this bar's open.
      clock.set(openMs);
      exchange.moveTo(bar, 'open');
      await decide(pending, bar, 'open', pendingAtr);
      pending = null;
    }
    if (exchange.hasOpenOrders()) {
      clock.set(closeMs);
      exchange.moveTo(bar, 'close');
      exchange.matchBar(bar);
      if (exchange.activity() !== seenActivity) {
        await orders.sync();
        refreshHoldings();
      }
      seenActivity = exchange.activity();
    }
    const step = emitter.next(bars.candleAt(bar));
    options.onReading?.(bar, step.reading);
    if (step.reading.atrQuote !== null) atrQuote = step.reading.atrQuote;
    const value = cash + held * (close[bar] as number);
    equity[bar] = value;
    watermarks?.atClose(value, closeMs);
    const signal = step.signal;
    if (signal === null || bar < tradingStartBar) continue;
    tally.signals++;
    if (nextOpen) {
      pending = signal;
      pendingAtr = atrQuote;
      continue;
    }
    clock.set(closeMs);
    exchange.moveTo(bar, 'close');
    await decide(signal, bar, 'close', atrQuote);
    seenActivity = exchange.activity();
  }
  if (settings.closeAtEnd && n > 0) {
    await closeAtEnd({ context, exchange, clock, bar: n - 1, atrQuote });
    refreshHoldings();
    equity[n - 1] = cash + held * (close[n - 1] as number);
  }
  options.onProgress?.({ bar: n, bars: n });

  const { feesQuote, slippageQuote, turnoverQuote } = exchange.costs();
  return {
    settings,
    bars,
    equity,
    tradingStartBar,
    fills: orders.fills(),
    feesQuote,
    slippageQuote,
    turnoverQuote,
    decisions: tally.summary(),
    journal: store.summary(),
    openPositionBase: held,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
