import { afterEach, describe, expect, it } from 'vitest';
import { startCcxtKillVenue, type CcxtKillVenue } from './support/ccxtKillVenue.ts';
import { killsFiftyOrdersThroughTransientFaults, neverClaimsSuccessWithoutAnEmptyListing, reportsExactUnconfirmedOrdersAndKeepsTrying } from './support/killScenario.ts';

const venues: CcxtKillVenue[] = [];
afterEach(async () => {
  for (const venue of venues.splice(0)) await venue.close();
});

async function venue(): Promise<CcxtKillVenue> {
  const started = await startCcxtKillVenue();
  venues.push(started);
  return started;
}

describe('the kill switch through real ccxt against the fake Binance (rate limiter on)', () => {
  it('cancels 50 open orders through 429s and failed or lost cancel answers, and reports success only once the exchange lists none', async () => {
    const v = await venue();
    const run = await killsFiftyOrdersThroughTransientFaults(v);
    const requests = v.fake.inspect.requests();
    // The exchange really answered 429s, and a lost answer hid a cancel that had happened.
    expect(requests.filter((request) => request.status === 429).length).toBeGreaterThan(0);
    expect(requests.filter((request) => request.method === 'DELETE' && request.faults.includes('timeoutAfterAccept')).length).toBe(10);
    expect(run.report.summary).not.toContain('could not');
  }, 60_000);

  it('names exactly the orders the exchange would not cancel, keeps trying, and reaches zero once it can', async () => {
    await reportsExactUnconfirmedOrdersAndKeepsTrying(await venue());
  }, 60_000);

  it('never reports success while the exchange cannot list its open orders', async () => {
    await neverClaimsSuccessWithoutAnEmptyListing(await venue());
  }, 60_000);
});
