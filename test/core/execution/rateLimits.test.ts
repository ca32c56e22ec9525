import { describe, expect, it } from 'vitest';
import { ErrorRateWindow } from '../../../core/execution/index.ts';
import { createExchangeErrorTrigger, DEFAULT_TRIGGER_SETTINGS, type ExchangeErrorRate } from '../../../core/risk/index.ts';
import { setup, sizedOrder } from './executionFixtures.ts';

describe('rate limits and retries', () => {
  it('waits out the retry-after of a 429 before the next request, then proves the order absent before resending', async () => {
    const s = setup();
    await s.manager.start();
    s.exchange.script('createOrder', { kind: 'rate_limited', retryAfterMs: 7_000 });
    const result = await s.manager.submit(sizedOrder());
    expect(result.ok && result.value.status).toBe('OPEN');
    const creates = s.exchange.callsOf('createOrder');
    expect(creates).toHaveLength(2);
    const firstAfter429 = s.exchange.calls[s.exchange.calls.indexOf(creates[0]!) + 1]!;
    expect(firstAfter429.call).toBe('fetchOrder');
    expect(firstAfter429.atMs - creates[0]!.atMs).toBeGreaterThanOrEqual(7_000);
  });

  it('retries a failed read with growing back-off, and counts each failure in the error rate', async () => {
    const s = setup({ readRetry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 250 } });
    s.exchange.script('loadMarkets', 'unavailable', 'unavailable', 'unavailable');
    const readiness = await s.manager.start();
    expect(readiness.state).toBe('READY');
    expect(s.exchange.callsOf('loadMarkets')).toHaveLength(4);
    expect(s.clock.sleeps.slice(0, 3)).toEqual([100, 200, 250]);
    const health = s.manager.health();
    expect(health.errors).toBe(3);
    expect(health.requests).toBeGreaterThanOrEqual(4);
    expect(health.errorRate).toBeCloseTo(health.errors / health.requests, 12);
  });

  it('makes every other request wait too while the exchange has asked Ballast to pause', async () => {
    const s = setup();
    await s.manager.start();
    s.exchange.script('fetchOpenOrders', { kind: 'rate_limited', retryAfterMs: 30_000 });
    const before = s.clock.nowMs();
    await s.manager.sync();
    const next = s.exchange.calls.filter((call) => call.atMs > before).map((call) => call.atMs);
    expect(Math.max(...next) - before).toBeGreaterThanOrEqual(30_000);
    expect(s.manager.health().rateLimited).toBe(1);
  });
});

describe('error-rate window', () => {
  it('is the reading the risk layer\'s error-rate trigger takes, and trips it on a burst of 429s', async () => {
    const s = setup();
    await s.manager.start();
    s.exchange.script('fetchOpenOrders', ...Array.from({ length: 3 }, () => ({ kind: 'rate_limited' as const, retryAfterMs: 1_000 })));
    await s.manager.sync();
    const reading: ExchangeErrorRate = s.manager.health();
    const trigger = createExchangeErrorTrigger(() => ({ ...DEFAULT_TRIGGER_SETTINGS.errorRate, minRequests: 1_000 }));
    expect(trigger.check(reading).tripped).toBe(true);
  });

  it('counts errors over requests inside the window only, 429 and 418 separately', () => {
    const window = new ErrorRateWindow(60_000);
    window.record({ kind: 'ok', value: 1 }, 0);
    window.record({ kind: 'unknown', detail: 'timeout' }, 1_000);
    window.record({ kind: 'rate_limited', retryAfterMs: 1_000, detail: '429 too many requests' }, 2_000);
    window.record({ kind: 'rate_limited', retryAfterMs: 1_000, detail: 'DDoSProtection: 418 IP banned until 1700000000000' }, 3_000);
    window.record({ kind: 'not_found', detail: 'Order does not exist.' }, 4_000);
    expect(window.snapshot(5_000, null)).toMatchObject({ requests: 5, errors: 3, rateLimited: 1, banned: 1, errorRate: 0.6 });
    // 61.5 s later the first three have left the window.
    expect(window.snapshot(62_500, null)).toMatchObject({ requests: 2, errors: 1, rateLimited: 0, banned: 1, errorRate: 0.5 });
    expect(window.snapshot(200_000, null)).toMatchObject({ requests: 0, errors: 0, errorRate: 0 });
  });
});
