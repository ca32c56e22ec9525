import { describe, expect, it } from 'vitest';
import { backtestBars, backtestMarket, createSimulatedExchange, defaultFillModel, type SimulatedFillModel } from '../../../core/backtest/index.ts';
import type { ExchangeOrder, ExchangeOutcome, OrderRequest } from '../../../core/execution/index.ts';
import type { Candle } from '../../../core/market/index.ts';
import { HOUR_MS, T0 } from './support/handMadeBars.ts';

// Bar 0 closes at 100; bar 1 opens at 100, trades down to 98.5 and up to 101, 1 000 coins.
const candles: Candle[] = [
  { openTimeMs: T0, open: 99, high: 100.5, low: 98.5, close: 100, volumeBase: 1_000 },
  { openTimeMs: T0 + HOUR_MS, open: 100, high: 101, low: 98.5, close: 100.5, volumeBase: 1_000 },
  { openTimeMs: T0 + 2 * HOUR_MS, open: 100.5, high: 101, low: 100, close: 100.5, volumeBase: 1_000 },
];
const bars = backtestBars('TST/USDT', candles);
// Taker 0.1 %, maker 0.05 %: fees by order type.
const realistic: SimulatedFillModel = { ...defaultFillModel('realistic'), costs: { takerFeeRate: 0.001, makerFeeRate: 0.0005, slippage: 0.0001 } };
const market = backtestMarket('TST/USDT', 100, { takerRate: 0.001, makerRate: 0.0005 }, 0.001);

function exchangeAtCloseOfBar0(model = realistic) {
  let now = T0 + HOUR_MS;
  const exchange = createSimulatedExchange({ market, bars, startingQuote: 1_000_000, model, nowMs: () => now });
  exchange.moveTo(0, 'close');
  return { exchange, setNow: (atMs: number) => { now = atMs; } };
}

const request = (overrides: Partial<OrderRequest>): OrderRequest => ({ clientOrderId: 'bl-test', symbol: 'TST/USDT', side: 'buy', type: 'market', amountBase: 10, ...overrides });

function order(outcome: ExchangeOutcome<ExchangeOrder>): ExchangeOrder {
  if (outcome.kind !== 'ok') throw new Error(JSON.stringify(outcome));
  return outcome.value;
}

