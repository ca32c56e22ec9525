import { formatDecimal } from '../decimals.ts';
import type { Fault } from '../faults.ts';
import { accountTradeResponse, cancelOrderResponse, newOrderResponse, queryOrderResponse } from '../orderViews.ts';
import type { FakeOrder } from '../orders.ts';
import { reject } from '../rejections.ts';
import type { BinanceRejection } from '../rejections.ts';
import { parseNewOrder } from './orderRequest.ts';
import { clientOrderIdParam, generatedClientOrderId, limitParam, optionalInteger, required } from './params.ts';
import { fixedWeight, type Route, type RouteContext } from './route.ts';

function hasFault(faults: readonly Fault[], kind: Fault['kind']): boolean {
  return faults.some((fault) => fault.kind === kind);
}

/** Finds the order a query or cancel names, by `orderId` or `origClientOrderId`, on its symbol. */
function namedOrder(context: RouteContext, notFound: () => BinanceRejection): FakeOrder {
  const symbolId = required(context.params, 'symbol');
  context.state.markets.get(symbolId);
  const orderId = optionalInteger(context.params, 'orderId');
  const clientOrderId = clientOrderIdParam(context.params, 'origClientOrderId');
  if (orderId === undefined && clientOrderId === undefined) throw reject.eitherParameter('orderId', 'origClientOrderId');
  if (hasFault(context.faults, 'unknownOrder')) throw notFound();
  const order = orderId !== undefined ? context.state.orders.byId(orderId) : context.state.orders.byClientOrderId(clientOrderId ?? '');
  if (order === undefined || order.symbolId !== symbolId) throw notFound();
  if (clientOrderId !== undefined && order.clientOrderId !== clientOrderId) throw notFound();
  return order;
}

function timeFiltered<T>(items: readonly T[], timeOf: (item: T) => number, context: RouteContext): T[] {
  const startTimeMs = optionalInteger(context.params, 'startTime');
  const endTimeMs = optionalInteger(context.params, 'endTime');
  return items.filter((item) => (startTimeMs === undefined || timeOf(item) >= startTimeMs) && (endTimeMs === undefined || timeOf(item) <= endTimeMs));
}

/** Binance returns the oldest `limit` items when told where to start, otherwise the newest. */
function page<T>(items: readonly T[], limit: number, fromStart: boolean): T[] {
  return fromStart ? items.slice(0, limit) : items.slice(Math.max(items.length - limit, 0));
}

function placeOrder(context: RouteContext): unknown {
  const { request, responseType } = parseNewOrder(context.params);
  if (hasFault(context.faults, 'duplicateClientOrderId')) throw reject.duplicateOrder();
  const partial = context.faults.find((fault) => fault.kind === 'partialFill');
  const order = context.state.engine.place(request, context.marketNowMs, partial?.kind === 'partialFill' ? partial.fraction : 1);
  return newOrderResponse(order, responseType);
}

function cancelOrder(context: RouteContext): unknown {
  const order = namedOrder(context, reject.unknownOrderOnCancel);
  context.state.engine.cancel(order, context.marketNowMs);
  return cancelOrderResponse(order, clientOrderIdParam(context.params, 'newClientOrderId') ?? generatedClientOrderId(), context.marketNowMs);
}

function cancelAllOpenOrders(context: RouteContext): unknown {
  const symbolId = required(context.params, 'symbol');
  const open = context.state.orders.openOrders(symbolId);
  if (open.length === 0) throw reject.unknownOrderOnCancel();
  return open.map((order) => {
    context.state.engine.cancel(order, context.marketNowMs);
    return cancelOrderResponse(order, generatedClientOrderId(), context.marketNowMs);
  });
}

function openOrders(context: RouteContext): unknown {
  const symbolId = context.params.symbol;
  if (symbolId !== undefined) context.state.markets.get(symbolId);
  return context.state.orders.openOrders(symbolId).map(queryOrderResponse);
}

function allOrders(context: RouteContext): unknown {
  const symbolId = required(context.params, 'symbol');
  context.state.markets.get(symbolId);
  const fromOrderId = optionalInteger(context.params, 'orderId');
  const orders = context.state.orders
    .allOrders()
    .filter((order) => order.symbolId === symbolId && (fromOrderId === undefined || order.orderId >= fromOrderId))
    .sort((a, b) => a.orderId - b.orderId);
  const selected = timeFiltered(orders, (order) => order.createdAtMs, context);
  const fromStart = fromOrderId !== undefined || context.params.startTime !== undefined;
  return page(selected, limitParam(context.params, 500, 1000), fromStart).map(queryOrderResponse);
}

function myTrades(context: RouteContext): unknown {
  const symbolId = required(context.params, 'symbol');
  context.state.markets.get(symbolId);
  const orderId = optionalInteger(context.params, 'orderId');
  const fromId = optionalInteger(context.params, 'fromId');
  const trades = context.state.orders
    .trades()
    .filter((trade) => trade.symbolId === symbolId && (orderId === undefined || trade.orderId === orderId) && (fromId === undefined || trade.tradeId >= fromId));
  const selected = timeFiltered(trades, (trade) => trade.atMs, context);
  const fromStart = fromId !== undefined || context.params.startTime !== undefined;
  return page(selected, limitParam(context.params, 500, 1000), fromStart).map(accountTradeResponse);
}

function accountInformation(context: RouteContext): unknown {
  const { account, markets } = context.state;
  const assets = new Set<string>(Object.keys(account.balances()));
  for (const market of markets.all()) assets.add(market.rules.baseAsset).add(market.rules.quoteAsset);
  const omitZero = context.params.omitZeroBalances === 'true';
  const balances = [...assets]
    .sort()
    .map((asset) => ({ asset, ...account.balance(asset) }))
    .filter((balance) => !omitZero || balance.free > 0 || balance.locked > 0)
    .map((balance) => ({ asset: balance.asset, free: formatDecimal(balance.free), locked: formatDecimal(balance.locked) }));
  const permissions = account.permissions();
  return {
    makerCommission: 10,
    takerCommission: 10,
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
    canTrade: permissions.enableSpotAndMarginTrading,
    canWithdraw: permissions.enableWithdrawals,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: context.marketNowMs,
    accountType: 'SPOT',
    balances,
    permissions: ['SPOT'],
    uid: 354937868,
  };
}

export const tradingRoutes: readonly Route[] = [
  { method: 'POST', path: '/api/v3/order', security: 'SIGNED', trades: true, weight: fixedWeight(1), handle: placeOrder },
  {
    method: 'GET',
    path: '/api/v3/order',
    security: 'SIGNED',
    weight: fixedWeight(4),
    handle: (context) => queryOrderResponse(namedOrder(context, reject.orderDoesNotExist)),
  },
  { method: 'DELETE', path: '/api/v3/order', security: 'SIGNED', trades: true, weight: fixedWeight(1), handle: cancelOrder },
  { method: 'DELETE', path: '/api/v3/openOrders', security: 'SIGNED', trades: true, weight: fixedWeight(1), handle: cancelAllOpenOrders },
  { method: 'GET', path: '/api/v3/openOrders', security: 'SIGNED', weight: (params) => (params.symbol === undefined ? 80 : 6), handle: openOrders },
  { method: 'GET', path: '/api/v3/allOrders', security: 'SIGNED', weight: fixedWeight(20), handle: allOrders },
  { method: 'GET', path: '/api/v3/myTrades', security: 'SIGNED', weight: fixedWeight(20), handle: myTrades },
  { method: 'GET', path: '/api/v3/account', security: 'SIGNED', weight: fixedWeight(20), handle: accountInformation },
];
