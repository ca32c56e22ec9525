import { describe, expect, it } from 'vitest';
import type { OrderManager } from '../../../core/execution/index.ts';
import { sizeProtectiveOrder, type SizedOrder } from '../../../core/risk/index.ts';

const fields = {
  intentId: 'strategy:test:1', origin: 'strategy', purpose: 'entry', symbol: 'BTC/USDT', side: 'buy',
  type: 'limit', amountBase: 0.01, limitPriceQuote: 49_000, reduceOnly: false, atMs: 1,
} as const;

describe('a SizedOrder only the risk layer can make', () => {
  it('is refused by the type checker when any other code builds one (checked by npm run typecheck)', () => {
    // @ts-expect-error a plain object is not an approved order: only risk brands one
    const forged: SizedOrder = { ...fields };
    type Submit = OrderManager['submit'];
    const submitTakes = (order: Parameters<Submit>[0]): SizedOrder => order;
    // @ts-expect-error the OrderManager accepts only what risk approved
    submitTakes({ ...fields });
    expect(forged.intentId).toBe('strategy:test:1');
  });

  it('sizes protective sells from fills as reduce-only sells, and refuses what could not be a real order', () => {
    const stop = sizeProtectiveOrder({ intentId: 'e#stop#1', symbol: 'BTC/USDT', type: 'stop_limit', amountBase: 0.00399, stopPriceQuote: 47_000, limitPriceQuote: 46_765, atMs: 5 });
    expect(stop).toMatchObject({ side: 'sell', purpose: 'protective_stop', origin: 'protective', reduceOnly: true, amountBase: 0.00399 });
    expect(sizeProtectiveOrder({ intentId: 'e#stop#1', symbol: 'BTC/USDT', type: 'stop_limit', amountBase: 0, stopPriceQuote: 47_000, limitPriceQuote: 46_765, atMs: 5 })).toBeNull();
    expect(sizeProtectiveOrder({ intentId: 'e#stop#1', symbol: 'BTC/USDT', type: 'stop_limit', amountBase: 0.01, atMs: 5 })).toBeNull();
    expect(sizeProtectiveOrder({ intentId: 'e#stop#1', symbol: 'BTC/USDT', type: 'stop_limit', amountBase: 0.01, stopPriceQuote: Number.NaN, limitPriceQuote: 1, atMs: 5 })).toBeNull();
    expect(sizeProtectiveOrder({ intentId: 'e#sale', symbol: 'BTC/USDT', type: 'market', amountBase: 0.01, atMs: 5 })).toMatchObject({ type: 'market', side: 'sell' });
  });
});
