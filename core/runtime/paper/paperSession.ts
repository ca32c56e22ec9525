import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../model/index.ts';
import type { BotConfig, StateCause, TradingStateName, TradingStateSnapshot } from '../../contract/index.ts';
import { OrderManager, type ExchangePort, type SubmitResult, type ExecutionClock, type Fill, type Order } from '../../execution/index.ts';
import { openJournal, type Journal } from '../../journal/index.ts';
import type { Logger } from '../../log/index.ts';
import { checkStaleness, timeframeMs, validateCandles, type Candle, type CandleIssue, type MarketInfo, type Timeframe } from '../../market/index.ts';
import { createPaperExchange, DEFAULT_FILL_MODEL, type PaperExchange } from '../../paper/index.ts';
import {
  createEquityWatermarks,
  createRiskMonitor,
  DEFAULT_TRIGGER_SETTINGS,
  evaluate,
  isSendable,
  decisionAuditPayload,
  type AccountView,
  type EquityMarks,
  type EquityWatermarks,
  type RiskLimits,
  type RiskDecision,
  type RiskMonitor,
  type TradingStateMachine,
} from '../../risk/index.ts';
import { isAiStrategyId } from '../../model/index.ts';
import { createSignalEmitter, createStrategy, intentFor, type Intent, type PolicyPosition, type Signal, type Strategy } from '../../signals/index.ts';
import { createPerformanceTracker, type PerformanceTracker } from './performanceTracker.ts';
import { DecisionFeed } from './decisionFeed.ts';
import { acceptReview, type EntryReviewContext, type EntryReviewer, type SignalProposer } from './entryReview.ts';
import { createRollingQuoteVolume, replayMarketView } from './replayMarketView.ts';
import { createRecentIssues, type RecentIssues } from './recentIssues.ts';
import { paperAccountView, policyPositionOf, withFill, type Holdings } from './paperAccountView.ts';

/** History the volatility check is given when it starts mid-series: its slowest yardstick spans four weeks. */
const VOLATILITY_HISTORY_MS = 42 * 86_400_000;

const STATE_WORDS: Record<TradingStateName, string> = { ACTIVE: 'active', SAFE_MODE: 'safe mode (only reducing positions)', PAUSED: 'paused', KILLED: 'killed' };

/** What `evaluate` decided for an intent, and what the OrderManager made of it when it was sent. */
export interface DecisionOutcome {
  readonly decision: RiskDecision;
  readonly submitted: SubmitResult | null;
}

export interface PaperSessionOptions {
  readonly journalPath: string;
  readonly config: BotConfig;
  readonly candles: readonly Candle[];
  readonly timeframe: Timeframe;
  readonly market: MarketInfo;
  readonly tradingState: TradingStateMachine;
  readonly limits: () => RiskLimits;
  readonly log: Logger;
  /** What the prices are, journaled at the start: only live prices count toward the live gate's paper record. */
  readonly prices: 'synthetic' | 'replay' | 'live';
  /** Seed of the paper exchange's random draws (latency jitter); same seed, same fills. */
  readonly seed: number;
  /** When the person started this session, on the computer's clock (the paper record counts time run from it). Default: now. */
  readonly startedAtWallMs?: number;
  /** The session's identity in its first row. Default: a fresh random id (tests that compare journals give a fixed one). */
  readonly sessionId?: string;
  /**
   * Wraps the exchange the OrderManager talks to (the paper exchange here); the composed core uses
   * it to inject exchange faults in tests and chaos runs. Without it the port is used as it is.
   */
  readonly decorateExchange?: (port: ExchangePort) => ExchangePort;
  /** The trained model and the LLM second opinion, when switched on: they may skip or shrink entries, never more. */
  readonly entryReviewer?: EntryReviewer | null;
  /**
   * The AI strategies (`ai-model`, `llm-advisor`) need parts only the AI layer has: the strategy
   * built on the trained model, or the advisor asked each bar. A run of an AI strategy without
   * them does not open.
   */
  readonly aiStrategy?: { readonly strategy: Strategy; readonly proposer?: SignalProposer } | null;
}

