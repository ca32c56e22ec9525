import { describe, expect, it } from 'vitest';
import { barsInHoles, holesBetween } from '../../../core/market/index.ts';

const STEP = 10;

describe('holesBetween', () => {
  it('returns the whole range when nothing is present', () => {
    expect(holesBetween([], 0, 100, STEP)).toEqual([{ fromMs: 0, toMs: 100, bars: 10 }]);
  });

  it('returns nothing when overlapping ranges cover everything', () => {
    expect(holesBetween([{ fromMs: 50, toMs: 120 }, { fromMs: -20, toMs: 60 }], 0, 100, STEP)).toEqual([]);
  });

  it('finds holes between, before and after present ranges', () => {
    const present = [{ fromMs: 30, toMs: 50 }, { fromMs: 10, toMs: 20 }];
    const holes = holesBetween(present, 0, 80, STEP);
    expect(holes).toEqual([
      { fromMs: 0, toMs: 10, bars: 1 },
      { fromMs: 20, toMs: 30, bars: 1 },
      { fromMs: 50, toMs: 80, bars: 3 },
    ]);
    expect(barsInHoles(holes)).toBe(5);
  });

  it('counts whole bars on the grid when the range bounds are not on it', () => {
    expect(holesBetween([], 5, 31, STEP)).toEqual([{ fromMs: 10, toMs: 40, bars: 3 }]);
  });
});
