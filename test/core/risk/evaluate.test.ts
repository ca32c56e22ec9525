import { describe, expect, it } from 'vitest';
import { describeDecision, evaluate, type RiskDecision, type SizedOrder } from '../../../core/risk/index.ts';
import { BTC_USDT, ETH_USDT, NOW_MS, account, buyIntent, limits, liquidityAround, marketView, position, sellIntent } from './riskFixtures.ts';

const btc = marketView(BTC_USDT, 50_000);

function orderOf(decision: RiskDecision): SizedOrder {
  if (decision.kind === 'rejected') throw new Error(`expected an order, got: ${describeDecision(decision)}`);
  return decision.order;
}

const codes = (decision: RiskDecision): string[] => decision.reasons.map((reason) => reason.code);

describe('sizing and rounding to the real Binance filters', () => {
  it('rounds amounts down to the market step, so the rounded order stays under the per-trade cap', () => {
    // 1% of 10,000 at 49,999.99 is 0.0020000004 BTC: the step of 0.00001 leaves 0.002.
    const order = orderOf(evaluate(buyIntent({ limitPriceQuote: 49_999.99 }), account(), btc, limits(), 'ACTIVE'));
    expect(order.amountBase).toBe(0.002);
    expect(order.amountBase * (order.limitPriceQuote ?? 0)).toBeLessThanOrEqual(100);
    const eth = orderOf(evaluate(buyIntent({ symbol: 'ETH/USDT', limitPriceQuote: 1_999.99, desiredFractionOfEquity: 0.0099 }), account(), marketView(ETH_USDT, 2_000), limits(), 'ACTIVE'));
    expect(eth.amountBase).toBe(0.0495);
  });

  it('rounds a buy price down and a sell price up to the tick, never past the price band', () => {
    const top = 50_000 * 1.01;
    const buy = orderOf(evaluate(buyIntent({ limitPriceQuote: top + 0.004 }), account(), btc, limits(), 'ACTIVE'));
    expect(buy.limitPriceQuote).toBe(top);
    const sell = orderOf(evaluate(sellIntent({ limitPriceQuote: 49_500.001 }), account({ positions: [position('BTC/USDT', 0.01, 50_000)] }), btc, limits(), 'ACTIVE'));
    expect(sell.limitPriceQuote).toBe(49_500.01);
    expect(evaluate(buyIntent({ limitPriceQuote: top + 0.01 }), account(), btc, limits(), 'ACTIVE').kind).toBe('rejected');
  });

  it('sizes from the stop distance and the risk per trade', () => {
    const decision = evaluate(buyIntent({ desiredFractionOfEquity: undefined, stopPriceQuote: 40_000 }), account(), btc, limits({ riskPerTradeFractionOfEquity: 0.001 }), 'ACTIVE');
    // 10 USDT at risk over a 10,000 USDT stop distance: 0.001 BTC, worth 50 USDT, under every cap.
    expect(decision.kind).toBe('approved');
    expect(orderOf(decision).amountBase).toBe(0.001);
  });

  it('caps a stop-sized trade at the per-trade size', () => {
    const decision = evaluate(buyIntent({ desiredFractionOfEquity: undefined, stopPriceQuote: 49_000 }), account(), btc, limits(), 'ACTIVE');
    expect(decision.kind).toBe('shrunk');
    expect(codes(decision)).toEqual(['PER_TRADE_SIZE']);
    expect(orderOf(decision).amountBase).toBe(0.002);
  });

  it('sizes from the ATR when the intent gives no size and no stop', () => {
    const decision = evaluate(buyIntent({ desiredFractionOfEquity: undefined }), account(), marketView(BTC_USDT, 50_000, { atrQuote: 10_000 }), limits(), 'ACTIVE');
    // 25 USDT at risk over 2 ATRs (20,000): 0.00125 BTC.
    expect(orderOf(decision).amountBase).toBe(0.00125);
  });

  it('shrinks risk as the daily loss budget is used, and says so', () => {
    // Loss 2.4% of a 3% budget (80% used): size shrinks to 40% of normal.
    const decision = evaluate(buyIntent(), account({ equityQuote: 9_760, freeQuote: 9_760 }), btc, limits(), 'ACTIVE');
    expect(codes(decision)).toEqual(['DAILY_LOSS_BUDGET']);
    expect(decision.reasons[0]?.message).toBe('Risk shrank to 0.40% of equity per trade: the daily loss budget is 80% used.');
    expect(orderOf(decision).amountBase).toBe(0.00078);
  });

  it('sizes a market buy at its worst fill inside the measured depth', () => {
    const decision = evaluate(buyIntent({ orderType: 'market', limitPriceQuote: undefined }), account(), btc, limits(), 'ACTIVE');
    const order = orderOf(decision);
    expect(order.type).toBe('market');
    expect(order.limitPriceQuote).toBeUndefined();
    const worstFill = 50_000 * (1 + 50 / 10_000);
    expect(decision.kind !== 'rejected' && decision.notionalQuote).toBeCloseTo(order.amountBase * worstFill, 9);
    expect(order.amountBase * worstFill).toBeLessThanOrEqual(100);
  });

  it('refuses what rounds below the exchange minimum instead of sending it', () => {
    const decision = evaluate(buyIntent({ desiredFractionOfEquity: 0.0004 }), account(), btc, limits(), 'ACTIVE');
    expect(codes(decision)).toEqual(['BELOW_MIN_NOTIONAL']);
  });
});

