import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError, type BotConfig, type BotStatus, type DashboardSnapshot, type EventHub, type StateCause } from '../../contract/index.ts';
import type { ChainHead } from '../../journal/index.ts';
import type { Logger } from '../../log/index.ts';
import type { MarketDataPort, MarketResult } from '../../market/index.ts';
import { fetchClosedBars, paperMarketFor } from './paperMarkets.ts';
import { killSwitch, type KillReport, type RiskLimits, type TradingStateMachine } from '../../risk/index.ts';
import { DEMO_RULES_NOTE } from '../demoMarketRules.ts';
import type { ReplayLibrary } from '../replayLibrary.ts';
import { sessionView } from './dashboardView.ts';
import { PaperSession } from './paperSession.ts';
import { driveLive, driveReplay, type ReplayDriver } from './replayDriver.ts';
import { performanceSummary } from './performanceSummary.ts';
import { paperRiskDesk, type PaperRiskDesk } from '../paperRiskDesk.ts';

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
  let driver: ReplayDriver | null = null;
  let status: BotStatus = IDLE;
  /** Live prices only: the exchange's public data for the running session. */
  let livePort: MarketDataPort | null = null;
  let rulesNote = DEMO_RULES_NOTE;
  const secretValues = new Set<string>();
  let idle: Promise<void> = Promise.resolve();
  let markIdle: () => void = () => undefined;

  const setStatus = (next: Partial<BotStatus>): BotStatus => {
    status = { ...status, ...next, barsProcessed: session?.barsProcessed ?? status.barsProcessed, totalBars: session?.totalBars ?? status.totalBars };
    options.events.emit('botProgressed', { phase: status.phase, barsProcessed: status.barsProcessed, totalBars: status.totalBars });
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
    livePort = paperMarket.port ?? null;
    rulesNote = paperMarket.rulesNote;
    const opened = PaperSession.open({
      prices: paperMarket.prices,
      journalPath: join(folder, `${id}.sqlite`),
      config,
      candles,
      timeframe,
      market,
      tradingState: options.tradingState,
      limits: limitsFor(config),
      log: options.log,
      seed: 1,
    });
    if (!opened.ok) throw new ContractError('REFUSED', `The paper account could not be opened: ${opened.reason}`);
    for (const value of secretValues) opened.session.journal.registerSecretValue(value);
    const refusal = await opened.session.start();
    if (refusal !== null) {
      opened.session.close();
      throw new ContractError('REFUSED', refusal);
    }
    status = { phase: 'loading', config, marketLabel: label, isSynthetic: paperMarket.prices === 'synthetic', isLive: paperMarket.prices === 'live', barsProcessed: 0, totalBars: candles.length, message: rulesNote };
    return opened.session;
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
  const leaveSafeModeForReplay = (): void => {
    options.tradingState.leaveSafeMode({ code: 'PAPER_REPLAY_LEFT_SAFE_MODE', message: 'Safe mode was left automatically in this paper replay, as you chose; its causes had cleared.' });
  };

  const runDriver = (running: PaperSession): void => {
    continueInSafeMode = false;
    const hooks = {
      onProgress: () => {
        setStatus({});
        save();
      },
      onSafeModeClearable: () => {
        if (running.config.leaveSafeModeAutomatically) {
          leaveSafeModeForReplay();
          return true;
        }
        if (continueInSafeMode) return true;
        driver = null;
        save();
        setStatus({ phase: 'waiting', message: 'The paper bot stopped to ask you: safe mode was switched on earlier and its causes have now cleared. In live trading Ballast would wait for you here. Leave safe mode to let the bot open positions again, or carry on in safe mode (it will only reduce positions).' });
        return false;
      },
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
      setStatus({ phase: 'running', message: `${running.strategy.description.name} on pretend money. ${rulesNote}` });
      runDriver(running);
      return status;
    },
    async stop() {
      if (!session) return status;
      if (driver?.isRunning === true || status.phase === 'waiting') await finishRun('stopped', 'Stopped by you. The paper account, its orders and positions are kept.');
      return status;
    },
    continueRun(leaveSafeMode) {
      if (!session || status.phase !== 'waiting') throw new ContractError('NOT_ALLOWED_NOW', 'The paper bot is not waiting for you.');
      if (leaveSafeMode) leaveSafeModeForReplay();
      const running = session;
      setStatus({ phase: 'running', message: leaveSafeMode ? 'Safe mode left; the replay continues.' : 'The replay continues in safe mode: positions can only be reduced.' });
      runDriver(running);
      continueInSafeMode = !leaveSafeMode;
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
    async kill(cause) {
      const current = session;
      if (driver?.isRunning === true || status.phase === 'waiting') await finishRun('stopped', 'Stopped by Kill. Open orders were cancelled; positions are kept as they were.');
      if (!current) {
        options.tradingState.kill(cause);
        return null;
      }
      const run = await killSwitch({ exchange: current.exchange, stateMachine: options.tradingState, journal: current.journal, cause, symbols: [current.config.symbol] });
      // The kill cancelled on the exchange directly: bring Ballast's own record, cash and
      // positions in line with it before anyone looks.
      await current.orders.sync();
      await current.settle();
      current.feed.state(run.report.summary, current.exchange.nowMs());
      options.events.emit('alertRaised', {
        id: `kill-${run.report.startedAtMs}`,
        atMs: options.nowMs(),
        severity: run.report.success ? 'warning' : 'critical',
        title: run.report.success ? 'Kill done: no open orders' : 'Kill: some orders are not confirmed cancelled',
        message: run.report.summary,
      });
      return run.report;
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
