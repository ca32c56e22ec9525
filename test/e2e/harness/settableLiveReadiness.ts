import type { PaperRecordSummary } from '../../../core/keys/index.ts';
import type { LiveReadiness } from '../../../core/runtime/liveReadiness.ts';

/**
 * The live gate's outside inputs as a spec sets them. It starts exactly like the app's own
 * default (no strategy chosen, no paper record, risk limits not set) until the spec changes it,
 * standing in for paper trading and the risk settings screen.
 */
export class SettableLiveReadiness implements LiveReadiness {
  #strategyId: string | undefined;
  #paper: Omit<PaperRecordSummary, 'strategyId'> | undefined;
  #riskLimits = false;

  set(state: { strategyId?: string; paper?: { paperDays: number; paperTrades: number }; riskLimitsConfigured?: boolean }): void {
    if (state.strategyId !== undefined) this.#strategyId = state.strategyId;
    if (state.paper !== undefined) this.#paper = state.paper;
    if (state.riskLimitsConfigured !== undefined) this.#riskLimits = state.riskLimitsConfigured;
  }

  liveStrategyId(): Promise<string | undefined> {
    return Promise.resolve(this.#strategyId);
  }

  paperRecordFor(strategyId: string): Promise<PaperRecordSummary | undefined> {
    return Promise.resolve(this.#paper === undefined ? undefined : { strategyId, ...this.#paper });
  }

  riskLimitsConfigured(): Promise<{ configured: boolean }> {
    return Promise.resolve({ configured: this.#riskLimits });
  }
}
