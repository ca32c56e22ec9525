import type { SizedOrder, SizedOrderFields } from './intent.ts';

/**
 * The one place that brands an order as approved. Deliberately not on risk's public face: other
 * layers get SizedOrders only from `evaluate` and `sizeProtectiveStop`.
 */
export function approvedOrder(fields: SizedOrderFields): SizedOrder {
  return fields as SizedOrder;
}
