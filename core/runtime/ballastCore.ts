import {
  createDispatcher,
  createEventHub,
  type CommandHandlers,
  type Dispatch,
  type EventHub,
  type LiveKillChoice,
  type StateCause,
  type TradingMode,
} from '../contract/index.ts';
import type { Logger } from '../log/index.ts';
import { splitMarketSymbol } from '../model/index.ts';
import { createTradingStateMachine, type LadderPolicy, type TradingStateMachine } from '../risk/index.ts';
import type { BotController } from './paper/botController.ts';
import { frameHandlers, snapshotForScreens } from './frame/frameHandlers.ts';
import { InMemoryKeyRecordStore, watchNewSecrets } from '../keys/index.ts';
import { keysHandlers } from './keys/keysHandlers.ts';
import { KeysRuntime, type KeysOptions } from './keys/keysRuntime.ts';
import { NO_KEY_ENCRYPTION } from './keys/noKeyEncryption.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExchangePort } from '../execution/index.ts';
import { openJournal } from '../journal/index.ts';
import { createCcxtMarketData, type MarketDataPort, type MarketResult } from '../market/index.ts';
import { createRiskLimitsStore } from './riskLimits/riskLimitsStore.ts';
import { riskHandlers } from './riskLimits/riskHandlers.ts';
import { botHandlers } from './paper/botHandlers.ts';
import { activityHandlers } from './activity/activityHandlers.ts';
import { createBotController } from './paper/botController.ts';
import { createReplayLibrary } from './paper/replayLibrary.ts';
import type { LiveReadiness } from './live/liveReadiness.ts';
import { createPaperLiveReadiness } from './live/paperLiveReadiness.ts';
import { announceKeepAwakeOnBotStart } from './frame/keepAwakeNotice.ts';
import { contractRefusalOf } from './layerRefusals.ts';
import { serviceCheckHandlers } from './serviceCheck/serviceCheckHandlers.ts';
import { backtestHandlers } from './backtest/backtestHandlers.ts';
import { createBacktestRunner } from './backtest/backtestRunner.ts';
import { createWorkerExecutor } from './backtest/backtestExecutor.ts';
import { AiRuntime } from './ai/aiRuntime.ts';
import { aiHandlers } from './ai/aiHandlers.ts';
import { AlertsRuntime, type AlertsHostOptions } from './alerts/alertsRuntime.ts';
import { alertsHandlers } from './alerts/alertsHandlers.ts';
import { createLiveBot, type LiveBot } from './live/liveBot.ts';
import { liveBotControlFor } from './live/liveBotControl.ts';
import { practiceHandlers } from './practice/practiceHandlers.ts';

export interface BallastCoreOptions {
  readonly version: string;
  readonly log: Logger;
  readonly nowMs?: () => number;
  /**
   * Where Ballast keeps its journal, paper accounts and imported files (the app's user-data
   * folder). Without one, a throwaway folder is used: fine for tests, nothing survives.
   */
  readonly dataDir?: string;
  /** Where live paper prices come from; the app asks the exchange itself, tests a local fake. */
  readonly paperMarketData?: (exchangeId: string) => MarketResult<MarketDataPort>;
  /** How often live paper prices are polled (default 15 s). */
  readonly livePollMs?: number;
  /** Key records, their cipher and the live gate's inputs; without it keys live in memory and cannot be encrypted. */
  readonly keys?: KeysOptions;
  /** The host keeps the computer awake while a bot runs (the desktop app): each start says what that protects. */
  readonly keepsComputerAwake?: boolean;
  /** Wraps the exchange a bot's orders go to; tests and chaos runs inject faults here. The app leaves it out. */
  readonly decorateExchange?: (port: ExchangePort) => ExchangePort;
  /** The backtest worker's script; the packaged app passes its bundled copy's path. Default: the source file. */
  readonly backtestWorkerUrl?: URL | string;
  /** Train models on the main thread (a bundled host where the worker's module cannot load); default a worker thread. */
  readonly trainModelsInThread?: boolean;
  /** Alert channels the host provides (the app: desktop notifications) and, in tests, local servers. */
  readonly alerts?: AlertsHostOptions;
  /** How often the live bot asks the exchange for a newly closed bar (default 15 s). */
  readonly liveBotPollMs?: number;
  /** When the capital ladder offers a larger live share (default: its own policy; tests shorten it). */
  readonly liveLadderPolicy?: LadderPolicy;
  /** The computer's own clock the live bot notices a sleep by (default Date.now; tests move it). */
  readonly liveBotWallNowMs?: () => number;
}

