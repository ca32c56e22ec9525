import type { AssetBalance, FakeAccount } from './account.ts';
import type { MarketClock } from './clock.ts';
import type { MatchingEngine } from './matching.ts';
import type { FakeOrder, FakeTrade, OrderStore } from './orders.ts';
import type { ReplayMarkets } from './replayMarkets.ts';
import type { ExchangeCounters, RequestLog, RequestLogEntry } from './requestLog.ts';

/** Read-only views of the exchange's state for test assertions (copies, never live objects). */
export interface ExchangeInspector {
  orders: () => FakeOrder[];
  orderByClientOrderId: (clientOrderId: string) => FakeOrder | undefined;
  openOrders: (symbolId?: string) => FakeOrder[];
  trades: () => FakeTrade[];
  balances: () => Record<string, AssetBalance>;
  requests: () => RequestLogEntry[];
  counters: () => ExchangeCounters;
  /** the replayed traded price of a symbol at the market's now */
  priceOf: (symbolId: string) => number | undefined;
}

export function createInspector(parts: {
  orders: OrderStore;
  account: FakeAccount;
  log: RequestLog;
  markets: ReplayMarkets;
  engine: MatchingEngine;
  clock: MarketClock;
}): ExchangeInspector {
  // A running clock moves without anyone calling set(); bring fills up to date before reading.
  const current = (): void => {
    parts.engine.catchUpTo(parts.clock.nowMs());
  };
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    orders: () => (current(), parts.orders.allOrders().map(copy)),
    orderByClientOrderId: (clientOrderId) => {
      current();
      const order = parts.orders.byClientOrderId(clientOrderId);
      return order === undefined ? undefined : copy(order);
    },
    openOrders: (symbolId) => (current(), parts.orders.openOrders(symbolId).map(copy)),
    trades: () => (current(), parts.orders.trades().map(copy)),
    balances: () => (current(), parts.account.balances()),
    requests: () => parts.log.entries(),
    counters: () => parts.log.counters(),
    priceOf: (symbolId) => parts.markets.priceAt(symbolId, parts.clock.nowMs()),
  };
}
