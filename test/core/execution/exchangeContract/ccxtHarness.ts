import { createCcxtExchange, type ExchangePort } from '../../../../core/execution/index.ts';
import { binanceClientFor, startFakeExchange, type FakeExchange, type FakeExchangeOptions } from '../../../fake-exchange/index.ts';
import type { ExchangeHarness, HarnessOptions } from './harness.ts';

export interface CcxtHarness extends ExchangeHarness {
  readonly fake: FakeExchange;
  readonly client: ReturnType<typeof binanceClientFor>;
}

/**
 * `CcxtExchange` on an unmodified ccxt.binance talking HTTP to the fake exchange. ccxt's limiter
 * is off only to keep the suite fast (its pacing adds nothing here); a separate test checks the
 * adapter refuses that outside tests.
 */
export async function startCcxtHarness(options: HarnessOptions, fakeOptions: FakeExchangeOptions = {}, timeoutMs = 2000): Promise<CcxtHarness> {
  const fake = await startFakeExchange({
    startAt: options.startAt,
    account: { balances: options.balances },
    ...(options.volumeShare === undefined ? {} : { volumeShare: options.volumeShare }),
    ...fakeOptions,
  });
  const client = binanceClientFor(fake, { timeout: timeoutMs, enableRateLimit: false });
  const created = createCcxtExchange({ exchange: client, unsafeAllowRateLimiterOffInTests: true, defaultRetryAfterMs: 30_000 });
  if (!created.ok) {
    await fake.close();
    throw new Error(`CcxtExchange refused to start: ${created.error.detail}`);
  }
  const port: ExchangePort = created.value;
  return {
    port,
    fake,
    client,
    advanceMarket: (durationMs) => {
      fake.clock.advance(durationMs);
      return Promise.resolve();
    },
    close: () => fake.close(),
  };
}
