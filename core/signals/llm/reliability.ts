import type { Stance } from '../signal.ts';

/** An accepted answer whose horizon has passed, with the closes that decide it. */
export interface ResolvedAdvice {
  readonly stance: Stance;
  readonly probabilityUp: number;
  readonly confidence: number;
  readonly closeAtAskQuote: number;
  /** The close `horizonBars` bars after the bar the answer was about. */
  readonly closeAtHorizonQuote: number;
}

/** Below this many resolved answers, the stated confidence is shown as uncalibrated. */
export const MIN_RESOLVED_FOR_CURVE = 50;
const BIN_COUNT = 10;

export interface ReliabilityBin {
  readonly fromInclusive: number;
  /** The last bin includes 1. */
  readonly toExclusive: number;
  readonly count: number;
  readonly meanStated: number;
  readonly observedRate: number;
}

export type ReliabilityReport =
  | { readonly status: 'uncalibrated'; readonly resolved: number; readonly required: number }
  | { readonly status: 'curve'; readonly resolved: number; readonly bins: readonly ReliabilityBin[]; readonly brierScore: number };

export interface AdvisorReliability {
  /** Stated confidence against "the stance was right"; neutral answers make no claim and are left out. */
  readonly confidence: ReliabilityReport;
  /** probabilityUp against "the close was higher at the horizon", every stance. */
  readonly probabilityUp: ReliabilityReport;
}

/**
 * How far the LLM's stated numbers can be trusted, from its own recorded answers: a reliability
 * curve (stated probability per bin against how often it happened) and the Brier score, once
 * at least 50 answers are resolved. Before that, it is `uncalibrated` and the screen must say so.
 * A close equal to the ask is "not up", and wrong for both bullish and bearish.
 */
export function advisorReliability(answers: readonly ResolvedAdvice[]): AdvisorReliability {
  const usable = answers.filter((answer) =>
    [answer.probabilityUp, answer.confidence, answer.closeAtAskQuote, answer.closeAtHorizonQuote].every(Number.isFinite)
    && answer.probabilityUp >= 0 && answer.probabilityUp <= 1 && answer.confidence >= 0 && answer.confidence <= 1);
  const directional = usable.filter((answer) => answer.stance !== 'neutral');
  return {
    confidence: reliabilityReport(directional.map((answer) => ({
      stated: answer.confidence,
      happened: answer.stance === 'bullish' ? answer.closeAtHorizonQuote > answer.closeAtAskQuote : answer.closeAtHorizonQuote < answer.closeAtAskQuote,
    }))),
    probabilityUp: reliabilityReport(usable.map((answer) => ({ stated: answer.probabilityUp, happened: answer.closeAtHorizonQuote > answer.closeAtAskQuote }))),
  };
}

export function reliabilityReport(outcomes: readonly { readonly stated: number; readonly happened: boolean }[]): ReliabilityReport {
  if (outcomes.length < MIN_RESOLVED_FOR_CURVE) return { status: 'uncalibrated', resolved: outcomes.length, required: MIN_RESOLVED_FOR_CURVE };
  const sums = Array.from({ length: BIN_COUNT }, () => ({ count: 0, stated: 0, happened: 0 }));
  let squaredError = 0;
  for (const outcome of outcomes) {
    const bin = sums[Math.min(BIN_COUNT - 1, Math.floor(outcome.stated * BIN_COUNT))];
    const happened = outcome.happened ? 1 : 0;
    if (bin !== undefined) {
      bin.count++;
      bin.stated += outcome.stated;
      bin.happened += happened;
    }
    squaredError += (outcome.stated - happened) ** 2;
  }
  const bins: ReliabilityBin[] = [];
  sums.forEach((bin, index) => {
    if (bin.count === 0) return;
    bins.push({ fromInclusive: index / BIN_COUNT, toExclusive: (index + 1) / BIN_COUNT, count: bin.count, meanStated: bin.stated / bin.count, observedRate: bin.happened / bin.count });
  });
  return { status: 'curve', resolved: outcomes.length, bins, brierScore: squaredError / outcomes.length };
}
