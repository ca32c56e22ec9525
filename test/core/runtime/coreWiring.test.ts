import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExchangePort } from '../../../core/execution/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { createBallastCore } from '../../../core/runtime/index.ts';

const log = createLogger({ level: 'silent' });
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** An exchange that answers normally until `failing` is set, then with "unavailable" to every call. */
function failableExchange(): { decorate: (port: ExchangePort) => ExchangePort; fail(): void } {
  let failing = false;
  const unavailable = { kind: 'unavailable', detail: 'test: the exchange is down' } as const;
  return {
    fail: () => { failing = true; },
    decorate: (port) => new Proxy(port, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== 'function' || !['createOrder', 'fetchOrder', 'fetchOpenOrders', 'cancelOrder', 'fetchMyTrades', 'fetchBalances'].includes(String(name))) return value;
        return (...args: unknown[]) => (failing ? Promise.resolve(unavailable) : (value as (...a: unknown[]) => unknown).apply(target, args));
      },
    }),
  };
}

describe('the composed core wires what its parts only promise', () => {
  it('feeds the exchange\'s error rate to risk: a bot whose exchange stops answering goes into safe mode', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ballast-wiring-'));
    folders.push(dataDir);
    const exchange = failableExchange();
    const core = createBallastCore({ version: 't', log, dataDir, decorateExchange: exchange.decorate });
    const started = await core.dispatch('startPaperBot', { source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'trend-follower', barsPerSecond: 1_000_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: true });
    expect(started.ok).toBe(true);
    await core.bot.whenIdle();
    // The exchange stops answering; the person tries a few orders at the last bar (a replay's bars
    // are hours apart, so the one-minute error window fills only within one bar).
    exchange.fail();
    const dashboard = await core.dispatch('getDashboard', undefined);
    if (!dashboard.ok) throw new Error(dashboard.error.message);
    const lastClose = (dashboard.value as { candles: { close: number[] } }).candles.close.at(-1) ?? 0;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await core.dispatch('placeManualOrder', { symbol: 'DEMO/USDT', side: 'buy', fractionOfEquity: 0.001, limitPriceQuote: lastClose });
    }
    expect(core.tradingState.status().activeTriggers.map((trigger) => trigger.cause.code)).toContain('EXCHANGE_ERROR_RATE');
    expect(core.tradingState.snapshot().state).toBe('SAFE_MODE');
    core.dispose();
  });
});
