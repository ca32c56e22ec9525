import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange } from 'ccxt';
import { ContractError, type EventHub, type LiveBotView, type LiveLadderView, type LiveShareStepResult, type StateCause } from '../../contract/index.ts';
import { createCcxtExchange, OrderManager, type ExchangePort, type LiveKillChoice, type LiveKillReport } from '../../execution/index.ts';
import { openJournal, type Journal } from '../../journal/index.ts';
import type { Logger } from '../../log/index.ts';
import { CandleCache, createCcxtMarketData, type Timeframe } from '../../market/index.ts';
import type { StrategyId } from '../../model/index.ts';
import { createEquityWatermarks, createRiskMonitor, DEFAULT_LADDER_POLICY, lowerShare, raiseShare, type AccountView, type LadderPolicy, type LadderReason, type LadderRecord, type RiskLimits, type TradingStateMachine } from '../../risk/index.ts';
import { createSignalEmitter, createStrategy } from '../../signals/index.ts';
import { LiveFeed } from './liveFeed.ts';
import { LiveRun } from './liveRun.ts';
import { journalStep, shareForStart } from './liveShare.ts';
import type { EntryReviewer } from '../paper/entryReview.ts';
import { ladderBlockers, ladderView, NO_LADDER_VIEW, reasonView } from './liveLadder.ts';

export interface LiveBotOptions {
  readonly dataDir: string;
  readonly tradingState: TradingStateMachine;
  readonly limits: () => RiskLimits;
  readonly events: EventHub;
  readonly log: Logger;
  /** Market time: the wall clock in the app (tests: the fake exchange's clock). */
  readonly nowMs: () => number;
  /** How often the exchange is asked for a newly closed bar (default 15 s). */
  readonly pollMs?: number;
  /** The computer's own clock, to notice a sleep (a poll that came far too late). Default Date.now. */
  readonly wallNowMs?: () => number;
  /** Wraps the exchange the bot's orders go to (fault injection in tests). */
  readonly decorateExchange?: (port: ExchangePort) => ExchangePort;
  /** The AI review of entries chosen on the AI screen (model filter, LLM second opinion), as on paper; null when both are off. */
  readonly entryReviewerFor?: (run: { readonly symbol: string; readonly strategyId: StrategyId; readonly timeframe: Timeframe }) => EntryReviewer | null;
  /** When a larger share may be offered (default: the ladder's own policy). */
  readonly ladderPolicy?: LadderPolicy;
  /** The data folder's sub-folder for the journal and candles (default 'live'; practice keeps its own). */
  readonly folderName?: string;
}

/** What a live start needs: the verified key's ccxt client, and what to trade. */
export interface LiveBotStart {
  readonly keyId: string;
  readonly exchangeId: string;
  /** A ccxt client on the person's verified key, rate limiter on. */
  readonly client: Exchange;
  readonly strategyId: StrategyId;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly shareQuote?: number;
  /** False once Stop or Kill was pressed after this start began: it then ends without trading. */
  readonly stillWanted: () => boolean;
}

/** Ballast's share of the real account as the risk layer last saw it, and the market's last price. */
export interface LiveShareReading {
  readonly startedAtMs: number;
  readonly symbol: string;
  readonly account: AccountView;
  readonly markQuote: number | null;
}

export interface LiveBot {
  start(request: LiveBotStart): Promise<LiveBotView>;
  /** Stops the bot; orders and stops stay on the exchange (the stops protect positions while Ballast is off). */
  stop(): Promise<void>;
  /** KILLED first, then the execution part of Kill with the person's choice. Null when no live bot runs. */
  kill(cause: StateCause, choice: LiveKillChoice): Promise<LiveKillReport | null>;
  /** The check against the exchange again, before anything else (after a wake-up or a lost connection). */
  recheck(reason: 'wake' | 'reconnect'): Promise<void>;
  /** Whether a live run is open (running, not trading, or killed with its record open). */
  isOpen(): boolean;
  view(): LiveBotView;
  /** Ballast's share and the capital ladder: what was measured, the raise on offer (to `newShareQuote`, or one step up) and its blockers. */
  ladder(newShareQuote?: number): Promise<LiveLadderView>;
  /** Raises the share: no blocker and the exact typed phrase, else refused; journaled either way. */
  raiseShare(request: { readonly newShareQuote: number; readonly typedConfirmation: string }): Promise<LiveShareStepResult>;
  /** Lowers the share at once; journaled. */
  lowerShare(newShareQuote: number): Promise<LiveShareStepResult>;
  /** Read only, for Monitoring and alerts; null with no open run or before the share was first read. */
  shareReading(): LiveShareReading | null;
  /** Resolves when the poll in progress (if any) has finished. */
  settled(): Promise<void>;
  dispose(): void;
}

