import { describe, expect, it } from 'vitest';
import { advisorReliability, MIN_RESOLVED_FOR_CURVE, reliabilityReport, type ResolvedAdvice } from '../../../../core/signals/llm/index.ts';

const resolved = (stance: ResolvedAdvice['stance'], confidence: number, probabilityUp: number, up: boolean): ResolvedAdvice => ({
  stance, confidence, probabilityUp, closeAtAskQuote: 100, closeAtHorizonQuote: up ? 101 : 99,
});

describe('advisor reliability', () => {
  it('is uncalibrated below 50 resolved answers', () => {
    expect(MIN_RESOLVED_FOR_CURVE).toBe(50);
    const answers = Array.from({ length: 49 }, () => resolved('bullish', 0.7, 0.7, true));
    expect(advisorReliability(answers).confidence).toEqual({ status: 'uncalibrated', resolved: 49, required: 50 });
  });

  it('draws the curve and the Brier score from 50 resolved answers', () => {
    // 30 answers stating 0.75 of which 21 came true (0.7), 20 stating 0.25 of which 6 came true (0.3).
    const outcomes = [
      ...Array.from({ length: 30 }, (_, i) => ({ stated: 0.75, happened: i < 21 })),
      ...Array.from({ length: 20 }, (_, i) => ({ stated: 0.25, happened: i < 6 })),
    ];
    const report = reliabilityReport(outcomes);
    expect(report.status).toBe('curve');
    if (report.status !== 'curve') return;
    expect(report.resolved).toBe(50);
    expect(report.bins).toEqual([
      { fromInclusive: 0.2, toExclusive: 0.3, count: 20, meanStated: 0.25, observedRate: 0.3 },
      { fromInclusive: 0.7, toExclusive: 0.8, count: 30, meanStated: 0.75, observedRate: 0.7 },
    ]);
    // Brier: 21·0.25² + 9·0.75² + 6·0.75² + 14·0.25² = 35·0.0625 + 15·0.5625 = 2.1875 + 8.4375 = 10.625; ÷ 50 = 0.2125
    expect(report.brierScore).toBeCloseTo(0.2125, 12);
  });

  it('scores confidence by whether the stance was right, leaving neutral answers out', () => {
    const answers = [
      ...Array.from({ length: 25 }, () => resolved('bullish', 0.9, 0.8, true)),
      ...Array.from({ length: 25 }, () => resolved('bearish', 0.9, 0.2, true)),
      ...Array.from({ length: 10 }, () => resolved('neutral', 0.5, 0.5, false)),
    ];
    const report = advisorReliability(answers);
    // 50 directional answers at 0.9: bullish right (25), bearish wrong (25) → observed 0.5.
    expect(report.confidence).toMatchObject({ status: 'curve', resolved: 50, bins: [{ fromInclusive: 0.9, count: 50, observedRate: 0.5 }] });
    if (report.confidence.status === 'curve') expect(report.confidence.bins[0]?.meanStated).toBeCloseTo(0.9, 12);
    // probabilityUp covers all 60: every one but the neutrals went up.
    expect(report.probabilityUp).toMatchObject({ status: 'curve', resolved: 60 });
  });

  it('counts a flat close as not up and as wrong for either stance, and skips broken entries', () => {
    const flat = { stance: 'bullish', confidence: 0.6, probabilityUp: 0.6, closeAtAskQuote: 100, closeAtHorizonQuote: 100 } as const;
    const report = reliabilityReport(Array.from({ length: 50 }, () => ({ stated: 1, happened: false })));
    expect(report).toMatchObject({ bins: [{ fromInclusive: 0.9, toExclusive: 1, count: 50 }], brierScore: 1 });
    const mixed = advisorReliability([...Array.from({ length: 50 }, () => flat), { ...flat, closeAtHorizonQuote: Number.NaN }]);
    expect(mixed.confidence).toMatchObject({ resolved: 50, bins: [{ observedRate: 0 }] });
  });
});
