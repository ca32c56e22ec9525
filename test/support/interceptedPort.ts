import type { ExchangeOutcome, ExchangePort } from '../../core/execution/index.ts';
import type { CallName } from './scriptedExchange.ts';

/** Runs around every call of a port: `send` makes the real call. */
export type AroundCall = <T>(call: CallName, send: () => Promise<ExchangeOutcome<T>>) => Promise<ExchangeOutcome<T>>;

/**
 * The same port with `around` wrapped round each call: to time the port's own share of a call
 * (a benchmark), or to act at an exact moment of one (the crash test kills itself mid-request).
 */
export function interceptedPort(port: ExchangePort, around: AroundCall): ExchangePort {
  return {
    id: port.id,
    supportsNativeStops: port.supportsNativeStops,
    loadMarkets: () => around('loadMarkets', () => port.loadMarkets()),
    fetchBalances: () => around('fetchBalances', () => port.fetchBalances()),
    createOrder: (request) => around('createOrder', () => port.createOrder(request)),
    cancelOrder: (ref) => around('cancelOrder', () => port.cancelOrder(ref)),
    fetchOrder: (ref) => around('fetchOrder', () => port.fetchOrder(ref)),
    fetchOpenOrders: (symbol) => around('fetchOpenOrders', () => port.fetchOpenOrders(symbol)),
    fetchMyTrades: (symbol, sinceMs) => around('fetchMyTrades', () => port.fetchMyTrades(symbol, sinceMs)),
  };
}
