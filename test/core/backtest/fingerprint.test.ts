import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BacktestInputError, canonicalJson, createRunFingerprint, runFingerprint } from '../../../core/backtest/index.ts';

const SEED = Number(process.env.BALLAST_PROPERTY_SEED ?? 20_261_204);
const RUNS = Number(process.env.BALLAST_PROPERTY_RUNS ?? 300);

const config = { strategy: 'sma-cross', params: { fast: 10, slow: 30 }, fees: { taker: 0.001 }, fill: 'next-open' };
const dataHash = 'a'.repeat(64);
const fills = [
  { atMs: 1_500_000_000_000, side: 'buy', amountBase: 0.01, priceQuote: 4_000.5, feeQuote: 0.04 },
  { atMs: 1_500_003_600_000, side: 'sell', amountBase: 0.01, priceQuote: 4_100, feeQuote: 0.041 },
];

describe('canonicalJson', () => {
  it('sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('refuses what JSON would silently change: NaN, Infinity, bigints, Maps, Dates, functions', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 1n, new Map(), new Date(0), () => 1]) {
      expect(() => canonicalJson({ value: bad })).toThrow(BacktestInputError);
    }
    expect(() => canonicalJson({ fills: [{ priceQuote: Number.NaN }] })).toThrow(/\$\.fills\[0\]\.priceQuote/);
  });
});

describe('runFingerprint', () => {
  it('is sha256 of the canonical JSON of config, data hash and fills, the same whichever order keys were written in', () => {
    const expected = createHash('sha256').update(canonicalJson({ config, dataHash, fills })).digest('hex');
    expect(runFingerprint({ config, dataHash, fills })).toBe(expected);
    const reordered = { fill: 'next-open', fees: { taker: 0.001 }, params: { slow: 30, fast: 10 }, strategy: 'sma-cross' };
    expect(runFingerprint({ config: reordered, dataHash, fills })).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same digest when fills are streamed one by one', () => {
    const streamed = createRunFingerprint(config, dataHash);
    for (const fill of fills) streamed.addFill(fill);
    expect(streamed.digestHex()).toBe(runFingerprint({ config, dataHash, fills }));
    expect(() => {
      streamed.addFill(fills[0]);
    }).toThrow(BacktestInputError);
  });

  it('changes when any setting, the data or any fill changes', () => {
    const base = runFingerprint({ config, dataHash, fills });
    expect(runFingerprint({ config: { ...config, params: { fast: 10, slow: 31 } }, dataHash, fills })).not.toBe(base);
    expect(runFingerprint({ config, dataHash: 'b'.repeat(64), fills })).not.toBe(base);
    expect(runFingerprint({ config, dataHash, fills: fills.slice(0, 1) })).not.toBe(base);
    expect(runFingerprint({ config, dataHash, fills: [fills[1], fills[0]] })).not.toBe(base);
    expect(runFingerprint({ config, dataHash, fills: [{ ...fills[0], priceQuote: 4_000.500_000_000_1 }, fills[1]] })).not.toBe(base);
  });

  it('changes when any single number in a fill changes, and only then (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ atMs: fc.integer({ min: 0 }), priceQuote: fc.double({ min: 1e-8, max: 1e9, noNaN: true }), amountBase: fc.double({ min: 1e-8, max: 1e6, noNaN: true }) }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom('atMs' as const, 'priceQuote' as const, 'amountBase' as const),
        (generated, pick, field) => {
          const base = runFingerprint({ config, dataHash, fills: generated });
          expect(runFingerprint({ config, dataHash, fills: generated.map((fill) => ({ ...fill })) })).toBe(base);
          const index = pick % generated.length;
          const changed = generated.map((fill, i) => (i === index ? { ...fill, [field]: fill[field] * 2 + 1 } : fill));
          expect(runFingerprint({ config, dataHash, fills: changed })).not.toBe(base);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
