import { describe, expect, it } from 'vitest';
import type { TradingStateName } from '../../../core/contract/index.ts';
import {
  RISK_REASON_CODES,
  evaluate,
  type AccountView,
  type Intent,
  type MarketView,
  type RiskDecision,
  type RiskLimits,
  type RiskReasonCode,
} from '../../../core/risk/index.ts';
import { BTC_USDT, ETH_USDT, NOW_MS, account, buyIntent, limits, marketView, position, sellIntent } from './riskFixtures.ts';

interface Situation {
  readonly intent: Intent;
  readonly account: AccountView;
  readonly view: MarketView | null;
  readonly state?: TradingStateName;
}

/**
 * One limit: a situation that breaks it, the limit switched off, and how to see the breach in
 * the order that would then be approved. Each row proves the limit is what stops that order.
 */
interface LimitCase {
  readonly code: RiskReasonCode;
  readonly situation: () => Situation;
  readonly without: Partial<RiskLimits>;
  readonly breaches: (decision: RiskDecision, situation: Situation) => boolean;
}

const btc = (overrides: Parameters<typeof marketView>[2] = {}): MarketView => marketView(BTC_USDT, 50_000, overrides);
const notional = (decision: RiskDecision): number => (decision.kind === 'rejected' ? 0 : decision.notionalQuote);
const sent = (decision: RiskDecision): boolean => decision.kind !== 'rejected';
const minutesAgo = (count: number, spacingMs: number): number[] => Array.from({ length: count }, (_, i) => NOW_MS - (count - i) * spacingMs);

const LIMIT_CASES: readonly LimitCase[] = [
  {
    code: 'PER_TRADE_SIZE',
    situation: () => ({ intent: buyIntent({ desiredFractionOfEquity: 0.05 }), account: account(), view: btc() }),
    without: { perTradeFractionOfEquity: 1 },
    breaches: (decision) => notional(decision) > 10_000 * 0.01,
  },
  {
    code: 'TOTAL_EXPOSURE',
    situation: () => ({ intent: buyIntent(), account: account({ positions: [position('ETH/USDT', 1.225, 2_000)] }), view: btc() }),
    without: { totalExposureFractionOfEquity: 1 },
    breaches: (decision) => 2_450 + notional(decision) > 2_500 + 1e-9,
  },
  {
    code: 'DAILY_LOSS_LIMIT',
    situation: () => ({ intent: buyIntent(), account: account({ equityQuote: 9_650, freeQuote: 9_650 }), view: btc() }),
    without: { dailyLossFractionOfEquity: 1 },
    breaches: sent,
  },
  {
    code: 'DAILY_LOSS_BUDGET',
    situation: () => ({ intent: buyIntent(), account: account({ equityQuote: 9_760, freeQuote: 9_760 }), view: btc() }),
    without: { dailyLossThrottleFromFraction: 0.99 },
    breaches: (decision) => notional(decision) > 9_760 * 0.01 * 0.4 + 1e-9,
  },
  {
    code: 'DRAWDOWN_LIMIT',
    situation: () => ({ intent: buyIntent(), account: account({ highWaterMarkQuote: 11_200 }), view: btc() }),
    without: { maxDrawdownFraction: 1 },
    breaches: sent,
  },
  {
    code: 'MAX_OPEN_POSITIONS',
    situation: () => ({
      intent: buyIntent(),
      account: account({ positions: [position('ETH/USDT', 0.05, 2_000), position('SOL/USDT', 3, 30), position('XRP/USDT', 300, 0.5)] }),
      view: btc(),
    }),
    without: { maxOpenPositions: 100 },
    breaches: sent,
  },
  {
    code: 'ORDER_RATE_MINUTE',
    situation: () => ({ intent: buyIntent(), account: account({ orderTimesMs: minutesAgo(10, 5_000) }), view: btc() }),
    without: { maxOrdersPerMinute: 1_000 },
    breaches: sent,
  },
  {
    code: 'ORDER_RATE_DAY',
    situation: () => ({ intent: buyIntent(), account: account({ orderTimesMs: minutesAgo(100, 600_000) }), view: btc() }),
    without: { maxOrdersPerDay: 100_000 },
    breaches: sent,
  },
  {
    code: 'SPREAD_TOO_WIDE',
    situation: () => ({ intent: buyIntent({ orderType: 'market', limitPriceQuote: undefined }), account: account(), view: btc({ spreadBps: 40 }) }),
    without: { maxSpreadForMarketOrderBps: 1_000 },
    breaches: sent,
  },
  {
    code: 'PRICE_BAND',
    situation: () => ({ intent: buyIntent({ limitPriceQuote: 51_000 }), account: account(), view: btc() }),
    without: { priceBandBps: 2_000 },
    breaches: (decision) => decision.kind !== 'rejected' && (decision.order.limitPriceQuote ?? 0) > 50_000 * 1.01,
  },
  {
    code: 'DEPTH',
    situation: () => ({ intent: buyIntent(), account: account(), view: btc({ depthQuote: 500 }) }),
    without: { maxDepthFraction: 1 },
    breaches: (decision) => notional(decision) > 500 * 0.1 + 1e-9,
  },
  {
    code: 'PAIR_NOT_ALLOWED',
    situation: () => ({ intent: buyIntent({ symbol: 'ETH/USDT', limitPriceQuote: 2_000 }), account: account(), view: marketView(ETH_USDT, 2_000) }),
    without: {},
    breaches: sent,
  },
  {
    code: 'PAIR_ILLIQUID',
    situation: () => ({ intent: buyIntent(), account: account(), view: btc({ quoteVolume24h: 1_000_000 }) }),
    without: { minQuoteVolume24hQuote: 0 },
    breaches: sent,
  },
  {
    code: 'LIMIT_ONLY',
    situation: () => ({ intent: buyIntent({ orderType: 'market', limitPriceQuote: undefined }), account: account(), view: btc() }),
    without: { limitOnly: false },
    breaches: (decision) => decision.kind !== 'rejected' && decision.order.type === 'market',
  },
  {
    code: 'STALE_MARKET_DATA',
    situation: () => ({ intent: buyIntent(), account: account(), view: btc({ atMs: NOW_MS - 60_000 }) }),
    without: { maxMarketDataAgeMs: 300_000 },
    breaches: sent,
  },
];