const OFF_VIEW: LiveBotView = {
  phase: 'off', messageCode: 'LIVE_BOT_OFF', messageParams: {}, strategyId: null, strategyName: null, symbol: null, timeframe: null, quoteAsset: null,
  shareQuote: null, inUseQuote: null, stopsOnExchange: null, entrySizeMultiplier: 0.5, firstWeekEndsAtMs: null, startedAtMs: null, lastBarOpenTimeMs: null, barsActedOn: 0, ordersSent: 0,
  lastCheck: null, positions: [], notices: [], lastKill: null,
};
const HISTORY_BARS = 300;

type Phase = LiveBotView['phase'];

/**
 * The bot on the person's real account. Started with live mode, it opens the live journal (the
 * same file every start, so a restart reconciles against what it recorded), runs the fail-closed
 * check before the first order, then acts on each bar as it closes. Stopped, it leaves the stops
 * on the exchange; killed, it does what the person chose.
 */
export function createLiveBot(options: LiveBotOptions): LiveBot {
  const folder = join(options.dataDir, options.folderName ?? 'live');
  mkdirSync(folder, { recursive: true });
  const pollMs = options.pollMs ?? 15_000;
  const wallNowMs = options.wallNowMs ?? Date.now;
  let run: LiveRun | null = null;
  let phase: Phase = 'off';
  let message: { code: string; params: Record<string, string | number> } = { code: 'LIVE_BOT_OFF', params: {} };
  let startedAtMs: number | null = null;
  let start: LiveBotStart | null = null;
  let strategyName: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let polling: Promise<void> = Promise.resolve();
  let lastPollWallMs = 0;
  let feedDown = false;
  let pendingChoice: LiveKillChoice | null = null;
  let sweeping: Promise<LiveKillReport | null> = Promise.resolve(null);
  const ladderPolicy = options.ladderPolicy ?? DEFAULT_LADDER_POLICY;

  /** Raises are offered only while the bot trades normally: running, its check passed, not in safe mode or killed. */
  const tradingNormally = (): boolean => phase === 'running' && options.tradingState.snapshot().state === 'ACTIVE';
  const openRun = (): LiveRun => {
    if (run === null) throw new ContractError('NOT_ALLOWED_NOW', 'Live trading is not running. Ballast’s share can be changed while it runs, or set lower when you start it.');
    return run;
  };

  const changed = (nextPhase: Phase, code: string, params: Record<string, string | number> = {}): void => {
    phase = nextPhase;
    message = { code, params };
  };

  const close = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const closing = run;
    run = null;
    if (closing !== null) {
      closing.parts.journal.close();
      closing.parts.cache.close();
    }
  };

  const schedule = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      polling = poll().finally(() => {
        if (run !== null && (phase === 'running' || phase === 'not_trading')) schedule();
      });
    }, pollMs);
  };

  /** A check that ended in "no trading at all" is retried at every poll until it passes. */
  const checked = async (current: LiveRun, reason: 'startup' | 'wake' | 'reconnect'): Promise<boolean> => {
    const outcome = await current.check(reason);
    if (outcome.verdict === 'no_trading') {
      changed('not_trading', 'LIVE_BOT_NOT_TRADING', { reason });
      return false;
    }
    changed('running', outcome.verdict === 'safe_mode' ? 'LIVE_BOT_SAFE_MODE' : 'LIVE_BOT_RUNNING');
    return true;
  };

  const poll = async (): Promise<void> => {
    const current = run;
    if (current === null || options.tradingState.snapshot().state === 'KILLED') return;
    try {
      const wallNow = wallNowMs();
      const slept = lastPollWallMs > 0 && wallNow - lastPollWallMs > pollMs * 4 + 60_000;
      lastPollWallMs = wallNow;
      if (phase === 'not_trading' && !(await checked(current, current.lastCheck?.reason ?? 'startup'))) return;
      if (slept && !(await checked(current, 'wake'))) return;
      const read = await current.parts.feed.poll();
      if (!read.ok) {
        if (!feedDown) options.events.emit('alertRaised', { id: `live-feed-${wallNow}`, atMs: Math.floor(options.nowMs()), severity: 'warning', title: 'No prices from the exchange', message: `The live bot cannot get prices: ${read.error.message} It keeps trying; if prices stay away, safe mode stops new positions.` });
        feedDown = true;
      } else {
        if (feedDown) {
          feedDown = false;
          if (!(await checked(current, 'reconnect'))) return;
        }
        await current.onBars(read.bars);
      }
      const { monitor, symbol, timeframe, feed, manager } = current.parts;
      monitor.onFeedValidation(symbol, timeframe, { nowMs: options.nowMs(), issues: feed.issues(options.nowMs()) });
      monitor.onExchangeErrorRate(manager.health());
    } catch (error) {
      options.log.error({ err: error }, 'live bot poll failed');
      changed('failed', 'LIVE_BOT_FAILED');
    }
  };

  const sweep = (choice: LiveKillChoice): Promise<LiveKillReport | null> => {
    sweeping = sweeping.catch(() => null).then(async () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await polling.catch(() => undefined);
      const current = run;
      if (current === null) return null;
      const report = await current.kill(choice);
      changed('killed', 'LIVE_BOT_KILLED', { choice });
      options.events.emit('alertRaised', {
        id: `live-kill-${report.atMs}-${choice}`, atMs: Math.floor(options.nowMs()), severity: report.done ? 'warning' : 'critical',
        title: report.done ? 'Kill done on your exchange account' : 'Kill: the exchange does not confirm everything',
        message: report.done
          ? choice === 'sell_everything' ? 'Ballast sold its positions and the exchange lists none of its orders.' : `Every order of Ballast’s is cancelled except its protective stops (${report.remaining.filter((o) => o.owner === 'protective_stop').length}).`
          : 'Check your open orders on the exchange now; Ballast lists what remains on the live screen.',
      });
      if (choice === 'cancel_everything') close();
      return report;
    });
    return sweeping;
  };

  const unsubscribe = options.tradingState.onChange((snapshot, previous) => {
    if (snapshot.state !== 'KILLED' || previous.state === 'KILLED' || run === null) return;
    // A key that can withdraw: every order goes, stops included (the key must be deleted; nothing is sold).
    const choice: LiveKillChoice = snapshot.cause.code === 'KEY_CAN_WITHDRAW' ? 'cancel_everything' : (pendingChoice ?? 'keep_stops');
    pendingChoice = null;
    void sweep(choice).catch((error: unknown) => { options.log.error({ err: error }, 'live kill failed'); });
  });

  return {
    async start(request) {
      if (run !== null && phase !== 'killed' && phase !== 'failed') throw new ContractError('NOT_ALLOWED_NOW', 'The live bot is already running.');
      close();
      const refuse = (text: string): never => {
        changed('failed', 'LIVE_BOT_REFUSED');
        throw new ContractError('REFUSED', text);
      };
      const overtaken = (): boolean => !request.stillWanted() || options.tradingState.snapshot().state === 'KILLED';
      /**
       * Stop or Kill pressed while this start waited on the exchange: it ends here, after every
       * await. A Kill's sweep (if the run was already open) finishes first and its report stays.
       */
      const abandonIfOvertaken = async (opening: LiveRun | null): Promise<void> => {
        if (!overtaken()) return;
        if (options.tradingState.snapshot().state === 'KILLED' && opening !== null && run === opening) {
          await sweeping.catch(() => null);
          if (timer !== null) clearTimeout(timer);
          timer = null;
        } else {
          if (opening !== null && run === opening) close();
          changed('stopped', 'LIVE_BOT_STOPPED');
        }
        throw new ContractError('NOT_ALLOWED_NOW', 'Live trading was stopped while Ballast was checking your account, so the bot did not start.');
      };
      changed('starting', 'LIVE_BOT_STARTING');
      start = request;
      strategyName = createStrategy(request.strategyId).description.name;
      const created = createCcxtExchange({ exchange: request.client, logger: options.log });
      if (!created.ok) return refuse(created.error.reason);
      const port = options.decorateExchange?.(created.value) ?? created.value;
      const data = createCcxtMarketData({ exchangeId: request.exchangeId, exchange: request.client, nowMs: options.nowMs, logger: options.log });
      if (!data.ok) return refuse(data.error.message);
      const market = await data.value.fetchMarket(request.symbol);
      await abandonIfOvertaken(null);
      if (!market.ok) return refuse(`The exchange did not give Ballast the trading rules of ${request.symbol}: ${market.error.message}`);
      const journal: Journal = openJournal(join(folder, `${request.exchangeId}-orders.sqlite`));
      const cache = CandleCache.open(join(folder, 'candles.sqlite'));
      let opened = false;
      try {
        const balances = await port.fetchBalances();
        await abandonIfOvertaken(null);
        if (balances.kind !== 'ok') return refuse('Ballast could not read your balances on the exchange, so it does not trade.');
        const ladder = shareForStart(journal, { requestedQuote: request.shareQuote, quoteAsset: market.value.quote, quoteBalanceQuote: balances.value.get(market.value.quote)?.total ?? 0, nowMs: options.nowMs() });
        const clock = { nowMs: options.nowMs, sleep: (ms: number) => new Promise<void>((resolve) => { setTimeout(resolve, ms); }) };
        const manager = new OrderManager({ exchange: port, journal, clock });
        const marks = new Map<string, number>();
        const live = manager.live({ priceBandBps: options.limits().priceBandBps, markPriceQuote: (symbol) => marks.get(symbol), symbols: [request.symbol] });
        const strategy = createStrategy(request.strategyId);
        const watermarks = createEquityWatermarks({ timeZone: () => options.limits().dayBoundaryTimeZone, journal });
        const feed = new LiveFeed({ port: data.value, cache, symbol: request.symbol, timeframe: request.timeframe, historyBars: Math.max(HISTORY_BARS, strategy.description.warmUpBars * 2) });
        const monitor = createRiskMonitor({ machine: options.tradingState, watermarks, limits: options.limits, candlesBefore: () => feed.bars });
        const current = new LiveRun({
          strategy, emitter: createSignalEmitter(strategy, request.symbol), symbol: request.symbol, timeframe: request.timeframe, market: market.value, journal, cache, port,
          marketData: data.value, manager, live, feed, monitor, watermarks, ladder, tradingState: options.tradingState, limits: options.limits, nowMs: options.nowMs, log: options.log, marks,
          entryReviewer: options.entryReviewerFor?.({ symbol: request.symbol, strategyId: request.strategyId, timeframe: request.timeframe }) ?? null,
        });
        run = current;
        opened = true;
        // Before the first order: the account as the exchange has it, against the journal.
        const trading = await checked(current, 'startup');
        await abandonIfOvertaken(current);
        // The strategy warms up on history; nothing is traded on bars that closed before this start.
        const history = await feed.history();
        await abandonIfOvertaken(current);
        if (!history.ok) {
          close();
          return refuse(`The exchange did not send recent prices of ${request.symbol}: ${history.error.message}`);
        }
        for (const bar of history.bars) current.warmUp(bar);
        current.lastBar = history.bars.at(-1) ?? null;
        await current.shareView();
        await abandonIfOvertaken(current);
        startedAtMs = options.nowMs();
        lastPollWallMs = wallNowMs();
        if (!trading) changed('not_trading', 'LIVE_BOT_NOT_TRADING', { reason: 'startup' });
        journal.append({ atMs: options.nowMs(), kind: 'system', subject: request.symbol, payload: { event: 'live_bot_started', strategyId: request.strategyId, symbol: request.symbol, timeframe: request.timeframe, shareQuote: ladder.shareQuote, keyId: request.keyId } });
        options.log.info({ symbol: request.symbol, timeframe: request.timeframe, strategyId: request.strategyId, shareQuote: ladder.shareQuote }, 'live bot started');
        schedule();
        return this.view();
      } catch (error) {
        if (!opened) {
          journal.close();
          cache.close();
        }
        // Stop closed the run under a read in flight: that read's failure is the Stop, said as such.
        if (overtaken() && !(error instanceof ContractError)) {
          options.log.info({ err: error }, 'live start overtaken by Stop or Kill');
          throw new ContractError('NOT_ALLOWED_NOW', 'Live trading was stopped while Ballast was checking your account, so the bot did not start.');
        }
        throw error;
      }
    },

    async stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await polling.catch(() => undefined);
      await sweeping.catch(() => null);
      if (run === null) return;
      run.parts.journal.append({ atMs: options.nowMs(), kind: 'system', subject: run.parts.symbol, payload: { event: 'live_bot_stopped' } });
      close();
      changed('stopped', 'LIVE_BOT_STOPPED');
    },

    async kill(cause, choice) {
      if (options.tradingState.snapshot().state !== 'KILLED') {
        pendingChoice = choice;
        options.tradingState.kill(cause);
        pendingChoice = null;
        return sweeping;
      }
      return sweep(choice);
    },

    async recheck(reason) {
      const current = run;
      if (current === null || phase === 'killed') return;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await polling.catch(() => undefined);
      polling = checked(current, reason).then(() => undefined, (error: unknown) => { options.log.error({ err: error }, 'live check failed'); });
      await polling;
      if (run === current) schedule();
    },

    isOpen: () => run !== null,

    async ladder(newShareQuote) {
      const current = run;
      if (current === null) return NO_LADDER_VIEW;
      return ladderView({ state: current.ladder, evidence: await current.ladderEvidence(), trading: tradingNormally(), newShareQuote, limits: options.limits(), policy: ladderPolicy });
    },

    async raiseShare(request) {
      const current = openRun();
      const evidence = await current.ladderEvidence();
      const blockers = ladderBlockers({ state: current.ladder, evidence, trading: tradingNormally(), newShareQuote: request.newShareQuote, limits: options.limits(), policy: ladderPolicy });
      if (run !== current) throw new ContractError('NOT_ALLOWED_NOW', 'Live trading stopped meanwhile, so the share did not change.');
      let reasons: readonly LadderReason[];
      let record: LadderRecord;
      if (evidence === null || blockers.length > 0) {
        reasons = blockers;
        record = { kind: 'capital_ladder', event: 'raise_refused', atMs: Math.max(0, Math.floor(options.nowMs())), quoteAsset: current.ladder.quoteAsset, fromQuote: current.ladder.shareQuote, toQuote: request.newShareQuote, roundTrips: evidence?.completedRoundTrips ?? 0, reasons: [...reasons] };
      } else {
        const step = raiseShare(current.ladder, evidence, request, options.limits(), ladderPolicy);
        record = step.record;
        reasons = step.ok ? [] : step.reasons;
        if (step.ok) current.ladder = step.state;
      }
      journalStep(current.parts.journal, record);
      const done = record.event === 'raised';
      options.log.info({ event: record.event, fromQuote: record.fromQuote, toQuote: record.toQuote, reasons: reasons.map((reason) => reason.code) }, 'live share raise');
      if (done) await current.shareView();
      return { done, reasons: reasons.map((reason) => reasonView(reason, record.quoteAsset)), ladder: await this.ladder() };
    },

    async lowerShare(newShareQuote) {
      const current = openRun();
      const step = lowerShare(current.ladder, newShareQuote, options.nowMs());
      journalStep(current.parts.journal, step.record);
      if (step.ok) current.ladder = step.state;
      options.log.info({ event: step.record.event, fromQuote: step.record.fromQuote, toQuote: step.record.toQuote }, 'live share lowered');
      if (step.ok) await current.shareView();
      return { done: step.ok, reasons: step.ok ? [] : step.reasons.map((reason) => reasonView(reason, step.record.quoteAsset)), ladder: await this.ladder() };
    },

    view() {
      const current = run;
      const base: LiveBotView = { ...OFF_VIEW, phase, messageCode: message.code, messageParams: message.params, startedAtMs };
      if (start !== null) {
        Object.assign(base, { strategyId: start.strategyId, strategyName, symbol: start.symbol, timeframe: start.timeframe });
      }
      if (current === null) return base;
      return { ...base, quoteAsset: current.parts.market.quote, ...current.view() };
    },

    shareReading() {
      const current = run;
      const share = current?.lastShare;
      if (current === null || share?.ok !== true || startedAtMs === null) return null;
      const { symbol, marks } = current.parts;
      return { startedAtMs, symbol, account: share.account, markQuote: marks.get(symbol) ?? current.lastBar?.close ?? null };
    },

    settled: () => polling,

    dispose() {
      unsubscribe();
      close();
    },
  };
}