describe('exits, stops and flatten are reduce-only and sized from the filled position', () => {
  const holding = account({ positions: [position('BTC/USDT', 0.0123456, 50_000)] });

  it('cuts an exit larger than the position to what is held, rounded down', () => {
    const decision = evaluate(sellIntent({ desiredAmountBase: 5 }), holding, btc, limits(), 'ACTIVE');
    expect(codes(decision)).toEqual(['EXIT_CAPPED_TO_POSITION']);
    expect(orderOf(decision)).toMatchObject({ amountBase: 0.01234, reduceOnly: true, side: 'sell' });
  });

  it('does not sell what resting sells already cover, so an exit and a stop together never sell more than is held', () => {
    const partly = account({
      positions: [position('BTC/USDT', 0.01, 50_000)],
      openOrders: [{ symbol: 'BTC/USDT', side: 'sell', purpose: 'exit', remainingBase: 0.006, priceQuote: 50_100 }],
    });
    expect(orderOf(evaluate(sellIntent(), partly, btc, limits(), 'ACTIVE')).amountBase).toBe(0.004);
    expect(orderOf(evaluate(sellIntent({ purpose: 'protective_stop', stopPriceQuote: 48_000, limitPriceQuote: undefined }), partly, btc, limits(), 'ACTIVE')).amountBase).toBe(0.004);
    const guarded = account({
      positions: [position('BTC/USDT', 0.01, 50_000)],
      openOrders: [{ symbol: 'BTC/USDT', side: 'sell', purpose: 'protective_stop', remainingBase: 0.01, priceQuote: 47_000 }],
    });
    const exit = evaluate(sellIntent(), guarded, btc, limits(), 'ACTIVE');
    expect(codes(exit)).toEqual(['NO_POSITION']);
    expect(exit.reasons[0]?.message).toContain('cancel them first');
  });

  it('places a protective stop below the bid with its limit inside the band under the stop', () => {
    const order = orderOf(evaluate(sellIntent({ purpose: 'protective_stop', origin: 'protective', stopPriceQuote: 48_000.004, limitPriceQuote: undefined }), holding, btc, limits(), 'PAUSED'));
    expect(order).toMatchObject({ type: 'stop_limit', stopPriceQuote: 48_000.01, reduceOnly: true, amountBase: 0.01234 });
    expect(order.limitPriceQuote).toBeLessThanOrEqual(48_000.01);
    expect(order.limitPriceQuote).toBeGreaterThanOrEqual(48_000.01 * 0.99);
    expect(codes(evaluate(sellIntent({ purpose: 'protective_stop', stopPriceQuote: 50_100, limitPriceQuote: undefined }), holding, btc, limits(), 'ACTIVE'))).toEqual(['INVALID_STOP']);
    expect(codes(evaluate(sellIntent({ purpose: 'protective_stop', stopPriceQuote: 48_000, limitPriceQuote: 40_000 }), holding, btc, limits(), 'ACTIVE'))).toEqual(['PRICE_BAND']);
  });

  it('lets a market exit take no more than the visible bids', () => {
    const thin = marketView(BTC_USDT, 50_000, { depthQuote: 300 });
    const decision = evaluate(sellIntent({ orderType: 'market', limitPriceQuote: undefined }), holding, thin, limits(), 'ACTIVE');
    expect(codes(decision)).toEqual(['DEPTH']);
    expect(orderOf(decision).amountBase * 50_000 * (1 - 50 / 10_000)).toBeLessThanOrEqual(300);
  });

  it('never blocks an exit with the pair allowlist or the liquidity thresholds', () => {
    const eth = marketView(ETH_USDT, 2_000, { quoteVolume24h: 10, spreadBps: 90 });
    const decision = evaluate(sellIntent({ symbol: 'ETH/USDT', limitPriceQuote: 2_000 }), account({ positions: [position('ETH/USDT', 0.5, 2_000)] }), eth, limits({ allowedSymbols: ['BTC/USDT'] }), 'SAFE_MODE');
    expect(orderOf(decision).amountBase).toBe(0.5);
  });
});

