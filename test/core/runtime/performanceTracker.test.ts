import { describe, expect, it } from 'vitest';
import { createPerformanceTracker } from '../../../core/runtime/paper/performanceTracker.ts';

describe('the performance tracker', () => {
  it('measures time in the market and the average money at work next to buy-and-hold', () => {
    const tracker = createPerformanceTracker(1_000, 0);
    // Four bars: out, in with 100 of 1,000 (10%), in with 500 of 1,000 (50%), out again.
    tracker.onBar(1, 10, 1_000, 0);
    tracker.onBar(2, 10, 1_000, 100);
    tracker.onBar(3, 10, 1_000, 500);
    tracker.onBar(4, 10, 1_000, 0);
    // In the market on 2 of 4 bars = 50 %; average exposure (0 + 10 + 50 + 0) / 4 = 15 %.
    expect(tracker.timeInMarketPct).toBe(50);
    expect(tracker.averageExposurePct).toBeCloseTo(15, 12);
  });

  it('reports zero before any bar', () => {
    const tracker = createPerformanceTracker(1_000, 0.001);
    expect(tracker.timeInMarketPct).toBe(0);
    expect(tracker.averageExposurePct).toBe(0);
  });
});
