import { join } from 'node:path';
import { ContractError, type BotConfig, type EventHub, type LlmProviderView, type StrategyInfo, type TrainingSource, type TrainingStatusView } from '../../contract/index.ts';
import type { AiModelGateInput } from '../../keys/index.ts';
import type { Journal } from '../../journal/index.ts';
import type { Logger } from '../../log/index.ts';
import type { Candle, Timeframe } from '../../market/index.ts';
import type { RiskLimits, TradingStateMachine } from '../../risk/index.ts';
import type { Strategy, StrategyDescription, StrategyId } from '../../signals/index.ts';
import { createLlmAdvisor, type AdviceRecord, type BudgetCall, type LlmAdvisor, type SecondOpinion } from '../../signals/llm/index.ts';
import { createModelStrategy, type DriftReport } from '../../signals/model/index.ts';
import type { EntryReviewer, SignalProposer } from '../paper/entryReview.ts';
import { createLlmProposer, createLlmProposesStrategy } from './llmProposer.ts';
import type { ReplayLibrary } from '../paper/replayLibrary.ts';
import { generateSyntheticCandles, SYNTHETIC_MARKET_DEFAULTS } from '../paper/syntheticMarket.ts';
import { createAiEntryReviewer } from './aiEntryReviewer.ts';
import { aiReason } from './aiWords.ts';
import { driftView, llmCallView } from './aiViews.ts';
import { LlmProviderStore, type LlmKeyCiphers } from './llmProviderStore.ts';
import { ModelStore } from './modelStore.ts';
import { startTraining, type TrainingRun } from './trainingRunner.ts';
import type { DriftView, LlmCallView } from '../../contract/index.ts';

const MAX_CALLS_SHOWN = 100;

export interface AiRuntimeOptions {
  readonly dataDir: string;
  readonly replays: ReplayLibrary;
  readonly events: EventHub;
  readonly log: Logger;
  readonly nowMs: () => number;
  readonly tradingState: TradingStateMachine;
  /** The app journal: adopting a model and changing the LLM's role are the person's actions, recorded there. */
  readonly journal: Journal;
  readonly keyCiphers: LlmKeyCiphers;
  readonly limits: () => RiskLimits;
  /** Train on this thread instead of a worker (hosts where the worker's module cannot load). */
  readonly trainInThread?: boolean;
}

export interface TrainingData {
  readonly candles: Candle[];
  readonly symbol: string;
  readonly timeframe: string;
  readonly label: string;
}

/**
 * The AI layer of the running app: the model store and its current version, training in the
 * background, the LLM provider and its key, the last drift report and the recent LLM calls.
 * The paper bot asks it for a reviewer per run.
 */
export class AiRuntime {
  readonly models: ModelStore;
  readonly provider: LlmProviderStore;
  readonly #options: AiRuntimeOptions;
  #training: TrainingStatusView = { phase: 'idle', stage: null, fraction: 0, startedAtMs: null, resultFileHash: null, reason: null };
  #run: TrainingRun | null = null;
  #candidateFileHash: string | null = null;
  #drift: DriftView | null = null;
  readonly #calls: { record: AdviceRecord; effect: SecondOpinion | null }[] = [];

  constructor(options: AiRuntimeOptions) {
    this.#options = options;
    this.models = new ModelStore(join(options.dataDir, 'models'), options.log);
    this.provider = new LlmProviderStore(join(options.dataDir, 'ai'), options.keyCiphers, options.log);
  }

  get training(): TrainingStatusView {
    return this.#training;
  }

  get candidateFileHash(): string | null {
    return this.#candidateFileHash;
  }

  get drift(): DriftView | null {
    return this.#drift;
  }

  calls(): LlmCallView[] {
    return this.#calls.map((call) => llmCallView(call.record, call.effect)).reverse();
  }

