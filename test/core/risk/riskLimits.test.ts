import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_LIMITS,
  RISK_REASONS,
  RISK_REASON_CODES,
  compareRiskLimits,
  defaultRiskLimits,
  limitUsage,
  parseRiskLimits,
  type ReasonDetails,
  type RiskLimits,
  type RiskReasonCode,
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

/**
 * Each code with the details `evaluate` attaches to it (the same keys, realistic values for a
 * 10,000 USDT account) and the exact sentence the person reads. A missing or renamed key turns a
 * number into a fallback ("an unknown share"), which fails here. The property test checks the
 * sentences of the reasons `evaluate` really produced, and that each code's `effect` agrees with
 * what the decision did.
 */
const REAL_REASONS: { readonly [C in RiskReasonCode]: readonly [ReasonDetails, string] } = {
  STATE_PAUSED: [{}, "Trading is paused: Pause holds back new positions and the strategy's own sales too; only protective stops and their exits are sent. Press Resume to trade again."],
  STATE_KILLED: [{}, 'Trading was stopped with Kill: nothing is sent except closing positions. Re-arm to trade again.'],
  SAFE_MODE_REDUCE_ONLY: [{ safeModeReason: 'the data feed has a gap' }, 'Safe mode is on (the data feed has a gap): orders may only make positions smaller, so this one was not sent.'],
  DAILY_LOSS_LIMIT: [{ quoteAsset: 'USDT', lossQuote: 312.5, limitQuote: 300, limitFraction: 0.03 }, "Today's loss (312.50 USDT) has reached the daily limit of 3.00% (300.00 USDT); no new trades until tomorrow."],
  DAILY_LOSS_BUDGET: [{ quoteAsset: 'USDT', capQuote: 50, throttle: 0.5, usedFraction: 0.75, scaledPerTradeFraction: 0.005 }, 'Risk shrank to 0.50% of equity per trade: the daily loss budget is 75% used.'],
  DRAWDOWN_LIMIT: [{ quoteAsset: 'USDT', drawdownFraction: 0.1042, highWaterMarkQuote: 11200, limitFraction: 0.1 }, 'Your account is 10.42% below its highest value (11200.00 USDT); the limit is 10.00%, so no new trades are started.'],
  PER_TRADE_SIZE: [{ quoteAsset: 'USDT', capQuote: 100, limitFraction: 0.01 }, 'One trade may use at most 1.00% of your equity (100.00 USDT); the order was made smaller to fit.'],
  TOTAL_EXPOSURE: [{ quoteAsset: 'USDT', capQuote: 400, limitQuote: 2500, limitFraction: 0.25, exposureQuote: 2100, headroomQuote: 400 }, 'All open positions together may be worth at most 25.00% of your equity (2500.00 USDT); 2100.00 USDT is already used, leaving 400.00 USDT.'],
  MAX_OPEN_POSITIONS: [{ openPositions: 3, limit: 3 }, 'You already hold 3 position(s), the most allowed at once (3); a new market is not opened.'],
  ORDER_RATE_MINUTE: [{ ordersInWindow: 10, limit: 10 }, '10 orders were sent in the last minute, the most allowed (10); this guards against a runaway bot.'],
  ORDER_RATE_DAY: [{ ordersInWindow: 100, limit: 100 }, '100 orders were sent in the last 24 hours, the most allowed (100).'],
  INSUFFICIENT_BALANCE: [{ quoteAsset: 'USDT', capQuote: 79.92, freeQuote: 80 }, 'Only 80.00 USDT is free to spend (after fees); the order was sized to what is available.'],
  NO_SHORTING: [{ symbol: 'BTC/USDT' }, 'Ballast trades spot only and never sells what it does not hold, so it cannot open a short position.'],
  NO_POSITION: [{ symbol: 'ETH/USDT', heldBase: 0, availableBase: 0 }, 'There is no ETH/USDT position left to reduce, or resting sell orders already cover all of it (cancel them first).'],
  EXIT_CAPPED_TO_POSITION: [{ symbol: 'BTC/USDT', wantedBase: 0.5, availableBase: 0.01234, baseAsset: 'BTC' }, 'The exit asked to sell more than is held and free; it was cut to the filled position (0.01234 BTC).'],
  ACCOUNT_DATA_INVALID: [{ problem: 'equity is negative' }, 'Ballast could not make sense of your account figures (equity is negative), so it sends nothing until they are read again.'],
  QUOTE_CURRENCY_MISMATCH: [{ marketQuote: 'BTC', quoteAsset: 'USDT' }, 'This market is priced in BTC, but your account is measured in USDT; Ballast only trades markets in your account currency.'],
  PAIR_NOT_ALLOWED: [{ symbol: 'DOGE/USDT' }, 'DOGE/USDT is not on your list of allowed markets, so no trade is opened there. This protects you if someone misuses your key.'],
  PAIR_ILLIQUID: [{ symbol: 'PEPE/USDT', problem: '24-hour volume 1.20 million USDT, below 10 million USDT' }, 'PEPE/USDT is not liquid enough right now (24-hour volume 1.20 million USDT, below 10 million USDT), so no trade is opened there.'],
  SPREAD_TOO_WIDE: [{ spreadBps: 45, limitBps: 30 }, 'The gap between buyers and sellers is 0.45%, more than the 0.30% allowed for a market order; a market order now would lose too much.'],
  PRICE_BAND: [{ distanceBps: 150, limitBps: 100, priceQuote: 50750, midQuote: 50000 }, 'The order price is 1.50% away from the current price; orders may be at most 1.00% away.'],
  DEPTH: [{ quoteAsset: 'USDT', capQuote: 1200, depthQuote: 12000, limitFraction: 0.1 }, 'The order book near the price holds only 12000.00 USDT; one order may take at most 10% of it (1200.00 USDT).'],
  LIMIT_ONLY: [{}, 'Limit-only mode is on: orders must state a price. Market orders are not sent.'],
  MISSING_MARKET_DATA: [{ problem: 'no prices or trading rules for BTC/USDT' }, 'Ballast does not have the market data it needs (no prices or trading rules for BTC/USDT), so it sends nothing.'],
  STALE_MARKET_DATA: [{ ageMs: 95000, limitMs: 60000 }, 'The latest prices are 95 s old (allowed: 60 s); Ballast waits for fresh prices.'],
  MARKET_INACTIVE: [{ symbol: 'LUNA/USDT' }, 'The exchange has suspended trading in LUNA/USDT.'],
  MAX_AMOUNT: [{ quoteAsset: 'USDT', capQuote: 45000000, maxAmountBase: 900, baseAsset: 'BTC' }, 'The exchange accepts at most 900 BTC in one order; the order was made smaller.'],
  BELOW_MIN_NOTIONAL: [{ symbol: 'BTC/USDT', notionalQuote: 4.5, minNotionalQuote: 5, quoteAsset: 'USDT' }, 'After rounding, the order is worth 4.50 USDT, below the exchange minimum of 5.00 USDT, so it was not sent.'],
  BELOW_MIN_AMOUNT: [{ symbol: 'BTC/USDT', amountBase: 0.000005, minAmountBase: 0.00001, baseAsset: 'BTC' }, 'After rounding, the order is for 0.000005 BTC, below the exchange minimum of 0.00001 BTC, so it was not sent.'],
  ROUNDS_TO_ZERO: [{ symbol: 'BTC/USDT', amountStepBase: 0.00001 }, "After the limits and the exchange's rounding, nothing is left to trade, so no order was sent."],
  INVALID_STOP: [{ problem: "a buy's stop must be below its price", stopPriceQuote: 51000, priceQuote: 50000 }, "The stop price does not make sense for this order (a buy's stop must be below its price)."],
  INVALID_INTENT: [{ problem: 'the amount is negative' }, 'The trade request is incomplete or contradictory (the amount is negative), so it was not sent.'],
  SIZE_NOT_GIVEN: [{}, 'The trade request says neither how much to trade nor where its stop is, so Ballast cannot size it safely.'],
};

describe('reason codes', () => {
  it('each has a sentence and an effect', () => {
    for (const code of RISK_REASON_CODES) {
      const [details, expected] = REAL_REASONS[code];
      expect(RISK_REASONS[code].sentence(details), code).toBe(expected);
      expect(expected, code).not.toMatch(/unknown|NaN|undefined|Infinity|quote currency/);
      // A sentence that reads numbers must change when they are missing: the keys above are the ones it reads.
      if (RISK_REASONS[code].sentence.length > 0 && Object.keys(details).length > 0) expect(RISK_REASONS[code].sentence({}), code).not.toBe(expected);
    }
  });
});
