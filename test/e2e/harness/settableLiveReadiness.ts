import type { AiModelGateInput, PaperRecordSummary } from '../../../core/keys/index.ts';
import { NOT_YET_CONNECTED_READINESS, type LiveReadiness } from '../../../core/runtime/live/liveReadiness.ts';

/**
 * The live gate's outside inputs as a spec sets them. Until a spec sets an input, it is the
 * app's own answer (the core's paper records and risk limits review), so specs that never set
 * anything see exactly what the app would show; a spec sets an input to stand in for weeks of
 * paper trading or another screen.
 */
export class SettableLiveReadiness implements LiveReadiness {
  #records: LiveReadiness = NOT_YET_CONNECTED_READINESS;
  #strategyId: string | undefined;
  #paper: Omit<PaperRecordSummary, 'strategyId'> | undefined;
  #riskLimits: boolean | undefined;

  /** The core's own inputs, used for whatever the spec has not set; the harness passes them after each (re)start. */
  useRecords(records: LiveReadiness): void {
    this.#records = records;
  }

  set(state: { strategyId?: string; paper?: { paperDays: number; paperTrades: number }; riskLimitsConfigured?: boolean }): void {
    if (state.strategyId !== undefined) this.#strategyId = state.strategyId;
    if (state.paper !== undefined) this.#paper = state.paper;
    if (state.riskLimitsConfigured !== undefined) this.#riskLimits = state.riskLimitsConfigured;
  }

  liveStrategyId(): Promise<string | undefined> {
    return this.#strategyId === undefined ? this.#records.liveStrategyId() : Promise.resolve(this.#strategyId);
  }

  paperRecordFor(strategyId: string): Promise<PaperRecordSummary | undefined> {
    return this.#paper === undefined ? this.#records.paperRecordFor(strategyId) : Promise.resolve({ strategyId, ...this.#paper });
  }

  riskLimitsConfigured(): Promise<{ configured: boolean; missing?: readonly string[] }> {
    return this.#riskLimits === undefined ? this.#records.riskLimitsConfigured() : Promise.resolve({ configured: this.#riskLimits });
  }

  aiModelInUse(): Promise<AiModelGateInput | undefined> {
    return this.#records.aiModelInUse?.() ?? Promise.resolve(undefined);
  }
}
