import type { AiModelGateInput, PaperRecordSummary } from '../../keys/index.ts';

/**
 * What the live gate needs from parts of Ballast outside the keys layer. The runtime plugs in
 * the real ones as they arrive (paper trading records, the risk layer's limits, the chosen
 * strategy); until then the defaults below answer honestly "not yet", so the gate refuses.
 */
export interface LiveReadiness {
  /** The strategy that would trade live; undefined while none is chosen. */
  liveStrategyId(): Promise<string | undefined>;
  /** Days and trades this strategy has paper traded; undefined when it never has. */
  paperRecordFor(strategyId: string): Promise<PaperRecordSummary | undefined>;
  /** Whether every risk limit is set; `missing` names those that are not, in plain words. */
  riskLimitsConfigured(): Promise<{ configured: boolean; missing?: readonly string[] }>;
  /**
   * The trained model when it filters entries (the AI screen's switch), else undefined: the gate
   * then has no model item. Optional so hosts without the AI layer keep their readiness as it is.
   */
  aiModelInUse?(): Promise<AiModelGateInput | undefined>;
}

/** Stands in until paper trading, strategies and the risk settings are connected. */
export const NOT_YET_CONNECTED_READINESS: LiveReadiness = Object.freeze({
  liveStrategyId: () => Promise.resolve(undefined),
  paperRecordFor: () => Promise.resolve(undefined),
  riskLimitsConfigured: () => Promise.resolve({ configured: false }),
});

/** The strategy id the gate is asked about when none is chosen: it has no paper record by definition. */
export const NO_STRATEGY_CHOSEN = 'no-strategy-chosen';