describe('the simulated exchange, realistic fills', () => {
  it('fills an order decided on a closed bar no earlier than the next bar, paying spread, impact and the taker fee', async () => {
    const { exchange, setNow } = exchangeAtCloseOfBar0();
    const placed = order(await exchange.createOrder(request({ amountBase: 10 })));
    expect(placed).toMatchObject({ status: 'OPEN', filledBase: 0 });
    setNow(T0 + 2 * HOUR_MS);
    exchange.moveTo(1, 'close');
    exchange.matchBar(1);
    // At bar 1's open (100): 1 bp half spread + 1 000 bp × 10 / 1 000 impact = 11 bp → 100.11 (the tick is 0.001).
    const [fill] = exchange.fills();
    expect(fill?.trade).toMatchObject({ side: 'buy', priceQuote: 100.11, amountBase: 10, atMs: T0 + HOUR_MS });
    expect(fill?.feeQuote).toBeCloseTo(100.11 * 10 * 0.001, 12);
    expect(fill?.slippageQuote).toBeCloseTo(0.11 * 10, 9);
    expect(fill?.isMaker).toBe(false);
    expect(order(await exchange.fetchOrder({ symbol: 'TST/USDT', clientOrderId: 'bl-test' })).status).toBe('FILLED');
  });

  it('caps what fills in a bar at its volume share and lets the rest of a market order expire', async () => {
    const { exchange } = exchangeAtCloseOfBar0();
    order(await exchange.createOrder(request({ amountBase: 150 })));
    exchange.moveTo(1, 'close');
    exchange.matchBar(1);
    // 10 % of 1 000 coins: 100 fill, at 1 + 1 000 × 100 / 1 000 = 101 bp above the open → 101.01.
    expect(exchange.fills().map((fill) => [fill.trade.priceQuote, fill.trade.amountBase])).toEqual([[101.01, 100]]);
    expect(order(await exchange.fetchOrder({ symbol: 'TST/USDT', clientOrderId: 'bl-test' }))).toMatchObject({ status: 'EXPIRED', filledBase: 100 });
  });

  it('rests a limit order that does not cross, and fills it as a maker when a bar trades through it', async () => {
    const { exchange } = exchangeAtCloseOfBar0();
    order(await exchange.createOrder(request({ type: 'limit', limitPriceQuote: 99, amountBase: 5 })));
    exchange.moveTo(1, 'close');
    exchange.matchBar(1);
    // Bar 1 opens at 100 (above 99) and trades down to 98.5: the limit fills at 99, maker fee 0.05 %.
    const [fill] = exchange.fills();
    expect(fill?.trade).toMatchObject({ priceQuote: 99, amountBase: 5, atMs: T0 + 2 * HOUR_MS });
    expect(fill?.isMaker).toBe(true);
    expect(fill?.feeQuote).toBeCloseTo(99 * 5 * 0.0005, 12);
    expect(fill?.slippageQuote).toBe(0);
  });

  it('triggers a protective stop when a bar reaches it and sells at the stop less spread and impact', async () => {
    const { exchange } = exchangeAtCloseOfBar0();
    exchange.moveTo(0, 'final');
    order(await exchange.createOrder(request({ clientOrderId: 'bl-entry', amountBase: 5 })));
    exchange.moveTo(0, 'close');
    order(await exchange.createOrder(request({ clientOrderId: 'bl-stop', side: 'sell', type: 'stop_limit', stopPriceQuote: 99, limitPriceQuote: 98, amountBase: 5 })));
    exchange.moveTo(1, 'close');
    exchange.matchBar(1);
    const stop = exchange.fills().find((fill) => fill.trade.clientOrderId === 'bl-stop');
    // Bar 1's low 98.5 reaches 99: from 99, 1 bp + 1 000 × 5 / 1 000 = 6 bp lower → 98.9406, down to the 0.001 tick: 98.94.
    expect(stop?.trade).toMatchObject({ side: 'sell', priceQuote: 98.94, amountBase: 5 });
  });

  it('refuses what an exchange refuses: a buy the cash cannot pay for, a sell of coins not held', async () => {
    const { exchange } = exchangeAtCloseOfBar0();
    expect(await exchange.createOrder(request({ amountBase: 100_000 }))).toMatchObject({ kind: 'rejected', exchangeCode: 'INSUFFICIENT_BALANCE' });
    expect(await exchange.createOrder(request({ side: 'sell', amountBase: 1 }))).toMatchObject({ kind: 'rejected', exchangeCode: 'INSUFFICIENT_BALANCE' });
    expect(await exchange.createOrder(request({ amountBase: 0.0005 }))).toMatchObject({ kind: 'rejected', exchangeCode: 'LOT_SIZE' });
  });
});

describe('the simulated exchange, next-open fills', () => {
  it('fills a market order decided at an open whole at that open, with no spread, impact or volume cap', async () => {
    let now = T0 + HOUR_MS;
    const exchange = createSimulatedExchange({ market, bars, startingQuote: 1_000_000, model: defaultFillModel('next-open'), nowMs: () => now });
    exchange.moveTo(1, 'open');
    const placed = order(await exchange.createOrder(request({ amountBase: 5_000 })));
    expect(placed).toMatchObject({ status: 'FILLED', filledBase: 5_000, averagePriceQuote: 100 });
    now += 1;
    expect(exchange.fills()[0]?.slippageQuote).toBe(0);
    expect(exchange.fills()[0]?.feeQuote).toBeCloseTo(5_000 * 100 * 0.001, 9);
  });
});