/** Limits that only allow BTC/USDT (so the allowlist case has something to refuse) and are limit-only. */
const STRICT = limits({ allowedSymbols: ['BTC/USDT'], limitOnly: true });

function decide(situation: Situation, withLimits: RiskLimits): RiskDecision {
  return evaluate(situation.intent, situation.account, situation.view, withLimits, situation.state ?? 'ACTIVE');
}

describe('each limit is what stops the order that breaks it', () => {
  for (const row of LIMIT_CASES) {
    it(`${row.code}: with the limit the order is refused or shrunk; without it the breaching order would go out`, () => {
      const situation = row.situation();
      const withLimit = decide(situation, row.code === 'LIMIT_ONLY' ? STRICT : limits({ allowedSymbols: STRICT.allowedSymbols }));
      expect(withLimit.reasons.map((reason) => reason.code)).toContain(row.code);
      expect(row.breaches(withLimit, situation)).toBe(false);

      const relaxed = { ...limits(), ...row.without, ...(row.code === 'PAIR_NOT_ALLOWED' ? { allowedSymbols: ['BTC/USDT', 'ETH/USDT'] } : {}) };
      const withoutLimit = decide(situation, relaxed);
      expect(withoutLimit.reasons.map((reason) => reason.code)).not.toContain(row.code);
      expect(row.breaches(withoutLimit, situation)).toBe(true);
    });
  }
});

