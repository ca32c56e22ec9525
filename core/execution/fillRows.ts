import type { Fill } from './order.ts';

export const insertFillSql = `INSERT OR IGNORE INTO execution_fills
  (symbol, trade_id, client_order_id, exchange_order_id, side, price_quote, amount_base, fee_asset, fee_amount, at_ms)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function fillFromRow(row: Record<string, unknown>): Fill {
  const feeAsset = row.fee_asset;
  const feeAmount = row.fee_amount;
  return {
    symbol: String(row.symbol),
    tradeId: String(row.trade_id),
    clientOrderId: String(row.client_order_id),
    exchangeOrderId: String(row.exchange_order_id),
    side: row.side === 'sell' ? 'sell' : 'buy',
    priceQuote: Number(row.price_quote),
    amountBase: Number(row.amount_base),
    fee: typeof feeAsset === 'string' && typeof feeAmount === 'number' ? { asset: feeAsset, amount: feeAmount } : null,
    atMs: Number(row.at_ms),
  };
}
