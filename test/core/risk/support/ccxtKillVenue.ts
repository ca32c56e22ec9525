import { createCcxtExchange, type ExchangePort } from '../../../../core/execution/index.ts';
import { binanceClientFor, startFakeExchange, type Fault, type FakeExchange } from '../../../fake-exchange/index.ts';
import type { KillVenue } from './killScenario.ts';

export const KILL_SYMBOL = 'BTC/USDT';

/** A resting buy's value: above Binance's minimum order value, small enough for 50 of them on 10,000 USDT. */
const ORDER_VALUE_QUOTE = 15;

export interface CcxtKillVenue extends KillVenue {
  readonly fake: FakeExchange;
  close(): Promise<void>;
}

const CANCEL_FAULTS: Record<'unknown' | 'unavailable' | 'lost_response', Fault> = {
  // A 5xx answer to a cancel: ccxt OperationFailed, so the cancel's effect is unknown.
  unknown: { kind: 'serverError', status: 500, body: 'binanceJson' },
  // The maintenance page: ccxt OnMaintenance, refused before anything happened.
  unavailable: { kind: 'maintenance' },
  // The exchange cancels the order, then the connection drops before the answer arrives.
  lost_response: { kind: 'timeoutAfterAccept', connection: 'reset' },
};

/**
 * The kill scenarios' venue as production runs it: `CcxtExchange` over an unmodified ccxt.binance
 * with its rate limiter ON, talking HTTP to the fake Binance. The back door (placing the orders,
 * reading the exchange's own book, injecting faults) goes around ccxt's port.
 */
export async function startCcxtKillVenue(options: { readonly timeoutMs?: number } = {}): Promise<CcxtKillVenue> {
  const fake = await startFakeExchange();
  const client = binanceClientFor(fake, { timeout: options.timeoutMs ?? 2_000 });
  const created = createCcxtExchange({ exchange: client, defaultRetryAfterMs: 1_000 });
  if (!created.ok) {
    await fake.close();
    throw new Error(`CcxtExchange refused to start: ${created.error.detail}`);
  }
  const port: ExchangePort = created.value;
  // The back door: a second client used only to set the scene, so setup does not spend the port's rate budget.
  const setup = binanceClientFor(fake, { enableRateLimit: false, timeout: 5_000 });
  let placed = 0;

  return {
    fake,
    port,
    async placeOpenOrders(count) {
      const ticker = await setup.fetchTicker(KILL_SYMBOL);
      const last = ticker.last ?? ticker.close;
      if (last === undefined || !(last > 0)) throw new Error('the fake exchange gave no price');
      const priceQuote = Math.round(last * 0.8 * 100) / 100;
      const amountBase = Math.ceil((ORDER_VALUE_QUOTE / priceQuote) * 100_000) / 100_000;
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) {
        placed += 1;
        const clientOrderId = `kill-test-${String(placed)}`;
        await setup.createOrder(KILL_SYMBOL, 'limit', 'buy', amountBase, priceQuote, { clientOrderId });
        ids.push(clientOrderId);
      }
      return ids;
    },
    openClientOrderIds: () => Promise.resolve(
      fake.inspect.orders().filter((order) => order.status === 'NEW' || order.status === 'PARTIALLY_FILLED').map((order) => order.clientOrderId),
    ),
    failCancels(ids, kind, times) {
      for (const id of ids) fake.faults.add({ method: 'DELETE', path: '/api/v3/order', params: { origClientOrderId: id }, times, fault: CANCEL_FAULTS[kind] });
      return Promise.resolve();
    },
    failListings(times) {
      fake.faults.add({ method: 'GET', path: '/api/v3/openOrders', times, fault: { kind: 'maintenance' } });
      return Promise.resolve();
    },
    setRateLimit(limit) {
      fake.faults.setRequestLimit(limit);
      return Promise.resolve();
    },
    healAll() {
      fake.faults.clear();
      fake.resetRateLimits();
      return Promise.resolve();
    },
    close: () => fake.close(),
  };
}