/** Situations for the codes that are facts or fail-closed checks rather than tunable limits. */
const OTHER_CASES: readonly { readonly code: RiskReasonCode; readonly situation: () => Situation }[] = [
  { code: 'STATE_PAUSED', situation: () => ({ intent: buyIntent(), account: account(), view: btc(), state: 'PAUSED' }) },
  { code: 'STATE_KILLED', situation: () => ({ intent: sellIntent(), account: account({ positions: [position('BTC/USDT', 1, 50_000)] }), view: btc(), state: 'KILLED' }) },
  { code: 'SAFE_MODE_REDUCE_ONLY', situation: () => ({ intent: buyIntent(), account: account(), view: btc(), state: 'SAFE_MODE' }) },
  { code: 'INSUFFICIENT_BALANCE', situation: () => ({ intent: buyIntent(), account: account({ freeQuote: 40 }), view: btc() }) },
  { code: 'NO_SHORTING', situation: () => ({ intent: buyIntent({ side: 'sell' }), account: account(), view: btc() }) },
  { code: 'NO_POSITION', situation: () => ({ intent: sellIntent(), account: account(), view: btc() }) },
  { code: 'EXIT_CAPPED_TO_POSITION', situation: () => ({ intent: sellIntent({ desiredAmountBase: 2 }), account: account({ positions: [position('BTC/USDT', 0.5, 50_000)] }), view: btc() }) },
  { code: 'ACCOUNT_DATA_INVALID', situation: () => ({ intent: buyIntent(), account: account({ equityQuote: Number.NaN }), view: btc() }) },
  { code: 'QUOTE_CURRENCY_MISMATCH', situation: () => ({ intent: buyIntent(), account: account({ quoteAsset: 'EUR' }), view: btc() }) },
  { code: 'MISSING_MARKET_DATA', situation: () => ({ intent: buyIntent(), account: account(), view: null }) },
  { code: 'MARKET_INACTIVE', situation: () => ({ intent: buyIntent(), account: account(), view: { ...btc(), market: { ...BTC_USDT, active: false } } }) },
  { code: 'MAX_AMOUNT', situation: () => ({ intent: sellIntent(), account: account({ positions: [position('BTC/USDT', 9_500, 50_000)] }), view: btc() }) },
  { code: 'BELOW_MIN_NOTIONAL', situation: () => ({ intent: buyIntent({ desiredAmountBase: 0.00005 }), account: account(), view: btc() }) },
  { code: 'BELOW_MIN_AMOUNT', situation: () => ({ intent: sellIntent({ desiredAmountBase: 0.00009 }), account: account({ positions: [position('BTC/USDT', 1, 50_000)] }), view: { ...btc(), market: { ...BTC_USDT, limits: { ...BTC_USDT.limits, minAmountBase: 0.0001 } } } }) },
  { code: 'ROUNDS_TO_ZERO', situation: () => ({ intent: buyIntent({ desiredAmountBase: 0.000004 }), account: account(), view: btc() }) },
  { code: 'INVALID_STOP', situation: () => ({ intent: buyIntent({ stopPriceQuote: 51_000 }), account: account(), view: btc() }) },
  { code: 'INVALID_INTENT', situation: () => ({ intent: buyIntent({ limitPriceQuote: undefined }), account: account(), view: btc() }) },
  { code: 'SIZE_NOT_GIVEN', situation: () => ({ intent: buyIntent({ desiredFractionOfEquity: undefined }), account: account(), view: btc({ atrQuote: null }) }) },
];

describe('every reason code', () => {
  it('is produced by some situation, with a sentence that carries its numbers', () => {
    const produced = new Map<RiskReasonCode, string>();
    const strictSituations = LIMIT_CASES.map((row) => ({ situation: row.situation(), limits: row.code === 'LIMIT_ONLY' ? STRICT : limits({ allowedSymbols: STRICT.allowedSymbols }) }));
    const others = OTHER_CASES.map((row) => ({ situation: row.situation(), limits: limits() }));
    for (const { situation, limits: chosen } of [...strictSituations, ...others]) {
      for (const reason of decide(situation, chosen).reasons) produced.set(reason.code, reason.message);
    }
    for (const row of OTHER_CASES) {
      expect(decide(row.situation(), limits()).reasons.map((reason) => reason.code), row.code).toContain(row.code);
    }
    expect([...produced.keys()].sort()).toEqual([...RISK_REASON_CODES].sort());
    for (const [code, message] of produced) {
      expect(message, code).not.toMatch(/NaN|undefined|unknown amount|unknown share|\[object/);
      expect(message.length, code).toBeGreaterThan(20);
    }
  });
});
