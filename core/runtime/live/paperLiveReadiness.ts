import type { AiModelGateInput, PaperRecordSummary } from '../../keys/index.ts';
import type { Logger } from '../../log/index.ts';
import type { LiveReadiness } from './liveReadiness.ts';
import { createPaperSessionReader, paperRecordFromSessions } from '../paper/paperRecords.ts';

/** Whether the person has reviewed and saved their risk limits (the risk limits screen's store answers). */
export type RiskLimitsReview = Pick<LiveReadiness, 'riskLimitsConfigured'>;

/** Until the risk limits screen saves a review, the limits count as not set: the gate refuses. */
export const RISK_LIMITS_NOT_REVIEWED: RiskLimitsReview = Object.freeze({
  riskLimitsConfigured: () => Promise.resolve({ configured: false, missing: ['a review of your risk limits (open Risk limits, check each one and save)'] }),
});

export interface PaperLiveReadinessOptions {
  /** Where the paper sessions' journals are (`<data folder>/paper`). */
  readonly paperFolder: string;
  /**
   * The strategy that would go live. Until live trading runs a bot of its own, it is the
   * strategy of the paper bot the person set up last: the configuration they have been watching.
   */
  readonly currentStrategyId: () => string | undefined;
  readonly riskLimits?: RiskLimitsReview;
  /** The trained model while it filters entries (the AI layer's answer); without it the gate has no model item. */
  readonly aiModelInUse?: () => AiModelGateInput | undefined;
  readonly nowMs: () => number;
  readonly log: Logger;
}

/** The live gate's inputs from Ballast's own records: paper sessions on disk and the risk limits review. */
export function createPaperLiveReadiness(options: PaperLiveReadinessOptions): LiveReadiness {
  const sessions = createPaperSessionReader({ folder: options.paperFolder, log: options.log });
  const riskLimits = options.riskLimits ?? RISK_LIMITS_NOT_REVIEWED;
  return {
    liveStrategyId: () => Promise.resolve(options.currentStrategyId()),
    paperRecordFor: (strategyId: string): Promise<PaperRecordSummary | undefined> =>
      Promise.resolve(paperRecordFromSessions(strategyId, sessions(), options.nowMs())),
    riskLimitsConfigured: () => riskLimits.riskLimitsConfigured(),
    aiModelInUse: () => Promise.resolve(options.aiModelInUse?.()),
  };
}
