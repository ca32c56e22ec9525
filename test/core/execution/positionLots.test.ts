import { describe, expect, it } from 'vitest';
import { PositionLots, type Fill, type Order } from '../../../core/execution/index.ts';

const STEP = 0.00001;
let trade = 0;

function fill(clientOrderId: string, side: 'buy' | 'sell', amountBase: number, feeBase = 0): Fill {
  trade += 1;
  return {
    symbol: 'BTC/USDT', tradeId: String(trade), clientOrderId, exchangeOrderId: clientOrderId, side, priceQuote: 40_000, amountBase,
    fee: feeBase > 0 ? { asset: 'BTC', amount: feeBase } : { asset: 'USDT', amount: amountBase * 40 }, atMs: trade,
  };
}

function lotsWith(stops: Record<string, number | null>): PositionLots {
  return new PositionLots((id) => (id in stops ? ({ protectiveStopPriceQuote: stops[id] } as Order) : undefined), () => STEP);
}

describe('Ballast’s position as lots of its entries', () => {
  it('counts buys net of the fee taken in the coin, and takes sales from the oldest entry first', () => {
    const lots = lotsWith({ a: 38_000, b: 39_000 });
    lots.apply(fill('a', 'buy', 0.01, 0.00001));
    lots.apply(fill('b', 'buy', 0.02, 0.00002));
    // 0.00999 + 0.01998 = 0.02997
    expect(lots.amountBase('BTC/USDT')).toBe(0.02997);
    expect(lots.stopPriceFor('BTC/USDT')).toBe(39_000);
    lots.apply(fill('x', 'sell', 0.01));
    // a: 0.00999 − 0.00999 gone, b: 0.01998 − 0.00001 = 0.01997
    expect(lots.lots('BTC/USDT')).toEqual([{ entryClientOrderId: 'b', amountBase: 0.01997, stopPriceQuote: 39_000 }]);
    expect(lots.newestEntry('BTC/USDT')).toBe('b');
  });

  it('never holds more than Ballast bought: a sale beyond its lots (the person’s own coins) takes it to zero, not below', () => {
    const lots = lotsWith({ a: 38_000 });
    lots.apply(fill('a', 'buy', 0.01));
    lots.apply(fill('y', 'sell', 0.5));
    expect(lots.amountBase('BTC/USDT')).toBe(0);
    expect(lots.symbols()).toEqual([]);
  });

  it('drops the stop of a residue below one lot step, so an old higher stop cannot price the next position', () => {
    const lots = lotsWith({ a: 7_250, b: 5_800 });
    lots.apply(fill('a', 'buy', 0.00675, 0.00000675)); // holds 0.00674325
    lots.apply(fill('s', 'sell', 0.00674)); // leaves 0.00000325, below the 0.00001 step
    expect(lots.lots('BTC/USDT')).toEqual([{ entryClientOrderId: 'a', amountBase: 0.00000325, stopPriceQuote: null }]);
    lots.apply(fill('b', 'buy', 0.004, 0.000004));
    expect(lots.stopPriceFor('BTC/USDT')).toBe(5_800);
  });

  it('prices the stop of residues alone from the newest entry, and gives no price when no entry ever had one', () => {
    const lots = lotsWith({ a: 7_250 });
    lots.apply(fill('a', 'buy', 0.00675, 0.00000675));
    lots.apply(fill('s', 'sell', 0.00674));
    expect(lots.stopPriceFor('BTC/USDT')).toBe(7_250);
    const adopted = lotsWith({ m: null });
    adopted.apply(fill('m', 'buy', 0.01));
    expect(adopted.stopPriceFor('BTC/USDT')).toBeNull();
  });
});
