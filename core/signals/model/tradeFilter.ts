/**
 * How the model acts on trades. It never places an order and never raises risk: as a filter it
 * may keep, shrink or skip an entry a rule proposed, never enlarge it and never turn it around.
 */
export interface FilterThresholds {
  /** Below this calibrated probability the entry is skipped. */
  readonly skipBelow: number;
  /** From this probability on the entry is kept whole; in between it shrinks linearly. */
  readonly keepFrom: number;
}

export type EntryFilterDecision =
  | { readonly action: 'keep'; readonly sizeBase: number; readonly code: 'MODEL_FILTER_KEPT'; readonly params: Readonly<Record<string, number>> }
  | { readonly action: 'shrink'; readonly sizeBase: number; readonly factor: number; readonly code: 'MODEL_FILTER_SHRUNK'; readonly params: Readonly<Record<string, number>> }
  | { readonly action: 'skip'; readonly code: EntryFilterSkipCode; readonly params: Readonly<Record<string, number>> };

export type EntryFilterSkipCode = 'MODEL_SKIP_LOW_PROBABILITY' | 'MODEL_SKIP_NO_PROBABILITY' | 'MODEL_SKIP_BAD_SIZE' | 'MODEL_SKIP_BAD_THRESHOLDS';

/** The size is never enlarged and keeps its sign; anything unreadable skips (fails closed). */
export function filterEntry(ruleIntentSizeBase: number, probability: number, thresholds: FilterThresholds): EntryFilterDecision {
  if (!Number.isFinite(ruleIntentSizeBase) || ruleIntentSizeBase === 0) return { action: 'skip', code: 'MODEL_SKIP_BAD_SIZE', params: {} };
  if (!(probability >= 0 && probability <= 1)) return { action: 'skip', code: 'MODEL_SKIP_NO_PROBABILITY', params: {} };
  const { skipBelow, keepFrom } = thresholds;
  if (!(skipBelow >= 0 && keepFrom <= 1 && skipBelow <= keepFrom)) return { action: 'skip', code: 'MODEL_SKIP_BAD_THRESHOLDS', params: {} };
  const percent = Math.round(probability * 1000) / 10;
  if (probability >= keepFrom) return { action: 'keep', sizeBase: ruleIntentSizeBase, code: 'MODEL_FILTER_KEPT', params: { percent } };
  if (probability < skipBelow) return { action: 'skip', code: 'MODEL_SKIP_LOW_PROBABILITY', params: { percent } };
  // skipBelow ≤ p < keepFrom here, so keepFrom > skipBelow and the factor lies in [0, 1).
  const factor = (probability - skipBelow) / (keepFrom - skipBelow);
  const sizeBase = ruleIntentSizeBase * factor;
  if (factor <= 0 || sizeBase === 0) return { action: 'skip', code: 'MODEL_SKIP_LOW_PROBABILITY', params: { percent } };
  return { action: 'shrink', sizeBase, factor, code: 'MODEL_FILTER_SHRUNK', params: { percent, factorPercent: Math.round(factor * 100) } };
}

/**
 * Default filter around the training base rate: a probability at least as good as the usual
 * outcome keeps the entry; five points below it or worse skips it.
 */
export function filterThresholdsFor(baseRate: number): FilterThresholds {
  const keepFrom = Math.min(1, Math.max(0, baseRate));
  return { skipBelow: Math.max(0, keepFrom - 0.05), keepFrom };
}

export interface EntryThresholdChoice {
  readonly threshold: number;
  readonly trades: number;
  /** Mean net return per entry taken at this threshold, on the samples it was chosen on. */
  readonly meanReturnNet: number;
  /** mean / (standard deviation / √trades) of those returns. */
  readonly tStatistic: number;
}

export interface ThresholdSearch {
  readonly candidates: readonly number[];
  readonly minTrades: number;
  /**
   * The mean return must also stand out from its own noise. Entries on neighbouring bars overlap,
   * so this t-statistic flatters; it only screens out flukes — the backtest lab's deflated Sharpe
   * ratio is the real test.
   */
  readonly minTStatistic: number;
}

export const DEFAULT_THRESHOLD_SEARCH: ThresholdSearch = {
  candidates: Array.from({ length: 26 }, (_, k) => Math.round((0.5 + k * 0.01) * 100) / 100),
  minTrades: 50,
  minTStatistic: 2,
};

/**
 * The "AI model" strategy's entry threshold, chosen on training folds only: the caller passes
 * out-of-fold probabilities and the net returns of the labelled trades of the training period.
 * Picks the candidate with the best mean net return among those with enough trades and a clear
 * enough mean, lowest threshold on ties; null when none makes money after costs — the strategy
 * then never enters.
 */
export function chooseEntryThreshold(probabilities: ArrayLike<number>, returnsNet: ArrayLike<number>, search: ThresholdSearch = DEFAULT_THRESHOLD_SEARCH): EntryThresholdChoice | null {
  let best: EntryThresholdChoice | null = null;
  for (const threshold of search.candidates) {
    let trades = 0;
    let sum = 0;
    let sumOfSquares = 0;
    for (let i = 0; i < probabilities.length; i++) {
      if ((probabilities[i] ?? 0) >= threshold) {
        const r = returnsNet[i] ?? 0;
        trades++;
        sum += r;
        sumOfSquares += r * r;
      }
    }
    if (trades < search.minTrades || trades < 2) continue;
    const meanReturnNet = sum / trades;
    const deviation = Math.sqrt(Math.max(0, (sumOfSquares - trades * meanReturnNet * meanReturnNet) / (trades - 1)));
    const tStatistic = deviation > 0 ? meanReturnNet / (deviation / Math.sqrt(trades)) : meanReturnNet > 0 ? Number.POSITIVE_INFINITY : 0;
    if (meanReturnNet <= 0 || tStatistic < search.minTStatistic) continue;
    if (best === null || meanReturnNet > best.meanReturnNet) best = { threshold, trades, meanReturnNet, tStatistic };
  }
  return best;
}
