import { formatDecimal } from './decimals.ts';
import type { FakeOrder, FakeTrade } from './orders.ts';

/** Orders and trades in Binance's JSON shapes (the ones ccxt's parsers read). */
export type NewOrderResponseType = 'ACK' | 'RESULT' | 'FULL';

export function newOrderResponse(order: FakeOrder, responseType: NewOrderResponseType): object {
  const ack = {
    symbol: order.symbolId,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    transactTime: order.createdAtMs,
  };
  if (responseType === 'ACK') return ack;
  const result = {
    ...ack,
    price: formatDecimal(order.priceQuote),
    origQty: formatDecimal(order.origAmountBase),
    executedQty: formatDecimal(order.executedAmountBase),
    origQuoteOrderQty: formatDecimal(order.origQuoteOrderQty),
    cummulativeQuoteQty: formatDecimal(order.cumulativeQuote),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
    workingTime: order.workingSinceMs ?? -1,
    selfTradePreventionMode: 'EXPIRE_MAKER',
    ...(order.type === 'STOP_LOSS_LIMIT' ? { stopPrice: formatDecimal(order.stopPriceQuote) } : {}),
  };
  if (responseType === 'RESULT') return result;
  return {
    ...result,
    fills: order.fills.map((fill) => ({
      price: formatDecimal(fill.priceQuote),
      qty: formatDecimal(fill.amountBase),
      commission: formatDecimal(fill.commission),
      commissionAsset: fill.commissionAsset,
      tradeId: fill.tradeId,
    })),
  };
}

export function queryOrderResponse(order: FakeOrder): object {
  return {
    symbol: order.symbolId,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    price: formatDecimal(order.priceQuote),
    origQty: formatDecimal(order.origAmountBase),
    executedQty: formatDecimal(order.executedAmountBase),
    cummulativeQuoteQty: formatDecimal(order.cumulativeQuote),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
    stopPrice: formatDecimal(order.stopPriceQuote),
    icebergQty: '0.00000000',
    time: order.createdAtMs,
    updateTime: order.updatedAtMs,
    isWorking: order.workingSinceMs !== undefined,
    workingTime: order.workingSinceMs ?? -1,
    origQuoteOrderQty: formatDecimal(order.origQuoteOrderQty),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

export function cancelOrderResponse(order: FakeOrder, cancelClientOrderId: string, atMs: number): object {
  return {
    symbol: order.symbolId,
    origClientOrderId: order.clientOrderId,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: cancelClientOrderId,
    transactTime: atMs,
    price: formatDecimal(order.priceQuote),
    origQty: formatDecimal(order.origAmountBase),
    executedQty: formatDecimal(order.executedAmountBase),
    cummulativeQuoteQty: formatDecimal(order.cumulativeQuote),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
    selfTradePreventionMode: 'EXPIRE_MAKER',
    ...(order.type === 'STOP_LOSS_LIMIT' ? { stopPrice: formatDecimal(order.stopPriceQuote) } : {}),
  };
}

export function accountTradeResponse(trade: FakeTrade): object {
  return {
    symbol: trade.symbolId,
    id: trade.tradeId,
    orderId: trade.orderId,
    orderListId: -1,
    price: formatDecimal(trade.priceQuote),
    qty: formatDecimal(trade.amountBase),
    quoteQty: formatDecimal(trade.costQuote),
    commission: formatDecimal(trade.commission),
    commissionAsset: trade.commissionAsset,
    time: trade.atMs,
    isBuyer: trade.side === 'BUY',
    isMaker: trade.isMaker,
    isBestMatch: true,
  };
}
