import { onTestFinished } from 'vitest';
import { binanceClientFor, type BinanceClientOverrides } from './ccxtClient.ts';
import { startFakeExchange, type FakeExchange, type FakeExchangeOptions } from './exchange.ts';

/**
 * A fresh fake exchange and a ccxt client for one test, both closed when the test ends. ccxt's own
 * limiter is off here unless a test turns it on: it would only add its pacing delays to every test.
 */
export async function exchangeForTest(
  options: FakeExchangeOptions = {},
  clientOverrides: BinanceClientOverrides = {},
): Promise<{ fake: FakeExchange; client: ReturnType<typeof binanceClientFor> }> {
  const fake = await startFakeExchange(options);
  onTestFinished(() => fake.close());
  const client = binanceClientFor(fake, { timeout: 2000, enableRateLimit: false, ...clientOverrides });
  return { fake, client };
}

/** The rejection a promise ends with (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`Rejected with a non-Error: ${String(error)}`, { cause: error });
  }
  throw new Error('Expected the call to fail, but it succeeded');
}
