import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_LIMITS,
  RISK_REASONS,
  RISK_REASON_CODES,
  compareRiskLimits,
  defaultRiskLimits,
  limitUsage,
  parseRiskLimits,
  type RiskLimits,
} from '../../../core/risk/index.ts';
import { NOW_MS, account, position } from './riskFixtures.ts';

const context = { equityQuote: 10_000, quoteAsset: 'USDT' };

describe('risk limits', () => {
  it('default to the beginner values and pass their own schema', () => {
    expect(parseRiskLimits(DEFAULT_RISK_LIMITS)).toEqual({ ok: true, value: DEFAULT_RISK_LIMITS });
    expect(DEFAULT_RISK_LIMITS).toMatchObject({
      perTradeFractionOfEquity: 0.01,
      totalExposureFractionOfEquity: 0.25,
      dailyLossFractionOfEquity: 0.03,
      maxDrawdownFraction: 0.1,
      maxOpenPositions: 3,
      maxOrdersPerMinute: 10,
      maxOrdersPerDay: 100,
      maxSpreadForMarketOrderBps: 30,
      priceBandBps: 100,
      maxDepthFraction: 0.1,
    });
  });

  it('are limit-only for live trading and not for paper', () => {
    expect(defaultRiskLimits('live').limitOnly).toBe(true);
    expect(defaultRiskLimits('paper').limitOnly).toBe(false);
    expect(defaultRiskLimits('live', 'Europe/Berlin').dayBoundaryTimeZone).toBe('Europe/Berlin');
  });

  it('refuse out-of-range values and unknown time zones instead of clamping them', () => {
    const bad = [
      { perTradeFractionOfEquity: 0 },
      { totalExposureFractionOfEquity: 1.5 },
      { maxOpenPositions: 2.5 },
      { dayBoundaryTimeZone: 'Mars/Olympus' },
      { limitOnly: 'yes' },
      { leverage: 3 },
    ];
    for (const change of bad) {
      const parsed = parseRiskLimits({ ...DEFAULT_RISK_LIMITS, ...change });
      expect(parsed.ok, JSON.stringify(change)).toBe(false);
    }
  });
});

describe('changing limits', () => {
  const change = (partial: Partial<RiskLimits>) => compareRiskLimits(DEFAULT_RISK_LIMITS, { ...DEFAULT_RISK_LIMITS, ...partial }, context);

  it('states a loosening in money at today\'s equity and asks for confirmation', () => {
    const review = change({ dailyLossFractionOfEquity: 0.05 });
    expect(review.changes).toEqual([expect.objectContaining({ field: 'dailyLossFractionOfEquity', direction: 'loosen' })]);
    expect(review.changes[0]?.consequence).toBe('Daily loss limit goes from 300.00 USDT (3.00%) to 500.00 USDT (5.00%).');
    expect(review.needsConfirmation).toBe(true);
    expect(review.confirmationText).toContain('from 300.00 USDT (3.00%) to 500.00 USDT (5.00%)');
  });

  it('lets the person tighten without a confirmation', () => {
    const review = change({ perTradeFractionOfEquity: 0.005, maxOpenPositions: 2, limitOnly: true, minQuoteVolume24hQuote: 50_000_000, allowedSymbols: ['BTC/USDT'] });
    expect(review.changes.map((item) => [item.field, item.direction])).toEqual([
      ['perTradeFractionOfEquity', 'tighten'],
      ['maxOpenPositions', 'tighten'],
      ['limitOnly', 'tighten'],
      ['allowedSymbols', 'tighten'],
      ['minQuoteVolume24hQuote', 'tighten'],
    ]);
    expect(review.needsConfirmation).toBe(false);
  });

  it('classifies each direction per field, including the ones where lower is looser', () => {
    expect(change({ atrStopMultiple: 1 }).changes[0]?.direction).toBe('loosen');
    expect(change({ minQuoteVolume24hQuote: 1 }).changes[0]?.direction).toBe('loosen');
    expect(change({ allowedSymbols: ['BTC/USDT', 'ETH/USDT', 'DOGE/USDT'] }).changes[0]).toMatchObject({ direction: 'loosen', consequence: 'Allowed markets: new positions may be opened in DOGE/USDT.' });
    expect(change({ priceBandBps: 200 }).changes[0]?.consequence).toBe('Furthest an order may be priced from the current price goes from 1.00%, up to 1.00 USDT on your largest trade to 2.00%, up to 2.00 USDT on your largest trade.');
    // A new time zone restarts today's loss count, so it is treated as loosening.
    expect(change({ dayBoundaryTimeZone: 'Asia/Tokyo' }).needsConfirmation).toBe(true);
    expect(change({}).changes).toEqual([]);
  });
});

describe('limit usage for the Risk limits screen', () => {
  it('shows how much of each account limit is in use', () => {
    const usage = limitUsage(
      account({ equityQuote: 9_880, dayStartEquityQuote: 10_000, highWaterMarkQuote: 10_400, positions: [position('BTC/USDT', 0.02, 50_000)], orderTimesMs: [NOW_MS - 3_600_000, NOW_MS - 30_000] }),
      DEFAULT_RISK_LIMITS,
      NOW_MS,
    );
    const byField = new Map(usage.map((item) => [item.field, item]));
    expect(byField.get('dailyLossFractionOfEquity')?.text).toBe('Daily loss 1.20% of 3.00% (120.00 USDT of 300.00 USDT)');
    expect(byField.get('dailyLossFractionOfEquity')?.usedFraction).toBeCloseTo(0.4, 9);
    expect(byField.get('maxOpenPositions')?.text).toBe('Open positions 1 of 3');
    expect(byField.get('maxOrdersPerMinute')?.text).toBe('Orders in the last minute 1 of 10');
    expect(byField.get('maxOrdersPerDay')?.text).toBe('Orders in the last 24 hours 2 of 100');
    expect(byField.get('totalExposureFractionOfEquity')?.usedFraction).toBeCloseTo(1_000 / 9_880 / 0.25, 9);
  });
});

describe('reason codes', () => {
  it('each has a sentence and an effect', () => {
    for (const code of RISK_REASON_CODES) {
      expect(RISK_REASONS[code].sentence({}).length, code).toBeGreaterThan(20);
      expect(['veto', 'shrink', 'both']).toContain(RISK_REASONS[code].effect);
    }
  });
});