/** Everything main needs from core: the contract's handlers, a dispatcher over them, events. */
export interface BallastCore {
  readonly handlers: CommandHandlers;
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly tradingState: TradingStateMachine;
  /** Saved keys, the key wizard's held checks and the live session. */
  readonly keys: KeysRuntime;
  readonly bot: BotController;
  /** The bot on the person's real account, started and stopped with live mode. */
  readonly liveBot: LiveBot;
  /** The same bot on an exchange's practice site (test-network key, pretend money). */
  readonly practiceBot: LiveBot;
  /** Paper, practice on an exchange's practice site ('testnet'), or live: what the frame shows. */
  tradingMode(): TradingMode;
  /** The live gate's inputs from Ballast's own records (paper sessions, risk limits), even where the host overrides them. */
  readonly liveReadiness: LiveReadiness;
  /** The trained model, its versions and the LLM advisor. */
  readonly ai: AiRuntime;
  /** The alert outbox, its channels and the rules fed from the running app. */
  readonly alerts: AlertsRuntime;
  /** Reopens what a previous run left (the last paper account, stopped). */
  restore(): Promise<void>;
  dispose(): void;
}

/**
 * Composes Ballast's core once, for every host: the Electron main process and the E2E harness
 * both call this, so what the tests drive is what the app runs.
 */
