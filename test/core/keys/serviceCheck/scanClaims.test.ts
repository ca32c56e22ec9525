import { describe, expect, it } from 'vitest';
import { MAX_SCANNED_CHARS, scanClaims } from '../../../../core/keys/serviceCheck/index.ts';

const rulesIn = (text: string): string[] => scanClaims(text).matches.map((m) => m.ruleId);

describe('scanClaims', () => {
  it('reports rule, position, words and explanation for each match, in text order', () => {
    const text = 'Act now! Our bot is risk-free and pays 3% daily.';
    expect(scanClaims(text)).toEqual({
      matches: [
        { ruleId: 'urgency', start: 0, end: 7, text: 'Act now', explanationCode: 'CLAIM_URGENCY', params: {} },
        { ruleId: 'guarantee', start: 20, end: 29, text: 'risk-free', explanationCode: 'CLAIM_GUARANTEE', params: {} },
        // 1.03^365 = 48,482.7 → (48,482.7 − 1) × 100 ≈ 4,848,172% a year.
        { ruleId: 'fixed_return', start: 39, end: 47, text: '3% daily', explanationCode: 'CLAIM_FIXED_RETURN', params: { percent: 3, period: 'day', impliedYearlyPercent: 4_848_172 } },
      ],
      scannedChars: text.length,
      truncated: false,
    });
  });

  it('gives positions as JavaScript string indices, so emoji before a match count twice', () => {
    const text = '🚀🚀 Guaranteed profits';
    const [match] = scanClaims(text).matches;
    expect(match).toMatchObject({ start: 5, end: 15 });
    expect(text.slice(match!.start, match!.end)).toBe('Guaranteed');
  });

  it('lets a negation deny only its own clause and sentence', () => {
    expect(rulesIn('We never lie. Guaranteed profits!')).toEqual(['guarantee']);
    expect(rulesIn('No fees, guaranteed profits.')).toEqual(['guarantee']);
    expect(rulesIn('Not only fast but guaranteed.')).toEqual(['guarantee']);
    expect(rulesIn('Don’t miss out on guaranteed returns.')).toEqual(['urgency', 'guarantee']);
    expect(rulesIn('Nobody can guarantee returns.')).toEqual([]);
    expect(rulesIn('We make no guarantees about profits.')).toEqual([]);
  });

  it('reads an APR against the plausible bound: 20% is not flagged, 20.5% is', () => {
    expect(rulesIn('Earn 20% APY.')).toEqual([]);
    expect(scanClaims('Earn 20.5% APY.').matches[0]).toMatchObject({ ruleId: 'high_apr', params: { percent: 20.5, boundPercent: 20 } });
    expect(scanClaims('Earn 1,200% APR.').matches[0]?.params).toMatchObject({ percent: 1200 });
  });

  it('reads a win rate against its bound: 79% is not flagged, 80% and "never loses" are', () => {
    expect(rulesIn('A 79% win rate.')).toEqual([]);
    expect(scanClaims('An 80% win rate.').matches[0]).toMatchObject({ ruleId: 'win_rate', params: { percent: 80 } });
    expect(scanClaims('This bot never loses.').matches[0]).toMatchObject({ ruleId: 'win_rate', params: { percent: 100 } });
  });

  it('scans only the first MAX_SCANNED_CHARS characters of a longer text, and says so', () => {
    const text = `${'Plain words here. '.repeat(Math.ceil(MAX_SCANNED_CHARS / 18))}Guaranteed profits!`;
    const scan = scanClaims(text);
    expect(scan).toMatchObject({ truncated: true, scannedChars: MAX_SCANNED_CHARS, matches: [] });
  });

  it('gets through a long text full of near-matches (no runaway patterns)', () => {
    const nearMisses = 'send your coins to the exchange, deposit funds into your account, 99% of, win rate, APR, ';
    const text = nearMisses.repeat(Math.floor(MAX_SCANNED_CHARS / nearMisses.length));
    expect(scanClaims(text).matches).toEqual([]);
    const flagged = 'Earn 2% daily! '.repeat(1_000);
    expect(scanClaims(flagged).matches).toHaveLength(1_000);
  });
});
