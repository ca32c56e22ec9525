import type { Candle } from '../../market/index.ts';
import { driftOverHistory, type DriftReport } from './driftMonitor.ts';
import { buildDriftReference } from './driftReference.ts';
import { CALENDAR_FEATURES, FEATURE_COUNT, FEATURE_NAMES, FEATURES_READY_AFTER_BARS, featureRowsFor } from './features.ts';

export const DRIFT_FEATURES: readonly { readonly name: string; readonly column: number }[] = FEATURE_NAMES.flatMap((name, column) =>
  CALENDAR_FEATURES.has(name) ? [] : [{ name, column }],
);

export const DEFAULT_DRIFT_RECENT_BARS = 48;

export type DriftFromCandlesResult =
  | { readonly ok: true; readonly report: DriftReport }
  | { readonly ok: false; readonly code: 'DRIFT_RECENT_TOO_SHORT' | 'DRIFT_REFERENCE_TOO_SHORT'; readonly params: Readonly<Record<string, number>> };

/**
 * Drift of a recent history against a reference history, as the CLI's `drift` command reports it:
 * thresholds from the reference's own contiguous windows, then one check per recent bar with
 * persistence, the last report returned. Each history warms its own features up (the first
 * 96 bars of each give no rows), so the two files need not be adjacent.
 */
export function driftFromCandles(reference: readonly Candle[], recent: readonly Candle[], recentBars = DEFAULT_DRIFT_RECENT_BARS): DriftFromCandlesResult {
  const warm = FEATURES_READY_AFTER_BARS - 1;
  const recentRows = Math.max(0, recent.length - warm);
  if (recentRows < recentBars) return { ok: false, code: 'DRIFT_RECENT_TOO_SHORT', params: { bars: recent.length, needed: warm + recentBars } };
  try {
    const driftReference = buildDriftReference(featureRowsFor(reference).values.subarray(warm * FEATURE_COUNT), FEATURE_COUNT, DRIFT_FEATURES, { recentBars });
    return { ok: true, report: driftOverHistory(driftReference, featureRowsFor(recent).values.subarray(warm * FEATURE_COUNT), FEATURE_COUNT) };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, code: 'DRIFT_REFERENCE_TOO_SHORT', params: { bars: reference.length } };
    throw error;
  }
}