export function createBallastCore(options: BallastCoreOptions): BallastCore {
  const nowMs = options.nowMs ?? Date.now;
  const events = createEventHub();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ballast-'));
  // The app journal latches the trading state (SAFE_MODE, KILLED) across restarts.
  const journal = openJournal(join(dataDir, 'journal.sqlite'));
  const tradingState = createTradingStateMachine({
    nowMs,
    journal,
    onPersistError: (error) => {
      options.log.error({ err: error }, 'the trading state could not be saved to the journal');
    },
  });
  // The person's limits, saved in the data folder; a damaged file holds safe mode until they save again.
  const riskLimits = createRiskLimitsStore({
    path: join(dataDir, 'risk-limits.json'),
    journal,
    tradingState,
    log: options.log,
    nowMs,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const replays = createReplayLibrary(join(dataDir, 'replays'));
  const liveReadiness = createPaperLiveReadiness({
    paperFolder: join(dataDir, 'paper'),
    // Read only when the gate is evaluated, after `bot` exists.
    currentStrategyId: () => bot.status().config?.strategyId,
    // Set once the person has reviewed and saved their limits on the Risk limits screen.
    riskLimits,
    // Read only when the gate is evaluated, after `ai` exists.
    aiModelInUse: () => ai.modelGateInput(),
    nowMs,
    log: options.log,
  });
  const keysOptions = options.keys ?? { store: new InMemoryKeyRecordStore(), osCipher: NO_KEY_ENCRYPTION };
  const keys = new KeysRuntime({
    options: { ...keysOptions, liveReadiness: keysOptions.liveReadiness ?? liveReadiness },
    tradingState,
    events,
    nowMs,
    log: options.log,
  });

  const ai = new AiRuntime({
    dataDir,
    replays,
    events,
    log: options.log,
    nowMs,
    tradingState,
    journal,
    keyCiphers: keys.ciphers,
    limits: () => riskLimits.current(),
    ...(options.trainModelsInThread === true ? { trainInThread: true } : {}),
  });
  const bot = createBotController({
    dataDir,
    tradingState,
    limits: () => riskLimits.current(),
    replays,
    events,
    log: options.log,
    nowMs,
    // Public prices need no key; the rate limiter stays on (createCcxtMarketData insists).
    marketData: options.paperMarketData ?? ((exchangeId) => createCcxtMarketData({ exchangeId, logger: options.log })),
    ...(options.livePollMs === undefined ? {} : { livePollMs: options.livePollMs }),
    ...(options.decorateExchange === undefined ? {} : { decorateExchange: options.decorateExchange }),
    entryReviewerFor: (config, timeframe) => ai.reviewerFor(config, timeframe),
    aiStrategyFor: (config, timeframe) => ai.strategyFor(config, timeframe),
  });
  const liveBot = createLiveBot({
    dataDir,
    tradingState,
    limits: () => riskLimits.current(),
    events,
    log: options.log,
    nowMs,
    ...(options.liveBotPollMs === undefined ? {} : { pollMs: options.liveBotPollMs }),
    ...(options.decorateExchange === undefined ? {} : { decorateExchange: options.decorateExchange }),
    entryReviewerFor: (run) => ai.liveReviewerFor(run),
    ...(options.liveLadderPolicy === undefined ? {} : { ladderPolicy: options.liveLadderPolicy }),
    ...(options.liveBotWallNowMs === undefined ? {} : { wallNowMs: options.liveBotWallNowMs }),
  });
  const liveBotControl = liveBotControlFor({ keys, liveBot, paperConfig: () => bot.status().config });
  // Practice on an exchange's practice site: the same bot, its own journal folder (never the real account's record).
  const practiceBot = createLiveBot({
    dataDir,
    folderName: 'practice',
    tradingState,
    limits: () => riskLimits.current(),
    events,
    log: options.log,
    nowMs,
    ...(options.liveBotPollMs === undefined ? {} : { pollMs: options.liveBotPollMs }),
    ...(options.decorateExchange === undefined ? {} : { decorateExchange: options.decorateExchange }),
    entryReviewerFor: (run) => ai.liveReviewerFor(run),
    ...(options.liveBotWallNowMs === undefined ? {} : { wallNowMs: options.liveBotWallNowMs }),
  });
  const practiceBotControl = liveBotControlFor({ keys, liveBot: practiceBot, paperConfig: () => bot.status().config });
  /** What the frame shows: paper, practice on an exchange's practice site ('testnet'), or live. */
  const tradingMode = (): TradingMode => (keys.practice.isOn() ? 'testnet' : keys.live.mode());
  // Every key value Ballast handles is masked in every journal, even inside free text.
  const unwatchSecrets = watchNewSecrets((value) => {
    journal.registerSecretValue(value);
    bot.registerSecretValue(value);
  });

  const backtests = createBacktestRunner({ executor: createWorkerExecutor(options.backtestWorkerUrl), replays, events, log: options.log, nowMs });

  const unsubscribeKeepAwake = options.keepsComputerAwake === true ? announceKeepAwakeOnBotStart(events, nowMs) : () => undefined;
  const unsubscribe = tradingState.onChange((snapshot, previous) => {
    options.log.info({ from: previous.state, to: snapshot.state, cause: snapshot.cause.code }, 'trading state changed');
  });
  // Every status change, including a trigger that trips or clears without a state change, so the
  // frame knows when safe mode can be left.
  const unsubscribeStatus = tradingState.onStatusChange((status) => {
    events.emit('tradingStateChanged', snapshotForScreens(status));
  });

  const alerts = new AlertsRuntime({
    host: options.alerts ?? {},
    journal,
    dataDir,
    cipher: keysOptions.osCipher,
    tradingState,
    bot,
    riskLimits,
    listKeys: async () => (await keys.ciphers.records.list()).keys,
    // Practice money is pretend: alerts and reviews count it with paper.
    mode: () => (keys.live.mode() === 'live' ? 'live' : 'paper'),
    liveShare: () => liveBot.shareReading(),
    events,
    nowMs,
    log: options.log,
  });
  // Kill stops the live bot (with the person's choice) and the paper bot alike.
  const killEverything = async (cause: StateCause, liveChoice: LiveKillChoice | undefined): Promise<unknown> => {
    const live = liveBot.isOpen() ? liveBot.kill(cause, liveChoice ?? 'keep_stops') : Promise.resolve(null);
    const practice = practiceBot.isOpen() ? practiceBot.kill(cause, liveChoice ?? 'keep_stops') : Promise.resolve(null);
    return Promise.all([live, practice, bot.kill(cause)]);
  };

  const handlers: CommandHandlers = {
    ...frameHandlers({ version: options.version, mode: tradingMode, tradingState, kill: (cause, liveChoice) => killEverything(cause, liveChoice) }),
    ...keysHandlers(keys, liveBotControl),
    getLiveBot: () => liveBot.view(),
    getLiveLadder: ({ newShareQuote }) => liveBot.ladder(newShareQuote),
    raiseLiveShare: (request) => liveBot.raiseShare(request),
    lowerLiveShare: ({ newShareQuote }) => liveBot.lowerShare(newShareQuote),
    ...practiceHandlers(keys, { bot: practiceBotControl, liveBot: practiceBot }),
    ...botHandlers(bot, replays, () => ai.strategyInfos()),
    ...activityHandlers({ dataDir, appJournal: journal, bot, nowMs }),
    ...backtestHandlers(backtests, replays),
    ...aiHandlers(ai, nowMs, journal),
    ...serviceCheckHandlers({ dataDir, nowMs, log: options.log, exchangeApiBaseUrls: keysOptions.exchangeApiBaseUrls, timeoutMs: keysOptions.verifyTimeoutMs }),
    ...alertsHandlers({ alerts, bot, riskLimits, nowMs }),
    ...riskHandlers({
      store: riskLimits,
      tradingState,
      mode: () => keys.live.mode(),
      paperDesk: () => bot.riskDesk(),
      paperStartingBalance: () => {
        const config = bot.status().config;
        return config === null ? null : { amountQuote: config.startingBalanceQuote, quoteAsset: splitMarketSymbol(config.symbol).quote };
      },
    }),
  };

  const dispatch = createDispatcher(handlers, {
    refusalOf: contractRefusalOf,
    onInternalError: (command, error) => {
      options.log.error({ command, err: error }, 'command failed unexpectedly');
    },
  });

  const dispose = (): void => {
    unsubscribe();
    unwatchSecrets();
    unsubscribeStatus();
    unsubscribeKeepAwake();
    keys.dispose();
    ai.dispose();
    bot.dispose();
    liveBot.dispose();
    practiceBot.dispose();
    void backtests.dispose();
    void alerts.dispose();
    journal.close();
  };
  const restore = async (): Promise<void> => {
    await bot.restore();
    await alerts.start();
  };
  return { handlers, dispatch, events, tradingState, keys, bot, liveBot, practiceBot, tradingMode, liveReadiness, ai, alerts, restore, dispose };
}
