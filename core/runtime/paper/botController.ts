import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { botIsUnderWay, ContractError, type BotConfig, type BotStatus, type DashboardSnapshot, type EventHub, type StateCause } from '../../contract/index.ts';
import type { ChainHead } from '../../journal/index.ts';
import type { Logger } from '../../log/index.ts';
import type { MarketDataPort, MarketResult, Timeframe } from '../../market/index.ts';
import { isAiStrategyId } from '../../model/index.ts';
import type { Strategy } from '../../signals/index.ts';
import type { EntryReviewer, SignalProposer } from './entryReview.ts';
import { fetchClosedBars, paperMarketFor } from './paperMarkets.ts';
import type { ExchangePort, KillReport } from '../../execution/index.ts';
import type { RiskLimits, TradingStateMachine } from '../../risk/index.ts';
import { killSwitch } from '../frame/killSwitch.ts';
import { DEMO_RULES_NOTE } from './demoMarketRules.ts';
import type { ReplayLibrary } from './replayLibrary.ts';
import { sessionView } from './dashboardView.ts';
import { PaperSession } from './paperSession.ts';
import { driveLive, driveReplay, type PriceDriver } from './priceDriver.ts';
import { performanceSummary } from './performanceSummary.ts';
import { paperRiskDesk, type PaperRiskDesk } from './paperRiskDesk.ts';

export interface BotControllerOptions {
  readonly dataDir: string;
  readonly tradingState: TradingStateMachine;
  readonly limits: () => RiskLimits;
  readonly replays: ReplayLibrary;
  readonly events: EventHub;
  readonly log: Logger;
  readonly nowMs: () => number;
  /** An exchange's public prices for live paper trading (the app: ccxt; tests: the fake exchange). */
  readonly marketData: (exchangeId: string) => MarketResult<MarketDataPort>;
  /** How often live prices are polled; tests shorten it. */
  readonly livePollMs?: number;
  /** Replay pacing tick; tests shorten it. */
  readonly tickMs?: number;
  /** Wraps the exchange each run's orders go to (fault injection in tests and chaos runs). */
  readonly decorateExchange?: (port: ExchangePort) => ExchangePort;
  /** The AI review of entries for a run (model filter, LLM second opinion), or null when both are off. */
  readonly entryReviewerFor?: (config: BotConfig, timeframe: Timeframe) => EntryReviewer | null;
  /** The parts of an AI strategy (`ai-model`, `llm-advisor`) for a run; throws a ContractError in plain words when it cannot run. */
  readonly aiStrategyFor?: (config: BotConfig, timeframe: Timeframe) => { readonly strategy: Strategy; readonly proposer?: SignalProposer };
}

export interface BotController {
  start(config: BotConfig): Promise<BotStatus>;
  stop(): Promise<BotStatus>;
  /** The replay stopped to ask about safe mode: leave it (if its causes cleared) or carry on reduce-only. */
  continueRun(leaveSafeMode: boolean): BotStatus;
  status(): BotStatus;
  dashboard(maxBars?: number): DashboardSnapshot;
  /** Kill: KILLED first, then cancel every open order of the bot and confirm the exchange shows none. */
  kill(cause: StateCause): Promise<KillReport | null>;
  /** After a restart: reopen the last paper account, stopped, so its positions and orders are visible. */
  restore(): Promise<void>;
  /** The current paper run's journal file (its orders, fills and decisions), or null. */
  sessionJournalPath(): string | null;
  /** The newest entry of the current run's journal as the bot wrote it (the Activity check's anchor), or null. */
  sessionJournalHead(): ChainHead | null;
  /** Open orders as the paper exchange itself lists them (not Ballast's own record), or null without a run. */
  openOrdersOnExchange(): Promise<number | null>;
  /** The paper account for the Risk limits screen (current use) and manual orders, through the same risk gate; null without one. */
  riskDesk(): PaperRiskDesk | null;
  /** Masks this value in every paper run journal, current and future. */
  registerSecretValue(value: string): void;
  /** Resolves when the running replay has finished (tests). */
  whenIdle(): Promise<void>;
  dispose(): void;
}

