import { join } from 'node:path';
import { ContractError, type BotConfig, type EventHub, type LlmProviderView, type TrainingSource, type TrainingStatusView } from '../../contract/index.ts';
import type { AiModelGateInput } from '../../keys/index.ts';
import type { Journal } from '../../journal/index.ts';
import type { Logger } from '../../log/index.ts';
import type { Candle, Timeframe } from '../../market/index.ts';
import type { RiskLimits, TradingStateMachine } from '../../risk/index.ts';
import { createLlmAdvisor, type AdviceRecord, type BudgetCall, type SecondOpinion } from '../../signals/llm/index.ts';
import type { DriftReport } from '../../signals/model/index.ts';
import type { EntryReviewer } from '../paper/entryReview.ts';
import type { ReplayLibrary } from '../replayLibrary.ts';
import { generateSyntheticCandles, SYNTHETIC_MARKET_DEFAULTS } from '../syntheticMarket.ts';
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
    const run = startTraining({
      candles: data.candles,
      config: { symbol: data.symbol, timeframe: data.timeframe },
      log: this.#options.log,
      ...(this.#options.trainInThread === true ? { inThread: true } : {}),
      onProgress: (progress) => {
        if (this.#run !== run) return;
        this.#setTraining({ ...this.#training, stage: progress.stage, fraction: progress.fraction });
      },
    });
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

  /** A reviewer for one paper run, or null when neither the model filter nor the LLM is on. */
  reviewerFor(config: BotConfig, timeframe: Timeframe): EntryReviewer | null {
    const settings = this.models.settings();
    const model = settings.filterOn ? this.models.current() : null;
    const provider = this.provider.settings();
    const llmOn = this.provider.isConfigured() && provider.enabled && provider.mode === 'second-opinion';
    if (model === null && !llmOn) return null;
    const advisor = llmOn
      ? {
          advisor: createLlmAdvisor({
            settings: provider,
            readApiKey: () => this.provider.readApiKey(),
            allowlist: [...new Set([...this.#options.limits().allowedSymbols, config.symbol])],
            nowMs: this.#options.nowMs,
            logger: this.#options.log,
            budgetHistory: this.#budgetHistory(),
          }),
          neutralShrinkFactor: provider.neutralShrinkFactor,
        }
      : null;
    return createAiEntryReviewer({
      symbol: config.symbol,
      timeframe,
      model,
      advisor,
      tradingState: this.#options.tradingState,
      onLlmCall: (record, effect) => {
        this.#calls.push({ record, effect });
        if (this.#calls.length > MAX_CALLS_SHOWN) this.#calls.shift();
      },
      onDrift: (report: DriftReport, atMs: number) => {
        this.#drift = driftView(report, atMs);
      },
    });
  }

  dispose(): void {
    this.#run?.cancel();
    this.#run = null;
  }

  #budgetHistory(): BudgetCall[] {
    return this.#calls.filter((call) => call.record.called).map((call) => ({ atMs: call.record.askedAtMs, tokens: call.record.usage?.totalTokens ?? 0 }));
  }

  #setTraining(next: TrainingStatusView): void {
    this.#training = next;
    this.#options.events.emit('aiTrainingProgressed', next);
  }
}
