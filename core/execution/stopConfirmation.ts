import type { LiveDeps } from './liveDeps.ts';
import type { Order } from './order.ts';

export type StopConfirmation =
  /** Listed open under Ballast's client id (its row updated from the listing; fills already synced). */
  | { readonly kind: 'resting'; readonly stop: Order; readonly filledSinceLastLook: boolean }
  | { readonly kind: 'unreadable'; readonly reason: string }
  /** Not listed: looked up (it filled, or someone cancelled it), never assumed; the position may have changed. */
  | { readonly kind: 'not_listed' };

/** A stop counts only once the exchange's own open-order listing shows it resting under Ballast's client id. */
export async function confirmResting(deps: LiveDeps, stop: Order): Promise<StopConfirmation> {
  const { calls, lifecycle, store } = deps;
  const listed = await calls.withRetry('fetchOpenOrders', stop.clientOrderId, () => calls.port.fetchOpenOrders(stop.symbol));
  if (listed.kind !== 'ok') return { kind: 'unreadable', reason: `the open orders could not be read (${listed.kind})` };
  const record = listed.value.find((candidate) => candidate.clientOrderId === stop.clientOrderId);
  if (record === undefined) {
    await lifecycle.resolve(store.get(stop.clientOrderId) ?? stop, { action: 'close', status: 'CANCELED', reason: 'not on the exchange any more (checked by lookup, open orders and trades)' }, listed.value);
    return { kind: 'not_listed' };
  }
  const updated = lifecycle.applyRecord(store.get(stop.clientOrderId) ?? stop, record, 'confirmed_resting');
  const filledSinceLastLook = updated.filledBase > store.recordedFilledBase(updated.clientOrderId);
  // Triggered and partly sold: its trades change the position.
  if (filledSinceLastLook) await lifecycle.syncFills(updated);
  return { kind: 'resting', stop: updated, filledSinceLastLook };
}