/** What one bar changed, for the driver (which paces bars and batches journal writes). */
export interface BarOutcome {
  /** Async work is due: orders to sync or an intent to decide. */
  readonly needsAsync: boolean;
}

/** Safe mode is on and every cause has cleared: the person (or their replay setting) decides now. */
export function safeModeCanBeLeft(machine: TradingStateMachine): boolean {
  if (machine.snapshot().state !== 'SAFE_MODE') return false;
  return machine.status().activeTriggers.length === 0;
}

/**
 * One paper bot on one market: the whole pipeline, bar by bar, on a replay clock.
 * candles → validation → strategy → signal → policy → intent → risk → OrderManager → paper
 * exchange → fills → positions/P&L → risk state. Live trading runs the same steps with a
 * different ExchangePort and clock.
 */
export class PaperSession {
  readonly journal: Journal;
  readonly exchange: PaperExchange;
  readonly orders: OrderManager;
  readonly strategy: Strategy;
  readonly feed = new DecisionFeed();
  readonly tracker: PerformanceTracker;
  readonly overlayValues: number[][];
  readonly #options: PaperSessionOptions;
  readonly #monitor: RiskMonitor;
  readonly #watermarks: EquityWatermarks;
  readonly #emitter: ReturnType<typeof createSignalEmitter>;
  readonly #volume24h: { push(candle: Candle): number };
  #issues!: RecentIssues;
  /** Bars that cannot be real (high below low, a price of zero…): skipped, never fed to the strategy or the exchange. */
  readonly #impossibleBars = new Set<number>();
  /** The bars so far: the whole replay, or the history and then each live bar as it closes. */
  readonly #candles: Candle[];
  readonly #intervalMs: number;
  readonly #clock: ExecutionClock & { set(atMs: number): void };
  #nextIndex = 0;
  #marks: EquityMarks | null = null;
  #pendingSignal: { signal: Signal; candle: Candle } | null = null;
  /** A bar the proposer (the AI advisor) is still to be asked about. */
  #pendingProposal: Candle | null = null;
  #proposedStance: Signal['stance'] = 'neutral';
  #quoteVolume = 0;
  #atrQuote: number | null = null;
  readonly #orderTimesMs: number[] = [];
  /** Whether any order was live after the last settle, and the exchange's activity seen then. */
  #liveOrders = false;
  #holdings: Holdings = { cashQuote: 0, base: 0 };
  #seenActivity = 0;