  /** The prices of a training source, with a name for the card. */
  dataFor(source: TrainingSource): TrainingData {
    if (source.kind === 'synthetic') {
      const candles = generateSyntheticCandles({ ...SYNTHETIC_MARKET_DEFAULTS, endOpenTimeMs: Math.floor(this.#options.nowMs() / 3_600_000) * 3_600_000 - 3_600_000 });
      return { candles, symbol: source.symbol, timeframe: '1h', label: `Synthetic demo market ${source.symbol} (generated prices)` };
    }
    const loaded = this.#options.replays.load(source.importId);
    return { candles: loaded.candles, symbol: loaded.summary.symbol, timeframe: loaded.summary.timeframe, label: `${loaded.summary.fileName} (${loaded.summary.symbol}, ${loaded.summary.timeframe})` };
  }

  startTraining(source: TrainingSource): TrainingStatusView {
    if (this.#training.phase === 'training') throw new ContractError('NOT_ALLOWED_NOW', 'A model is already being trained. Wait for it or cancel it first.');
    const data = this.dataFor(source);
    const startedAtMs = this.#options.nowMs();
    this.#setTraining({ phase: 'training', stage: 'features', fraction: 0, startedAtMs, resultFileHash: null, reason: null });
    // Training on this thread reports its first progress before `startTraining` returns: until
    // then there is no run to compare with, and the progress is this run's.
    let started: TrainingRun | null = null;
    const run = startTraining({
      candles: data.candles,
      config: { symbol: data.symbol, timeframe: data.timeframe },
      log: this.#options.log,
      ...(this.#options.trainInThread === true ? { inThread: true } : {}),
      onProgress: (progress) => {
        if (started !== null && this.#run !== started) return;
        this.#setTraining({ ...this.#training, stage: progress.stage, fraction: progress.fraction });
      },
    });
    started = run;
    this.#run = run;
    void run.done.then((outcome) => {
      if (this.#run !== run) return;
      this.#run = null;
      if (!outcome.ok) {
        const phase = outcome.code === 'TRAINING_CANCELLED' ? 'cancelled' : 'failed';
        this.#options.log.info({ code: outcome.code }, 'model training ended without a model');
        this.#setTraining({ ...this.#training, phase, reason: aiReason(outcome.code, outcome.params) });
        return;
      }
      const stored = this.models.save(outcome.trained, { sourceLabel: data.label, trainedAtMs: this.#options.nowMs() });
      this.#candidateFileHash = stored.fileHash;
      this.#options.journal.append({
        atMs: this.#options.nowMs(),
        kind: 'system',
        payload: { event: 'model_trained', fileHash: stored.fileHash, modelHash: stored.trained.modelHash, dataHash: stored.trained.card.dataHash, source: data.label, verdict: stored.trained.card.verdict },
      });
      this.#setTraining({ ...this.#training, phase: 'done', stage: 'done', fraction: 1, resultFileHash: stored.fileHash });
    }, (error: unknown) => {
      this.#options.log.error({ err: error }, 'model training failed');
      this.#run = null;
      this.#setTraining({ ...this.#training, phase: 'failed', reason: aiReason('TRAINING_FAILED') });
    });
    return this.#training;
  }

  cancelTraining(): TrainingStatusView {
    const run = this.#run;
    if (run === null) return this.#training;
    this.#run = null;
    run.cancel();
    this.#setTraining({ ...this.#training, phase: 'cancelled', reason: aiReason('TRAINING_CANCELLED') });
    return this.#training;
  }

  /** The live gate's model item: present only while the model filters entries. */
  modelGateInput(): AiModelGateInput | undefined {
    const settings = this.models.settings();
    if (!settings.filterOn) return undefined;
    const current = this.models.current();
    if (current === null) return { present: false, usableLive: false, reasons: [] };
    const { verdict } = current.trained.card;
    return { present: true, usableLive: verdict.usableLive, reasons: verdict.reasons.map((item) => aiReason(item.code, item.params).text) };
  }

  providerView(): LlmProviderView {
    const settings = this.provider.settings();
    return {
      configured: this.provider.isConfigured(),
      presetId: settings.presetId,
      baseUrl: settings.baseUrl,
      model: settings.model,
      apiKeyStored: this.provider.hasApiKey(),
      role: settings.enabled && settings.mode === 'second-opinion' ? 'second-opinion' : 'off',
      callsPerHour: settings.callsPerHour,
      callsPerDay: settings.callsPerDay,
    };
  }

  /** The AI strategies the paper bot can be given now: the model always (starting it needs one), the advisor once a provider is set up. */
  strategyInfos(): StrategyInfo[] {
    const current = this.models.current();
    const model = current === null
      ? { id: 'ai-model' as const, name: 'AI model', summary: 'Trades on the trained model’s probability. It needs a trained model: train one on the AI screen and make it your current model first.' }
      : { id: 'ai-model' as const, ...pickNameAndSummary(createModelStrategy(current.trained).description) };
    const llm = { id: 'llm-advisor' as const, ...pickNameAndSummary(createLlmProposesStrategy().description) };
    return this.provider.isConfigured() ? [model, llm] : [model];
  }

  /**
   * The parts of a paper run whose strategy is the AI's: the model strategy on the current model,
   * or the advisor proposing trades. Refuses in plain words what cannot run.
   */
  strategyFor(config: BotConfig, timeframe: Timeframe): { strategy: Strategy; proposer?: SignalProposer } {
    if (config.strategyId === 'ai-model') {
      const current = this.models.current();
      if (current === null) throw new ContractError('REFUSED', 'The AI model strategy needs a trained model. Train one on the AI screen and make it your current model, then start again.');
      if (current.trained.card.timeframe !== timeframe) {
        throw new ContractError('REFUSED', `Your current model was trained on ${current.trained.card.timeframe} bars, and these prices are ${timeframe} bars. Choose prices with ${current.trained.card.timeframe} bars, or train a model on these.`);
      }
      return { strategy: createModelStrategy(current.trained) };
    }
    if (config.strategyId === 'llm-advisor') {
      if (!this.provider.isConfigured()) throw new ContractError('REFUSED', 'The AI advisor is not set up. Set up its provider on the AI screen first, then start again.');
      return {
        strategy: createLlmProposesStrategy(),
        proposer: createLlmProposer({ symbol: config.symbol, timeframe, advisor: this.#advisorFor(config), onLlmCall: (record) => { this.#recordCall(record, null); } }),
      };
    }
    throw new ContractError('REFUSED', 'This strategy is not one of Ballast’s AI strategies.');
  }

  /**
   * The same review for the live bot: the model filter and the LLM second opinion as chosen on
   * the AI screen (the live gate has judged the model). The AI's own strategies never run live.
   */
  liveReviewerFor(run: { readonly symbol: string; readonly strategyId: StrategyId; readonly timeframe: Timeframe }): EntryReviewer | null {
    return this.reviewerFor({ symbol: run.symbol, strategyId: run.strategyId }, run.timeframe);
  }

  /** A reviewer for one paper run, or null when neither the model filter nor the LLM is on. */
  reviewerFor(config: Pick<BotConfig, 'symbol' | 'strategyId'>, timeframe: Timeframe): EntryReviewer | null {
    const settings = this.models.settings();
    const modelIsStrategy = config.strategyId === 'ai-model';
    // The model as the strategy is reviewed by itself too, so the feed shows its probability and reasons and drift acts on it.
    const model = settings.filterOn || modelIsStrategy ? this.models.current() : null;
    const provider = this.provider.settings();
    // The advisor proposing trades is not also its own second opinion.
    const llmOn = this.provider.isConfigured() && provider.enabled && provider.mode === 'second-opinion' && config.strategyId !== 'llm-advisor';
    if (model === null && !llmOn) return null;
    const advisor = llmOn ? { advisor: this.#advisorFor(config), neutralShrinkFactor: provider.neutralShrinkFactor } : null;
    return createAiEntryReviewer({
      symbol: config.symbol,
      timeframe,
      model,
      modelRole: modelIsStrategy ? 'strategy' : 'filter',
      advisor,
      tradingState: this.#options.tradingState,
      onLlmCall: (record, effect) => { this.#recordCall(record, effect); },
      onDrift: (report: DriftReport, atMs: number) => {
        this.#drift = driftView(report, atMs);
      },
    });
  }

  dispose(): void {
    this.#run?.cancel();
    this.#run = null;
  }

  #advisorFor(config: Pick<BotConfig, 'symbol'>): LlmAdvisor {
    return createLlmAdvisor({
      settings: this.provider.settings(),
      readApiKey: () => this.provider.readApiKey(),
      allowlist: [...new Set([...this.#options.limits().allowedSymbols, config.symbol])],
      nowMs: this.#options.nowMs,
      logger: this.#options.log,
      budgetHistory: this.#budgetHistory(),
    });
  }

  #recordCall(record: AdviceRecord, effect: SecondOpinion | null): void {
    this.#calls.push({ record, effect });
    if (this.#calls.length > MAX_CALLS_SHOWN) this.#calls.shift();
  }

  #budgetHistory(): BudgetCall[] {
    return this.#calls.filter((call) => call.record.called).map((call) => ({ atMs: call.record.askedAtMs, tokens: call.record.usage?.totalTokens ?? 0 }));
  }

  #setTraining(next: TrainingStatusView): void {
    this.#training = next;
    this.#options.events.emit('aiTrainingProgressed', next);
  }
}

const pickNameAndSummary = (description: StrategyDescription): { name: string; summary: string } => ({ name: description.name, summary: description.summary });
