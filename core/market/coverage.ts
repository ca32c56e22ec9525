/** A half-open span of bar open times: `fromMs` inclusive, `toMs` exclusive. */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/** Bars that are neither stored nor known to be absent at the exchange. */
export interface CandleHole extends TimeRange {
  readonly bars: number;
}

function ceilToGrid(atMs: number, stepMs: number): number {
  return Math.ceil(atMs / stepMs) * stepMs;
}

/**
 * The parts of [fromMs, toMs) not covered by any of `present` (in any order, overlaps
 * allowed), cut to whole bars on the timeframe grid.
 */
export function holesBetween(present: readonly TimeRange[], fromMs: number, toMs: number, stepMs: number): CandleHole[] {
  const sorted = [...present].sort((a, b) => a.fromMs - b.fromMs);
  const holes: CandleHole[] = [];
  let cursorMs = ceilToGrid(fromMs, stepMs);
  const endMs = ceilToGrid(toMs, stepMs);
  const addHole = (holeFromMs: number, holeToMs: number): void => {
    const start = ceilToGrid(holeFromMs, stepMs);
    const end = Math.min(ceilToGrid(holeToMs, stepMs), endMs);
    if (end > start) holes.push({ fromMs: start, toMs: end, bars: (end - start) / stepMs });
  };
  for (const range of sorted) {
    if (range.toMs <= cursorMs) continue;
    if (range.fromMs >= endMs) break;
    if (range.fromMs > cursorMs) addHole(cursorMs, range.fromMs);
    cursorMs = Math.max(cursorMs, range.toMs);
  }
  if (cursorMs < endMs) addHole(cursorMs, endMs);
  return holes;
}

/** Total bars across holes. */
export function barsInHoles(holes: readonly CandleHole[]): number {
  return holes.reduce((sum, hole) => sum + hole.bars, 0);
}