describe('open positions', () => {
  it('refuses adding to a held market while the account is already over the limit', () => {
    const over = account({ positions: [position('BTC/USDT', 0.01, 50_000), position('ETH/USDT', 0.5, 2_000)] });
    expect(codes(evaluate(buyIntent(), over, btc, limits({ maxOpenPositions: 1 }), 'ACTIVE'))).toEqual(['MAX_OPEN_POSITIONS']);
    expect(evaluate(buyIntent(), over, btc, limits({ maxOpenPositions: 2 }), 'ACTIVE').kind).toBe('approved');
  });

  it('does not count dust left by rounding as an open position', () => {
    const dust = account({ positions: [position('ETH/USDT', 0.0009, 2_000)] });
    expect(evaluate(buyIntent(), dust, btc, limits({ maxOpenPositions: 1 }), 'ACTIVE').kind).toBe('approved');
  });
});

describe('what each trading state lets through', () => {
  const holding = account({ positions: [position('BTC/USDT', 0.01, 50_000)] });
  const cases = [
    ['ACTIVE', buyIntent(), 'approved'],
    ['SAFE_MODE', buyIntent(), 'SAFE_MODE_REDUCE_ONLY'],
    ['SAFE_MODE', sellIntent(), 'approved'],
    ['PAUSED', buyIntent(), 'STATE_PAUSED'],
    ['PAUSED', sellIntent(), 'STATE_PAUSED'],
    ['PAUSED', sellIntent({ origin: 'protective' }), 'approved'],
    ['PAUSED', sellIntent({ purpose: 'protective_stop', stopPriceQuote: 48_000, limitPriceQuote: undefined }), 'approved'],
    ['KILLED', sellIntent({ purpose: 'protective_stop', stopPriceQuote: 48_000, limitPriceQuote: undefined }), 'STATE_KILLED'],
    ['KILLED', sellIntent(), 'STATE_KILLED'],
    ['KILLED', sellIntent({ origin: 'kill', purpose: 'flatten', limitPriceQuote: 49_800 }), 'approved'],
  ] as const;
  for (const [state, intent, expected] of cases) {
    it(`${state}: ${intent.origin} ${intent.purpose} ${intent.side} → ${expected}`, () => {
      const decision = evaluate(intent, holding, btc, limits(), state);
      expect(decision.kind === 'rejected' ? decision.reasons[0]?.code : decision.kind).toBe(expected);
    });
  }
});

describe('fail closed', () => {
  it('refuses when the market data is for another market, crossed, or carries no time', () => {
    const crossed = { ...btc, liquidity: { ...liquidityAround('BTC/USDT', 50_000), bidQuote: 50_010, askQuote: 50_000 } };
    const timeless = { ...btc, liquidity: { ...liquidityAround('BTC/USDT', 50_000), atMs: null } };
    for (const view of [marketView(ETH_USDT, 50_000), crossed, timeless]) {
      expect(codes(evaluate(buyIntent(), account(), view, limits(), 'ACTIVE'))).toEqual(['MISSING_MARKET_DATA']);
    }
  });

  it('refuses a book whose depth was measured over more than the price band', () => {
    const wide = { ...btc, liquidity: { ...btc.liquidity, depthWithinBps: 500 } };
    expect(codes(evaluate(buyIntent(), account(), wide, limits(), 'ACTIVE'))).toEqual(['MISSING_MARKET_DATA']);
  });

  it('refuses a negative position as impossible account data', () => {
    expect(codes(evaluate(sellIntent(), account({ positions: [position('BTC/USDT', -1, 50_000)] }), btc, limits(), 'ACTIVE'))).toEqual(['ACCOUNT_DATA_INVALID']);
  });
});

describe('a manual order from the screen', () => {
  it('goes through the same evaluate and the same limits as a strategy', () => {
    const manual = evaluate(buyIntent({ origin: 'manual', desiredFractionOfEquity: undefined, desiredAmountBase: 1 }), account(), btc, limits(), 'ACTIVE');
    const strategy = evaluate(buyIntent({ origin: 'strategy', desiredFractionOfEquity: undefined, desiredAmountBase: 1 }), account(), btc, limits(), 'ACTIVE');
    expect(codes(manual)).toEqual(['PER_TRADE_SIZE']);
    expect(orderOf(manual).amountBase).toBe(orderOf(strategy).amountBase);
    expect(orderOf(manual).origin).toBe('manual');
    expect(describeDecision(manual)).toMatch(/^Made smaller: buy 0\.002 BTC\/USDT\. One trade may use at most 1\.00% of your equity \(100\.00 USDT\)/);
  });

  it('is refused while paused, like any entry', () => {
    expect(codes(evaluate(buyIntent({ origin: 'manual' }), account(), btc, limits(), 'PAUSED'))).toEqual(['STATE_PAUSED']);
    expect(NOW_MS).toBeGreaterThan(0);
  });
});
