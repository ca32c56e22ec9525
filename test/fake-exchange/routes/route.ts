import type { FakeAccount } from '../account.ts';
import type { MarketClock } from '../clock.ts';
import type { Fault } from '../faults.ts';
import type { MatchingEngine } from '../matching.ts';
import type { OrderStore } from '../orders.ts';
import type { ReplayMarkets } from '../replayMarkets.ts';
import type { SecurityType } from '../signing.ts';

/** Everything a route may read or change: the exchange's state, one object, no globals. */
export interface ExchangeState {
  markets: ReplayMarkets;
  account: FakeAccount;
  orders: OrderStore;
  engine: MatchingEngine;
  clock: MarketClock;
  weightLimitPerMinute: number;
}

export type Params = Readonly<Record<string, string>>;

export interface RouteContext {
  state: ExchangeState;
  params: Params;
  marketNowMs: number;
  serverTimeMs: number;
  /** faults that change what the handler does (partial fill, duplicate id, unknown order) */
  faults: readonly Fault[];
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  security: SecurityType;
  /** TRADE endpoints need the key's spot trading permission */
  trades?: boolean;
  weight: (params: Params) => number;
  handle: (context: RouteContext) => unknown;
}

export const fixedWeight =
  (weight: number) =>
  (_params: Params): number =>
    weight;