interface SavedSession {
  readonly sessionId: string;
  readonly config: BotConfig;
  readonly barsProcessed: number;
}

const DEFAULT_MAX_BARS = 1_500;
const IDLE: BotStatus = { phase: 'idle', config: null, marketLabel: '', isSynthetic: false, isLive: false, barsProcessed: 0, totalBars: 0, message: 'No paper bot has been started.' };

export function createBotController(options: BotControllerOptions): BotController {
  const folder = join(options.dataDir, 'paper');
  mkdirSync(folder, { recursive: true });
  const savedPath = join(folder, 'current.json');
  let session: PaperSession | null = null;
  let sessionId = '';
  let driver: PriceDriver | null = null;
  let status: BotStatus = IDLE;
  /** Live prices only: the exchange's public data for the running session. */
  let livePort: MarketDataPort | null = null;
  let rulesNote = DEMO_RULES_NOTE;
  const secretValues = new Set<string>();
  let idle: Promise<void> = Promise.resolve();
  let markIdle: () => void = () => undefined;

  const setStatus = (next: Partial<BotStatus>): BotStatus => {
    status = { ...status, ...next, barsProcessed: session?.barsProcessed ?? status.barsProcessed, totalBars: session?.totalBars ?? status.totalBars };
    options.events.emit('botProgressed', status);
    return status;
  };

  const save = (): void => {
    if (!session) return;
    const saved: SavedSession = { sessionId, config: session.config, barsProcessed: session.barsProcessed };
    const temporary = `${savedPath}.partial`;
    writeFileSync(temporary, JSON.stringify(saved));
    renameSync(temporary, savedPath);
  };

  /** Paper-only generated markets are allowed by construction; any other pair follows the person's allowlist. */
  const limitsFor = (config: BotConfig) => (): RiskLimits => {
    const limits = options.limits();
    if (config.source.kind !== 'synthetic' || limits.allowedSymbols.includes(config.symbol)) return limits;
    return { ...limits, allowedSymbols: [...limits.allowedSymbols, config.symbol] };
  };

  const openSession = async (config: BotConfig, id: string): Promise<PaperSession> => {
    const paperMarket = await paperMarketFor(config, { replays: options.replays, marketData: options.marketData, nowMs: options.nowMs });
    const { candles, timeframe, market, label } = paperMarket;
    const aiStrategy = isAiStrategyId(config.strategyId) ? options.aiStrategyFor?.(config, timeframe) ?? null : null;
    livePort = paperMarket.port ?? null;
    rulesNote = paperMarket.rulesNote;
    const opened = PaperSession.open({
      prices: paperMarket.prices,
      journalPath: join(folder, `${id}.sqlite`),
      startedAtWallMs: Number(id),
      config,
      candles,
      timeframe,
      market,
      tradingState: options.tradingState,
      limits: limitsFor(config),
      log: options.log,
      seed: 1,
      ...(options.decorateExchange === undefined ? {} : { decorateExchange: options.decorateExchange }),
      entryReviewer: options.entryReviewerFor?.(config, timeframe) ?? null,
      aiStrategy,
    });
    if (!opened.ok) throw new ContractError('REFUSED', `The paper account could not be opened: ${opened.error}`);
    for (const value of secretValues) opened.value.journal.registerSecretValue(value);
    const refusal = await opened.value.start();
    if (refusal !== null) {
      opened.value.close();
      throw new ContractError('REFUSED', refusal);
    }
    status = { phase: 'loading', config, marketLabel: label, isSynthetic: paperMarket.prices === 'synthetic', isLive: paperMarket.prices === 'live', barsProcessed: 0, totalBars: candles.length, message: rulesNote };
    return opened.value;
  };

  /** Ends the run; resolves once the bar in progress is settled, so nothing trades after it. */
  const finishRun = (phase: BotStatus['phase'], message: string): Promise<void> => {
    const stopping = driver?.stop() ?? Promise.resolve();
    driver = null;
    return stopping.then(() => {
      save();
      setStatus({ phase, message });
      markIdle();
    });
  };

  /** In safe mode during a replay, nothing stops reduce-only trading; leaving it is the person's call. */
  let continueInSafeMode = false;
  const leaveSafeModeAutomatically = (): void => {
    options.tradingState.leaveSafeMode({ code: 'PAPER_REPLAY_LEFT_SAFE_MODE_AUTOMATICALLY', message: 'Safe mode was left automatically in this paper replay, because you chose that setting before starting it; its causes had cleared.' });
  };
  const WAITING_MESSAGE =
    'Its causes have cleared; in live trading Ballast would wait for you here too. Leave safe mode to let the bot open positions again, ' +
    'or continue in safe mode: for the rest of this replay the bot will then only reduce or close positions, and it will not ask again.';

  /** A run that waited for the person goes on; `message` says how they answered. */
  const resumeWaitingRun = (message: string): void => {
    if (!session || status.phase !== 'waiting') return;
    const running = session;
    setStatus({ phase: pausedNow() ? 'paused' : 'running', message });
    runDriver(running);
  };
  const pausedNow = (): boolean => options.tradingState.snapshot().state === 'PAUSED';
  const PAUSED_REPLAY_MESSAGE = 'Paused: the replay is held at this bar, so nothing trades. Press Resume to let it continue.';
  const PAUSED_LIVE_MESSAGE = 'Paused: prices keep arriving, but the bot opens no new positions and holds back its own sales too. Stops already placed still protect open positions. Press Resume to trade again.';

  const runDriver = (running: PaperSession): void => {
    continueInSafeMode = false;
    const hooks = {
      onProgress: () => {
        setStatus({});
        save();
      },
      onSafeModeClearable: () => {
        if (running.config.leaveSafeModeAutomatically) {
          leaveSafeModeAutomatically();
          return true;
        }
        if (continueInSafeMode) return true;
        driver = null;
        save();
        setStatus({ phase: 'waiting', message: WAITING_MESSAGE });
        return false;
      },
      // A replay's clock stops while paused; live prices keep coming and risk holds the orders back.
      isHeld: () => livePort === null && pausedNow(),
      onFinished: () => { void finishRun('finished', 'The replay reached the end of the prices. The paper account is kept.'); },
      onFailed: (error: unknown) => {
        options.log.error({ err: error }, 'paper bot failed');
        void finishRun('failed', 'The paper bot stopped because of an unexpected problem. Its account and journal are kept; the details are in the log file.');
      },
    };
    const port = livePort;
    if (port === null) {
      driver = driveReplay(running, { barsPerSecond: running.config.barsPerSecond, tickMs: options.tickMs ?? 100, maxBarsPerTick: 20_000 }, hooks);
      return;
    }
    const { source, symbol } = running.config;
    const timeframe = source.kind === 'exchange' ? source.timeframe : '1m';
    driver = driveLive(running, {
      fetchNew: () => fetchClosedBars(port, symbol, timeframe, (running.candles.at(-1)?.openTimeMs ?? 0) + 1),
      wallNowMs: options.nowMs,
      pollMs: options.livePollMs ?? 15_000,
    }, {
      ...hooks,
      onFeedProblem: (message) => {
        running.feed.state(message === null ? 'Prices arrive again.' : `Ballast cannot get prices from the exchange: ${message} It keeps trying; if prices stay away, safe mode stops new positions.`, options.nowMs());
        if (message !== null) options.events.emit('alertRaised', { id: `feed-${options.nowMs()}`, atMs: options.nowMs(), severity: 'warning', title: 'No prices from the exchange', message: `The paper bot cannot get prices: ${message}` });
      },
    });
  };

  let killing: Promise<KillReport | null> | null = null;
  /**
   * After KILLED, whoever caused it (the person's Kill, or a trigger such as a withdraw permission
   * appearing on the live key): stop the run after the bar in progress, cancel every open order
   * and confirm the exchange lists none. One sweep at a time; a second Kill joins it.
   */
  const sweepAfterKill = (cause: StateCause): Promise<KillReport | null> => {
    if (killing !== null) return killing;
    const run = (async (): Promise<KillReport | null> => {
      await Promise.resolve(); // `killing` is set before anything below can run
      const current = session;
      if (driver?.isRunning === true || status.phase === 'waiting') await finishRun('stopped', 'Stopped by Kill. Open orders were cancelled; positions are kept as they were.');
      if (!current) return null;
      const swept = await killSwitch({ exchange: current.exchange, stateMachine: options.tradingState, journal: current.journal, cause, symbols: [current.config.symbol] });
      // The kill cancelled on the exchange directly: bring Ballast's own record, cash and
      // positions in line with it before anyone looks.
      await current.orders.sync();
      await current.settle();
      current.feed.state(swept.report.summary, current.exchange.nowMs());
      options.events.emit('alertRaised', {
        id: `kill-${swept.report.startedAtMs}`,
        atMs: options.nowMs(),
        severity: swept.report.success ? 'warning' : 'critical',
        title: swept.report.success ? 'Kill done: no open orders' : 'Kill: some orders are not confirmed cancelled',
        message: swept.report.summary,
      });
      return swept.report;
    })();
    killing = run;
    const settled = (): void => {
      if (killing === run) killing = null;
    };
    run.then(settled, (error: unknown) => {
      settled();
      options.log.error({ err: error }, 'the kill sweep failed');
    });
    return run;
  };

  // Every change of the trading state during a run: written into the run's own journal at the
  // bar's time (the wall time beside it), a waiting run goes on once safe mode was left anywhere,
  // and the phase says whether Pause holds the run.
  const unsubscribeState = options.tradingState.onChange((snapshot, previous) => {
    if (snapshot.state === 'KILLED' && previous.state !== 'KILLED') void sweepAfterKill(snapshot.cause).catch(() => undefined);
    if (session !== null && status.phase !== 'idle' && status.phase !== 'stopped' && status.phase !== 'finished' && status.phase !== 'failed') {
      session.recordStateChange(snapshot, previous, options.nowMs());
    }
    if (status.phase === 'waiting') {
      const left = snapshot.state !== 'SAFE_MODE' && snapshot.state !== 'KILLED' && options.tradingState.status().safeMode === null;
      if (left) resumeWaitingRun('Safe mode left by you; the replay continues.');
      return;
    }
    if (driver?.isRunning !== true) return;
    if (snapshot.state === 'PAUSED' && status.phase === 'running') {
      setStatus({ phase: 'paused', message: livePort === null ? PAUSED_REPLAY_MESSAGE : PAUSED_LIVE_MESSAGE });
    } else if (snapshot.state !== 'PAUSED' && status.phase === 'paused') {
      setStatus({ phase: 'running', message: 'Resumed by you; the paper bot continues.' });
    }
  });

  return {
    async start(config) {
      if (driver?.isRunning === true) throw new ContractError('NOT_ALLOWED_NOW', 'A paper bot is already running. Stop it first.');
      if (options.tradingState.snapshot().state === 'KILLED') {
        throw new ContractError('NOT_ALLOWED_NOW', 'Ballast is stopped by Kill. Re-arm it (type the confirmation) before starting a bot.');
      }
      session?.close();
      session = null;
      sessionId = `${options.nowMs()}`;
      session = await openSession(config, sessionId);
      save();
      const running = session;
      idle = new Promise((resolve) => { markIdle = resolve; });
      setStatus({ phase: pausedNow() ? 'paused' : 'running', message: pausedNow() ? (livePort === null ? PAUSED_REPLAY_MESSAGE : PAUSED_LIVE_MESSAGE) : `${running.strategy.description.name} on pretend money. ${rulesNote}` });
      runDriver(running);
      return status;
    },
    async stop() {
      if (!session) return status;
      if (driver?.isRunning === true || status.phase === 'waiting') await finishRun('stopped', 'Stopped by you. The paper account, its orders and positions are kept.');
      return status;
    },
    continueRun(leaveSafeMode) {
      // Answered already (the banner, a second click): the run is going on, which is what was asked.
      if (session && leaveSafeMode && status.phase !== 'waiting' && botIsUnderWay(status.phase) && options.tradingState.status().safeMode === null) return status;
      if (!session || status.phase !== 'waiting') throw new ContractError('NOT_ALLOWED_NOW', 'The paper bot is not waiting for you.');
      if (!leaveSafeMode) {
        resumeWaitingRun('The replay continues in safe mode: until it ends, the bot only reduces or closes positions and opens none.');
        continueInSafeMode = true;
        return status;
      }
      // One answer wherever it is given: leaving safe mode here or on the banner resumes the run
      // (the state listener below), and a run whose safe mode was already left just goes on.
      if (options.tradingState.snapshot().state === 'SAFE_MODE') {
        options.tradingState.leaveSafeMode({ code: 'PERSON_LEFT_SAFE_MODE', message: 'You left safe mode after its causes had cleared; the paper bot continues.' });
      }
      resumeWaitingRun('Safe mode left by you; the replay continues.');
      return status;
    },
    status: () => ({ ...status, barsProcessed: session?.barsProcessed ?? status.barsProcessed }),
    dashboard(maxBars = DEFAULT_MAX_BARS) {
      const current = { ...status, barsProcessed: session?.barsProcessed ?? status.barsProcessed };
      if (!session) {
        return { status: current, quoteAsset: 'USDT', candles: { timeMs: [], open: [], high: [], low: [], close: [] }, overlays: [], markers: [], equity: [], summary: null, positions: [], openOrders: [], fills: [], decisions: [] };
      }
      return {
        status: current,
        quoteAsset: session.market.quote,
        ...sessionView(session, maxBars),
        equity: session.tracker.points(1_000),
        summary: performanceSummary(session, current),
        decisions: session.feed.list(),
      };
    },
    kill(cause) {
      // KILLED first, at once, so the bar in progress cannot start anything; then the sweep.
      options.tradingState.kill(cause);
      return sweepAfterKill(cause);
    },
    async restore() {
      let saved: SavedSession;
      try {
        saved = JSON.parse(readFileSync(savedPath, 'utf8')) as SavedSession;
      } catch {
        return;
      }
      try {
        sessionId = saved.sessionId;
        session = await openSession(saved.config, saved.sessionId);
        session.rebuildTo(saved.barsProcessed);
        setStatus({ phase: 'stopped', message: 'Ballast was restarted, so the paper bot is stopped. Its account, orders and positions are as they were.' });
      } catch (error) {
        options.log.warn({ err: error }, 'could not reopen the last paper account');
        session = null;
      }
    },
    sessionJournalPath: () => (session === null ? null : join(folder, `${sessionId}.sqlite`)),
    sessionJournalHead: () => session?.journal.head() ?? null,
    async openOrdersOnExchange() {
      if (!session) return null;
      const listed = await session.exchange.fetchOpenOrders();
      if (listed.kind !== 'ok') throw new Error(`the paper exchange could not list its open orders: ${listed.kind}`);
      return listed.value.length;
    },
    riskDesk: () => (session === null ? null : paperRiskDesk({ session, wallNowMs: options.nowMs, replayRunning: () => driver?.isRunning === true })),
    registerSecretValue(value) {
      secretValues.add(value);
      session?.journal.registerSecretValue(value);
    },
    whenIdle: () => idle,
    dispose() {
      unsubscribeState();
      save();
      const closing = session;
      session = null;
      const stopping = driver?.stop() ?? Promise.resolve();
      driver = null;
      // The bar in progress finishes writing first; then its journal is closed.
      void stopping.finally(() => closing?.close());
    },
  };
}
