import type { MarketInfo } from '../market/index.ts';
import { sizeProtectiveOrder, type SizedOrder } from '../risk/index.ts';
import type { ExecutionClock } from './exchangeCalls.ts';
import type { Order } from './order.ts';
import type { CancelResult } from './orderCancellation.ts';
import type { ClientSideStop, OrderStore } from './orderStore.ts';
import { isTerminal } from './orderStatus.ts';
import { assetsOfSymbol } from './positionBook.ts';
import { floorToStep } from './stepRounding.ts';
import type { SubmitResult } from './submitResult.ts';

export type { ClientSideStop } from './orderStore.ts';

export interface ProtectionWarning {
  readonly code: 'CLIENT_SIDE_STOP' | 'PROTECTION_NOT_PLACED';
  readonly entryClientOrderId: string;
  readonly symbol: string;
  /** Shown to the person as is. */
  readonly message: string;
}

export const CLIENT_SIDE_STOP_MESSAGE = 'Protection only while Ballast is running: this exchange has no stop orders Ballast can use, so the stop for this position is watched by Ballast itself. If Ballast or this computer is closed, the position is not protected.';

export interface ProtectionDeps {
  readonly store: OrderStore;
  readonly clock: ExecutionClock;
  readonly supportsNativeStops: boolean;
  /** Fraction below the trigger for the stop-limit's limit price, so it still fills in a fast market. */
  readonly stopLimitSlippage: number;
  market(symbol: string): MarketInfo | undefined;
  place(order: SizedOrder, parentClientOrderId: string): Promise<SubmitResult>;
  cancel(order: Order): Promise<CancelResult>;
}

/**
 * Keeps one protective stop per filled entry, sized from what the entry actually FILLED (net of
 * fees taken in base), never from what it asked for; resized as more fills arrive. Native
 * stop-limit orders where the exchange has them (they survive Ballast being closed); otherwise
 * a journaled client-side stop and a visible warning.
 */
export class ProtectiveStops {
  readonly #deps: ProtectionDeps;
  readonly #warnings = new Map<string, ProtectionWarning>();

  constructor(deps: ProtectionDeps) {
    this.#deps = deps;
    for (const stop of this.clientSideStops()) this.#warn(stop.entryClientOrderId, stop.symbol, 'CLIENT_SIDE_STOP', CLIENT_SIDE_STOP_MESSAGE);
  }

  warnings(): ProtectionWarning[] {
    return [...this.#warnings.values()];
  }

  /** The protective amount for an entry: its filled base minus fees paid in base, on the lot grid. */
  protectedAmountBase(entry: Order): number {
    const market = this.#deps.market(entry.symbol);
    const { base } = assetsOfSymbol(entry.symbol);
    const net = this.#deps.store
      .fillsOf(entry.clientOrderId)
      .reduce((sum, fill) => sum + fill.amountBase - (fill.fee?.asset === base ? fill.fee.amount : 0), 0);
    if (market === undefined || net <= 0) return 0;
    return floorToStep(net, market.precision.amountStepBase);
  }

  async ensure(entry: Order): Promise<void> {
    const stopPrice = entry.protectiveStopPriceQuote;
    if (entry.purpose !== 'entry' || entry.side !== 'buy' || stopPrice === null) return;
    const target = this.protectedAmountBase(entry);
    if (target <= 0) return;
    if (!this.#deps.supportsNativeStops) {
      this.#registerClientStop(entry, target, stopPrice, 'the exchange has no native stop orders');
      return;
    }
    const children = this.#deps.store.childrenOf(entry.clientOrderId);
    const live = children.filter((child) => !isTerminal(child.status));
    if (live.length === 1 && live[0]?.amountBase === target) return;
    for (const stop of live) {
      const cancelled = await this.#deps.cancel(stop);
      if (!cancelled.confirmed) {
        // Placing a second stop while the first may still be live could sell twice.
        this.#warn(entry.clientOrderId, entry.symbol, 'PROTECTION_NOT_PLACED', `The stop for this position could not be resized: ${cancelled.reason}. Check the position on the exchange.`);
        return;
      }
    }
    const stop = sizeProtectiveOrder({
      intentId: `${entry.intentId}#stop#${children.length + 1}`,
      symbol: entry.symbol,
      type: 'stop_limit',
      amountBase: target,
      stopPriceQuote: stopPrice,
      limitPriceQuote: stopPrice * (1 - this.#deps.stopLimitSlippage),
      atMs: this.#deps.clock.nowMs(),
    });
    if (stop === null) {
      this.#registerClientStop(entry, target, stopPrice, 'no exchange stop: the stop price is not a usable price');
      return;
    }
    const placed = await this.#deps.place(stop, entry.clientOrderId);
    if (!placed.ok || placed.value.status === 'REJECTED') {
      // Too small for an exchange stop, or refused: watch it here rather than leave it bare.
      this.#registerClientStop(entry, target, stopPrice, `no exchange stop: ${placed.ok ? (placed.value.statusReason ?? 'refused') : placed.error.reason}`);
      return;
    }
    this.#warnings.delete(entry.clientOrderId);
  }

  clientSideStops(): ClientSideStop[] {
    return this.#deps.store.activeClientStops();
  }

  /** The client-side stops a price at or below their trigger sets off; they are deactivated (journaled) here. */
  triggered(symbol: string, priceQuote: number): ClientSideStop[] {
    const hit = this.clientSideStops().filter((stop) => stop.symbol === symbol && priceQuote <= stop.stopPriceQuote);
    const atMs = this.#deps.clock.nowMs();
    for (const stop of hit) {
      this.#deps.store.deactivateClientStop(stop, atMs, priceQuote);
      this.#warnings.delete(stop.entryClientOrderId);
    }
    return hit;
  }

  #registerClientStop(entry: Order, amountBase: number, stopPriceQuote: number, reason: string): void {
    this.#deps.store.registerClientStop({ entryClientOrderId: entry.clientOrderId, symbol: entry.symbol, amountBase, stopPriceQuote, reason }, this.#deps.clock.nowMs());
    this.#warn(entry.clientOrderId, entry.symbol, 'CLIENT_SIDE_STOP', CLIENT_SIDE_STOP_MESSAGE);
  }

  #warn(entryClientOrderId: string, symbol: string, code: ProtectionWarning['code'], message: string): void {
    this.#warnings.set(entryClientOrderId, { code, entryClientOrderId, symbol, message });
  }
}
