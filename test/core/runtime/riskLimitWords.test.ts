import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, parseRiskLimits } from '../../../core/risk/index.ts';
import { describeLimitProblems } from '../../../core/runtime/riskLimits/riskLimitFields.ts';

/** What a screen shows for a refused change: the limit's label, the bound in the person's units, no schema words. */
function refusal(change: Record<string, unknown>): string {
  const parsed = parseRiskLimits({ ...DEFAULT_RISK_LIMITS, ...change });
  if (parsed.ok) throw new Error(`${JSON.stringify(change)} was accepted`);
  return describeLimitProblems(parsed.error.issues, 'USDT');
}

/** Words of the schema library and its developer-facing messages: none may reach a person. */
const SCHEMA_WORDING = /expected (string|number|int|boolean|array)|Too (big|small)|Invalid (input|option|string|format)|regex|IANA|received|<=|>=|\bNaN\b/i;

describe('refused risk limit values, in the person’s words', () => {
  it.each([
    // 2 as a fraction is 200%; the schema's bound is 1 (inclusive), i.e. 100%.
    [{ dailyLossFractionOfEquity: 2 }, 'Nothing was changed. Daily loss limit: this value is not allowed; the most allowed is 100%.'],
    // 0 is below the exclusive bound 0 of a share.
    [{ perTradeFractionOfEquity: 0 }, 'Nothing was changed. Largest single trade: this value is not allowed; it must be above 0%.'],
    // Spreads are stored in basis points: 1,000 bps = 10%.
    [{ maxSpreadForMarketOrderBps: 5_000 }, 'Nothing was changed. Widest spread for a market order: this value is not allowed; the most allowed is 10%.'],
    // Price ages are stored in milliseconds: 300,000 ms = 300 seconds.
    [{ maxMarketDataAgeMs: 400_000 }, 'Nothing was changed. Oldest prices an order may be based on: this value is not allowed; the most allowed is 300 seconds.'],
    [{ maxOpenPositions: 1.5 }, 'Nothing was changed. Positions open at once: this value is not allowed; it must be a whole number, like 3.'],
    [{ dustPositionQuote: -1 }, 'Nothing was changed. Positions ignored as dust below: this value is not allowed; the least allowed is 0 USDT.'],
    [{ allowedSymbols: ['BTCUSDT'] }, 'Nothing was changed. Markets new positions may be opened in: this value is not allowed; “BTCUSDT” is not a market Ballast can read. Type each market as two coin codes with a slash, like BTC/USDT.'],
    [{ dayBoundaryTimeZone: 'Mars/Olympus' }, 'Nothing was changed. Time zone of the trading day: this value is not allowed; “Mars/Olympus” is not a time zone Ballast knows. Type a name such as UTC, Europe/Berlin or America/New_York.'],
    [{ limitOnly: 'yes' }, 'Nothing was changed. Limit orders only: this value is not allowed; it can only be on or off.'],
    [{ leverage: 3 }, 'Nothing was changed. Ballast has no limit called "leverage".'],
  ])('%j', (change, expected) => {
    const words = refusal(change);
    expect(words).toBe(expected);
    expect(words).not.toMatch(SCHEMA_WORDING);
  });

  it('names at most three refusals and counts the rest', () => {
    const words = refusal({ perTradeFractionOfEquity: 0, dailyLossFractionOfEquity: 0, maxDrawdownFraction: 0, maxDepthFraction: 0, totalExposureFractionOfEquity: 0 });
    expect(words).toMatch(/ 2 more values were refused too\.$/);
    expect(words.match(/this value is not allowed/g)).toHaveLength(3);
  });
});

describe('risk limit values that mean the same are stored the same', () => {
  it('keeps a time zone in its own spelling, so "utc" is UTC and not a change', () => {
    const parsed = parseRiskLimits({ ...DEFAULT_RISK_LIMITS, dayBoundaryTimeZone: 'utc' });
    expect(parsed.ok && parsed.value.dayBoundaryTimeZone).toBe('UTC');
    const berlin = parseRiskLimits({ ...DEFAULT_RISK_LIMITS, dayBoundaryTimeZone: 'europe/berlin' });
    expect(berlin.ok && berlin.value.dayBoundaryTimeZone).toBe('Europe/Berlin');
  });

  it('accepts only markets written as two coin codes with a slash', () => {
    for (const market of ['BTC/USDT', '1000SHIB/USDT', 'DEMO/USDT']) expect(parseRiskLimits({ ...DEFAULT_RISK_LIMITS, allowedSymbols: [market] }).ok, market).toBe(true);
    for (const market of ['BTCUSDT', 'btc/usdt', 'BTC / USDT', 'anything at all', 'B/USDT']) expect(parseRiskLimits({ ...DEFAULT_RISK_LIMITS, allowedSymbols: [market] }).ok, market).toBe(false);
  });
});
