import type { NewOrderRequest } from '../matching.ts';
import type { NewOrderResponseType } from '../orderViews.ts';
import type { OrderSide, OrderType, TimeInForce } from '../orders.ts';
import { reject } from '../rejections.ts';
import { clientOrderIdParam, generatedClientOrderId, optionalDecimal, required } from './params.ts';
import type { Params } from './route.ts';

const SIDES: readonly string[] = ['BUY', 'SELL'];
const SUPPORTED_TYPES: readonly string[] = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT'];
/** Real Binance types the fake does not simulate: refused plainly rather than half-done. */
const UNSIMULATED_TYPES: readonly string[] = ['STOP_LOSS', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
const TIMES_IN_FORCE: readonly string[] = ['GTC', 'IOC', 'FOK'];
const RESPONSE_TYPES: readonly string[] = ['ACK', 'RESULT', 'FULL'];

/** `POST /api/v3/order` parameters, with Binance's rules on which combinations are allowed. */
export function parseNewOrder(params: Params): { request: NewOrderRequest; responseType: NewOrderResponseType } {
  const symbolId = required(params, 'symbol');
  const side = required(params, 'side');
  if (!SIDES.includes(side)) throw reject.invalidSide();
  const type = required(params, 'type');
  if (UNSIMULATED_TYPES.includes(type)) throw reject.unsupportedOrderCombination();
  if (!SUPPORTED_TYPES.includes(type)) throw reject.invalidOrderType();
  const price = optionalDecimal(params, 'price');
  const quantity = optionalDecimal(params, 'quantity');
  const quoteOrderQty = optionalDecimal(params, 'quoteOrderQty');
  const stopPrice = optionalDecimal(params, 'stopPrice');
  const timeInForceText = params.timeInForce;

  // Binance reports market orders as GTC too; they never rest regardless.
  let timeInForce: TimeInForce = 'GTC';
  if (type === 'LIMIT') {
    const text = required(params, 'timeInForce');
    if (!TIMES_IN_FORCE.includes(text)) throw reject.invalidTimeInForce();
    timeInForce = text as TimeInForce;
    required(params, 'quantity');
    required(params, 'price');
    if (quoteOrderQty !== undefined) throw reject.parameterNotRequired('quoteOrderQty');
  } else if (type === 'STOP_LOSS_LIMIT') {
    const text = required(params, 'timeInForce');
    if (!TIMES_IN_FORCE.includes(text)) throw reject.invalidTimeInForce();
    // Only good-till-cancelled stops are simulated: a triggered IOC/FOK stop is refused plainly.
    if (text !== 'GTC') throw reject.unsupportedOrderCombination();
    required(params, 'quantity');
    required(params, 'price');
    required(params, 'stopPrice');
    if (quoteOrderQty !== undefined) throw reject.parameterNotRequired('quoteOrderQty');
  } else if (type === 'LIMIT_MAKER') {
    if (timeInForceText !== undefined) throw reject.parameterNotRequired('timeInForce');
    required(params, 'quantity');
    required(params, 'price');
  } else {
    if (timeInForceText !== undefined) throw reject.parameterNotRequired('timeInForce');
    if (price !== undefined) throw reject.parameterNotRequired('price');
    if (quantity === undefined && quoteOrderQty === undefined) throw reject.eitherParameter('quantity', 'quoteOrderQty');
    if (quantity !== undefined && quoteOrderQty !== undefined) throw reject.parameterNotRequired('quoteOrderQty');
  }
  if (type !== 'STOP_LOSS_LIMIT' && stopPrice !== undefined) throw reject.parameterNotRequired('stopPrice');
  const responseTypeText = params.newOrderRespType ?? 'FULL';
  if (!RESPONSE_TYPES.includes(responseTypeText)) throw reject.invalidParameter('newOrderRespType');
  return {
    request: {
      symbolId,
      side: side as OrderSide,
      type: type as OrderType,
      timeInForce,
      clientOrderId: clientOrderIdParam(params, 'newClientOrderId') ?? generatedClientOrderId(),
      price,
      quantity,
      quoteOrderQty,
      stopPrice,
    },
    responseType: responseTypeText as NewOrderResponseType,
  };
}