  private constructor(options: PaperSessionOptions, journal: Journal, exchange: PaperExchange) {
    this.#options = options;
    this.journal = journal;
    this.exchange = exchange;
    this.#intervalMs = timeframeMs(options.timeframe);
    this.#candles = [...options.candles];
    let nowMs = options.candles[0]?.openTimeMs ?? 0;
    this.#clock = {
      nowMs: () => nowMs,
      set: (atMs) => { nowMs = atMs; },
      // Replays have no real waiting: a retry's pause passes in simulated time.
      sleep: (ms) => { nowMs += ms; return Promise.resolve(); },
    };
    this.orders = new OrderManager({ exchange: options.decorateExchange?.(exchange) ?? exchange, journal, clock: this.#clock, requeryDelayMs: 0 });
    const { strategyId } = options.config;
    const ai = options.aiStrategy ?? null;
    if (isAiStrategyId(strategyId) && ai === null) throw new Error('an AI strategy needs its parts from the AI layer');
    this.strategy = isAiStrategyId(strategyId) ? (ai as NonNullable<typeof ai>).strategy : createStrategy(strategyId);
    this.#emitter = createSignalEmitter(this.strategy, options.config.symbol);
    this.overlayValues = this.strategy.description.overlays.map(() => []);
    this.tracker = createPerformanceTracker(options.config.startingBalanceQuote, options.market.fees.takerRate);
    this.#watermarks = createEquityWatermarks({ timeZone: () => options.limits().dayBoundaryTimeZone, journal });
    this.#monitor = createRiskMonitor({
      machine: options.tradingState,
      watermarks: this.#watermarks,
      limits: options.limits,
      // After a restart (or mid-history) the volatility check starts from the bars already held,
      // so it judges at once instead of weeks later, and a crash in progress is found again.
      candlesBefore: (_symbol, _timeframe, openTimeMs) => this.#barsBefore(openTimeMs, VOLATILITY_HISTORY_MS),
    });
    this.#volume24h = createRollingQuoteVolume(Math.round(86_400_000 / this.#intervalMs));
    this.#trackIssues();
  }

  /** Up to `spanMs` of the bars held before `openTimeMs`, oldest first, skipping bars that cannot be real. */
  #barsBefore(openTimeMs: number, spanMs: number): Candle[] {
    const bars: Candle[] = [];
    this.#candles.forEach((candle, index) => {
      if (candle.openTimeMs < openTimeMs && candle.openTimeMs >= openTimeMs - spanMs && !this.#impossibleBars.has(index)) bars.push(candle);
    });
    return bars;
  }

  /** The validator's findings over every bar held; impossible bars are remembered so they are never traded on. */
  #trackIssues(): void {
    const issues = validateCandles(this.#candles, this.#options.timeframe);
    this.#issues = createRecentIssues(issues);
    for (const issue of issues) if (issue.kind === 'impossible-bar') this.#impossibleBars.add(issue.index);
  }

  /** Opens (or reopens) the session's journal and paper account. */
  static open(options: PaperSessionOptions): Result<PaperSession, string> {
    if (isAiStrategyId(options.config.strategyId) && (options.aiStrategy ?? null) === null) return err('this strategy needs Ballast\'s AI, which gave it nothing to run.');
    // Pretend money: see `durability` in openJournal for what 'simulated' gives up and why it is safe here.
    const journal = openJournal(options.journalPath, { durability: 'simulated' });
    const quote = options.market.quote;
    const created = createPaperExchange({
      journal,
      markets: [options.market],
      initialBalances: { [quote]: options.config.startingBalanceQuote },
      feed: { kind: 'replay', timeframe: options.timeframe, startAtMs: options.candles[0]?.openTimeMs ?? 0 },
      fillModel: DEFAULT_FILL_MODEL,
      seed: options.seed,
      logger: options.log,
    });
    if (!created.ok) {
      journal.close();
      return err(created.error.reason);
    }
    if (journal.head() === undefined) {
      // Says what this run trades on, for the live gate: replays never count as a paper record.
      journal.append({
        atMs: options.candles[0]?.openTimeMs ?? 0,
        kind: 'system',
        // The session's identity and start live in its first, chained row, not in its file name:
        // a copied or renamed file is still the same session, counted once.
        payload: {
          event: 'paper_session_started', strategyId: options.config.strategyId, prices: options.prices,
          sessionId: options.sessionId ?? randomUUID(), startedAtWallMs: options.startedAtWallMs ?? Date.now(),
        },
      });
    }
    return ok(new PaperSession(options, journal, created.value));
  }

  get barsProcessed(): number {
    return this.#nextIndex;
  }

  get totalBars(): number {
    return this.#candles.length;
  }

  /**
   * Live prices: bars that closed since the last call, after the ones held. Validation runs again
   * over all bars, so a gap at the seam is found like any other.
   */
  appendBars(bars: readonly Candle[]): number {
    const lastMs = this.#candles.at(-1)?.openTimeMs ?? Number.NEGATIVE_INFINITY;
    const fresh = bars.filter((bar) => bar.openTimeMs > lastMs);
    if (fresh.length === 0) return 0;
    this.#candles.push(...fresh);
    this.#trackIssues();
    return fresh.length;
  }

  /** Live prices: is the newest bar as recent as the wall clock says it should be? Feeds the data-feed trigger. */
  checkFeedFreshness(wallNowMs: number): void {
    const last = this.#candles.at(-1);
    const stale = checkStaleness(last?.openTimeMs ?? null, wallNowMs, this.#options.timeframe, DEFAULT_TRIGGER_SETTINGS.dataFeed.maxStaleIntervals, this.#candles.length - 1);
    const recent = this.#issues.upTo(this.#nextIndex - 1, wallNowMs);
    this.#monitor.onFeedValidation(this.#options.config.symbol, this.#options.timeframe, { nowMs: wallNowMs, issues: stale === null ? recent : [...recent, stale] });
  }

  /** True when safe mode could be left now; the driver stops to let the controller decide. */
  get safeModeCanBeLeft(): boolean {
    return safeModeCanBeLeft(this.#options.tradingState);
  }

  get isFinished(): boolean {
    return this.#nextIndex >= this.#candles.length;
  }

  get config(): BotConfig {
    return this.#options.config;
  }

  get market(): MarketInfo {
    return this.#options.market;
  }

  /** Holdings worth less than this (quote currency) are leftovers, not a position. */
  get dustPositionQuote(): number {
    return this.#options.limits().dustPositionQuote;
  }

  get candles(): readonly Candle[] {
    return this.#candles;
  }

  /**
   * After a restart: brings the chart, indicators and equity curve back to `bars` without
   * trading again or re-tripping risk triggers on bars already judged. Equity is rebuilt from the
   * journaled fills, bar by bar.
   */
  rebuildTo(bars: number): void {
    const { candles, market, config } = this.#options;
    const fills = this.orders.fills();
    let nextFill = 0;
    let holdings: Holdings = { cashQuote: config.startingBalanceQuote, base: 0 };
    const end = Math.min(bars, candles.length);
    for (let index = 0; index < end; index += 1) {
      const candle = candles[index] as Candle;
      const closeMs = candle.openTimeMs + this.#intervalMs;
      for (; nextFill < fills.length && (fills[nextFill]?.atMs ?? Infinity) <= closeMs; nextFill += 1) {
        holdings = withFill(holdings, fills[nextFill] as Fill, market);
      }
      if (this.#impossibleBars.has(index)) {
        for (const values of this.overlayValues) values.push(Number.NaN);
        this.#clock.set(closeMs);
        continue;
      }
      this.#quoteVolume = this.#volume24h.push(candle);
      const step = this.#emitter.next(candle);
      for (let i = 0; i < this.overlayValues.length; i += 1) this.overlayValues[i]?.push(step.reading.overlayValues[i] ?? Number.NaN);
      this.#options.entryReviewer?.onClosedBar(candle, this.journal, closeMs);
      this.tracker.onBar(candle.openTimeMs, candle.close, holdings.cashQuote + holdings.base * candle.close, this.#exposureAt(holdings.base, candle.close));
      this.#clock.set(closeMs);
    }
    this.#nextIndex = end;
    this.feed.state('Ballast was restarted: the paper bot is stopped, its account and positions are as they were.', this.#clock.nowMs());
  }

  /** Reconciles orders with the paper exchange; the session trades only when this says READY. */
  async start(): Promise<string | null> {
    const readiness = await this.orders.start();
    this.#liveOrders = this.#hasLiveOrders();
    this.#seenActivity = this.exchange.matchingActivity();
    this.#refreshHoldings();
    return readiness.state === 'READY' ? null : readiness.state === 'REFUSED' ? readiness.message : `Orders are ${readiness.state}.`;
  }

  /**
   * The synchronous part of one bar: the paper exchange matches it, risk sees the new marks and
   * the feed, the strategy reads it. Async work (syncing fills, deciding on a signal) is left
   * for `settle`, so many quiet bars can share one journal commit.
   */
  stepBar(): BarOutcome {
    const index = this.#nextIndex;
    const candle = this.#candles[index];
    if (candle === undefined) return { needsAsync: false };
    this.#nextIndex = index + 1;
    const { symbol } = this.#options.config;
    const closeMs = candle.openTimeMs + this.#intervalMs;
    this.#clock.set(closeMs);
    if (this.#impossibleBars.has(index)) return this.#skipImpossibleBar(index, candle, closeMs);
    const matched = this.exchange.onCandle(symbol, candle);
    if (matched.kind !== 'ok') this.#options.log.warn({ symbol, detail: matched }, 'paper exchange refused a bar');
    this.#quoteVolume = this.#volume24h.push(candle);
    this.tracker.onBar(candle.openTimeMs, candle.close, this.#equityAt(candle.close), this.#exposureAt(this.#holdings.base, candle.close));
    this.#marks = this.#monitor.onEquity(this.tracker.lastEquityQuote, this.#options.market.quote, closeMs);
    this.#monitor.onClosedCandle(symbol, this.#options.timeframe, candle);
    this.#monitor.onFeedValidation(symbol, this.#options.timeframe, { nowMs: closeMs, issues: this.#issues.upTo(index, closeMs) });
    const step = this.#emitter.next(candle);
    for (let i = 0; i < this.overlayValues.length; i += 1) this.overlayValues[i]?.push(step.reading.overlayValues[i] ?? Number.NaN);
    if (step.reading.atrQuote !== null) this.#atrQuote = step.reading.atrQuote;
    this.#options.entryReviewer?.onClosedBar(candle, this.journal, closeMs);
    if (step.signal) {
      this.journal.append({ atMs: closeMs, kind: 'signal', subject: symbol, payload: step.signal });
      this.feed.signal(this.strategy.description.name, step.signal, closeMs);
      this.#pendingSignal = { signal: step.signal, candle };
    }
    if (this.#options.aiStrategy?.proposer !== undefined) this.#pendingProposal = candle;
    const activity = this.exchange.matchingActivity();
    return { needsAsync: this.#pendingSignal !== null || this.#pendingProposal !== null || (this.#liveOrders && activity !== this.#seenActivity) };
  }

  /**
   * A bar that cannot be real is not traded on and does not move the indicators; the data-feed
   * check still sees it (safe mode), and the run goes on instead of failing.
   */
  #skipImpossibleBar(index: number, candle: Candle, closeMs: number): BarOutcome {
    const { symbol } = this.#options.config;
    this.#monitor.onFeedValidation(symbol, this.#options.timeframe, { nowMs: closeMs, issues: this.#issues.upTo(index, closeMs) });
    for (const values of this.overlayValues) values.push(Number.NaN);
    this.journal.append({ atMs: closeMs, kind: 'system', subject: symbol, payload: { event: 'impossible_bar_skipped', openTimeMs: candle.openTimeMs } });
    this.feed.state(`The bar of ${new Date(candle.openTimeMs).toISOString().slice(0, 16).replace('T', ' ')} UTC cannot be real (for example its high is below its low); the bot skipped it.`, closeMs);
    return { needsAsync: false };
  }

  /** The async part: pull fills into the journal, then act on a pending signal. */
  async settle(): Promise<void> {
    // Only when matching changed an order since the last look: a quiet book has nothing to sync.
    const activity = this.exchange.matchingActivity();
    if (this.#liveOrders && activity !== this.#seenActivity) await this.orders.sync();
    this.#seenActivity = activity;
    const proposed = await this.#askProposer();
    const pending = this.#pendingSignal ?? proposed;
    this.#pendingSignal = null;
    if (pending !== null) {
      const proposed = intentFor(pending.signal, this.#policyPosition(pending.candle.close), this.#clock.nowMs());
      const intent = proposed === null ? null : await this.#review(proposed, pending.candle);
      if (intent !== null) await this.#decide(intent, pending.candle);
    }
    this.#liveOrders = this.#hasLiveOrders();
    this.#refreshHoldings();
    this.#reportExchangeHealth();
  }

  /**
   * The AI advisor, when it proposes trades (paper only), is asked about the latest bar: an
   * accepted answer is a signal like a strategy's, journaled; the feed shows it when its stance
   * changes. A rejected answer proposes nothing (the advisor journaled why).
   */
  async #askProposer(): Promise<{ signal: Signal; candle: Candle } | null> {
    const proposer = this.#options.aiStrategy?.proposer;
    const candle = this.#pendingProposal;
    this.#pendingProposal = null;
    if (proposer === undefined || candle === null) return null;
    const signal = await proposer.propose(candle, this.#reviewContext(candle));
    if (signal === null) return null;
    this.journal.append({ atMs: this.#clock.nowMs(), kind: 'signal', subject: signal.symbol, payload: signal });
    if (signal.stance !== this.#proposedStance) this.feed.signal(this.strategy.description.name, signal, this.#clock.nowMs());
    this.#proposedStance = signal.stance;
    return { signal, candle };
  }

  /** What a reviewer or the proposer may look at for this bar. */
  #reviewContext(candle: Candle): EntryReviewContext {
    const account = this.accountView(candle.close);
    return {
      // Enough bars for the brief's window and its indicators; the model keeps its own stream.
      candles: this.#candles.slice(Math.max(0, this.#nextIndex - 500), this.#nextIndex),
      limits: this.#options.limits(),
      tradingState: this.#options.tradingState.snapshot().state,
      equityQuote: account.equityQuote,
      openPositions: this.orders.positions().filter((position) => position.amountBase * candle.close >= this.#options.limits().dustPositionQuote).length,
      positionBase: this.#holdings.base,
      journal: this.journal,
      atMs: this.#clock.nowMs(),
    };
  }

  /**
   * The model filter and the LLM second opinion between policy and risk, for entries only. What
   * comes back passes `acceptReview` (same entry, never larger) or the entry is skipped.
   */
  async #review(intent: Intent, candle: Candle): Promise<Intent | null> {
    const reviewer = this.#options.entryReviewer;
    if (reviewer === undefined || reviewer === null || intent.purpose !== 'entry') return intent;
    const atMs = this.#clock.nowMs();
    const outcome = await reviewer.review(intent, candle, this.#reviewContext(candle));
    if (outcome === null) return intent;
    const accepted = acceptReview(intent, outcome.intent);
    this.feed.add({ atMs, outcome: accepted === null ? 'rejected' : 'signal', text: outcome.text, reasonCodes: [], ai: outcome.ai });
    return accepted;
  }

  /** How the exchange has been answering (errors, 429s, bans in the window) feeds the error-rate trigger. */
  #reportExchangeHealth(): void {
    this.#monitor.onExchangeErrorRate(this.orders.health());
  }

  /**
   * A person's order (origin `manual`) at the latest replayed bar: exactly the path the
   * strategy's intents take — same market view, same account view, same `evaluate`, same
   * journal rows and order-rate count. Only call it between bars (the replay stopped).
   */
  async decideManual(intent: Intent): Promise<DecisionOutcome | null> {
    const candle = this.#candles[this.#nextIndex - 1];
    if (candle === undefined) return null;
    const outcome = await this.#decide(intent, candle);
    await this.settle();
    return outcome;
  }

  async #decide(intent: Intent, candle: Candle): Promise<DecisionOutcome> {
    const atMs = this.#clock.nowMs();
    const limits = this.#options.limits();
    const market = replayMarketView({
      market: this.#options.market,
      candle,
      closeTimeMs: atMs,
      quoteVolume24h: this.#quoteVolume,
      atrQuote: this.#atrQuote,
      fillModel: DEFAULT_FILL_MODEL,
      depthWithinBps: Math.min(limits.priceBandBps, 50),
    });
    // An exit replaces the position's protective stop (the stop holds the coins the exit sells),
    // so risk judges it as if the stop were already cancelled; the stop is cancelled only if the
    // exit is approved.
    const replacesStop = intent.purpose === 'exit';
    const account = this.accountView(candle.close, replacesStop ? intent.symbol : null);
    const decision = evaluate(intent, account, market, limits, this.#options.tradingState.snapshot().state);
    this.journal.append({ atMs, kind: 'risk_decision', subject: intent.symbol, payload: { intent, decision: decisionAuditPayload(decision) } });
    this.feed.decision(decision, intent, account.equityQuote, account.quoteAsset, atMs);
    if (!isSendable(decision)) return { decision, submitted: null };
    if (replacesStop) await this.#releaseProtectiveStops(decision.order.symbol, atMs);
    this.#orderTimesMs.push(atMs);
    const submitted = await this.orders.submit(decision.order, { referencePriceQuote: candle.close, protectiveStopPriceQuote: intent.stopPriceQuote });
    if (!submitted.ok) this.feed.refusal(`The order was not sent: ${submitted.error.reason}`, submitted.error.code, atMs);
    else if (submitted.value.status === 'REJECTED') this.feed.refusal(`The exchange refused the order: ${submitted.value.statusReason ?? 'no reason given'}`, 'EXCHANGE_REJECTED', atMs);
    return { decision, submitted };
  }

  /**
   * A resting protective stop holds the position's coins, so an exit could not sell them. The
   * stop is cancelled first; the exit is a marketable limit that replaces its protection.
   */
  async #releaseProtectiveStops(symbol: string, atMs: number): Promise<void> {
    for (const stop of this.openOrders().filter((order) => order.symbol === symbol && order.purpose === 'protective_stop')) {
      const result = await this.orders.cancel(stop.clientOrderId);
      this.journal.append({ atMs, kind: 'order', subject: stop.clientOrderId, payload: { event: 'protective_stop_released_for_exit', result: result ?? null } });
    }
  }

  /**
   * What the risk layer needs to know about the paper account, marked at `markQuote`; with
   * `withoutStopsOf`, as it will be once that market's protective stops are cancelled.
   */
  accountView(markQuote: number, withoutStopsOf: string | null = null): AccountView {
    return paperAccountView({
      market: this.#options.market,
      holdings: this.#holdings,
      positions: this.orders.positions(),
      openOrders: this.openOrders().filter((order) => !(order.purpose === 'protective_stop' && order.symbol === withoutStopsOf)),
      markQuote,
      marks: this.#marks,
      orderTimesMs: this.#orderTimesMs,
      nowMs: this.#clock.nowMs(),
    });
  }

  /** The high-water mark the drawdown limit measures from, and the equity at the latest bar. */
  highWaterMark(): { readonly highWaterMarkQuote: number; readonly equityQuote: number; readonly atMs: number } | null {
    const marks = this.#watermarks.current();
    if (marks === null || this.#nextIndex === 0) return null;
    return { highWaterMarkQuote: marks.highWaterMarkQuote, equityQuote: this.tracker.lastEquityQuote, atMs: this.#clock.nowMs() };
  }

  /**
   * The person's decision to measure drawdown from today's equity (audited in the session's
   * journal and kept across restarts). The drawdown check is run again at once, so a trip it
   * caused clears; leaving safe mode is still the person's own step.
   */
  resetHighWaterMark(cause: StateCause): { readonly fromQuote: number | null; readonly toQuote: number } | null {
    const before = this.highWaterMark();
    if (before === null) return null;
    const marks = this.#watermarks.resetHighWaterMark(before.equityQuote, before.atMs, cause);
    this.#marks = this.#monitor.onEquity(before.equityQuote, this.#options.market.quote, before.atMs);
    return { fromQuote: before.highWaterMarkQuote, toQuote: marks.highWaterMarkQuote };
  }

  /**
   * A trading-state change while this run is open, in its own journal at the bar's (market) time
   * with the computer's time beside it, and in the decision feed.
   */
  recordStateChange(snapshot: TradingStateSnapshot, previous: TradingStateSnapshot, wallTimeMs: number): void {
    const atMs = this.#clock.nowMs();
    this.journal.append({
      atMs,
      kind: 'state_change',
      payload: { event: 'trading_state_changed', from: previous.state, to: snapshot.state, cause: snapshot.cause, wallTimeMs },
    });
    this.feed.state(`Trading state: ${STATE_WORDS[snapshot.state]}. ${snapshot.cause.message}`, atMs);
  }

  openOrders(): Order[] {
    return this.orders.openOrders();
  }

  fills(): Fill[] {
    return this.orders.fills();
  }

  close(): void {
    this.journal.close();
  }

  #hasLiveOrders(): boolean {
    return this.orders.openOrders().length > 0;
  }

  /** Money in the market; fee leftovers too small to trade do not count as being in the market. */
  #exposureAt(base: number, markQuote: number): number {
    const valueQuote = base * markQuote;
    return valueQuote >= this.#options.limits().dustPositionQuote ? valueQuote : 0;
  }

  #equityAt(markQuote: number): number {
    return this.#holdings.cashQuote + this.#holdings.base * markQuote;
  }

  /** Cash and coins from the journaled fills; fills only arrive in `settle`, so it is refreshed there. */
  #refreshHoldings(): void {
    const deltas = this.orders.balanceDeltas();
    this.#holdings = {
      cashQuote: this.#options.config.startingBalanceQuote + (deltas.get(this.#options.market.quote) ?? 0),
      base: deltas.get(this.#options.market.base) ?? 0,
    };
  }

  #policyPosition(markQuote: number): PolicyPosition {
    return policyPositionOf(this.orders.positions(), this.#options.market, this.#options.limits().dustPositionQuote, markQuote);
  }
}

export type { CandleIssue };
