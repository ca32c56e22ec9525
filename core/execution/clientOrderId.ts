import { createHash } from 'node:crypto';

/**
 * Every Ballast client order id starts with this, so reconciliation can tell Ballast's orders
 * from those the person placed by hand on the same account.
 */
export const CLIENT_ORDER_ID_PREFIX = 'bl-';

/** Binance's rule for newClientOrderId; the strictest of the exchanges Ballast supports. */
export const CLIENT_ORDER_ID_PATTERN = /^[.A-Z:/a-z0-9_-]{1,36}$/;

const HASH_CHARS = 32;

/**
 * The client order id of an intent: a hash of the intent id only (no attempt counter, no clock),
 * so the same intent maps to the same id after any number of retries or restarts, and the
 * exchange itself refuses a second live order for it. 32 base64url characters keep 192 bits of
 * SHA-256: two different intents sharing an id is not a practical concern.
 */
export function clientOrderIdFor(order: { readonly intentId: string }): string {
  if (order.intentId.length === 0) throw new RangeError('an order needs an intent id to derive its client order id');
  const digest = createHash('sha256').update(`ballast-order-v1\u0000${order.intentId}`).digest('base64url');
  return `${CLIENT_ORDER_ID_PREFIX}${digest.slice(0, HASH_CHARS)}`;
}

export function isBallastClientOrderId(clientOrderId: string): boolean {
  return clientOrderId.startsWith(CLIENT_ORDER_ID_PREFIX) && clientOrderId.length === CLIENT_ORDER_ID_PREFIX.length + HASH_CHARS;
}
