import type { SizedOrder } from '../risk/index.ts';
import type { ExitCode } from './liveCodes.ts';
import { withAsset, type LiveDeps, type LiveNotice } from './liveDeps.ts';
import type { LiveStops } from './liveStops.ts';
import type { ProtectionReport } from './protectionReport.ts';
import type { Order } from './order.ts';
import { restOfSaleCancelled } from './stopPlacement.ts';

export interface ExitOutcome {
  readonly notice: LiveNotice<ExitCode>;
  /** The sell that was sent, if one was. */
  readonly exitOrder: Order | null;
  readonly soldBase: number;
  /** The market's protection after the exit: the stop restored on what is left, or swept when flat (null: nothing was tried). */
  readonly protection: ProtectionReport | null;
  readonly requiresSafeMode: boolean;
}

/**
 * Sells part or all of a position in live trading without ever leaving it naked:
 * 1. the stop is cancelled first (it holds the coins; the exchange would refuse the sale);
 * 2. the sale is capped to what Ballast itself holds (the person's other coins are never sold);
 * 3. the sale does not rest: what does not fill at once is cancelled;
 * 4. the stop is restored on whatever is left, or swept when nothing is.
 * A failed or partial sale therefore ends with the stop back on the exchange (confirmed), or with
 * a protection report that asks for safe mode. `order` is an exit the risk layer approved; its
 * limit price must be inside the band (a marketable limit).
 */
export async function exitWithoutGap(stops: LiveStops, deps: LiveDeps, order: SizedOrder): Promise<ExitOutcome> {
  const { symbol } = order;
  return stops.withSymbol(symbol, async () => {
    const lifted = await stops.liftStops(symbol);
    if (!lifted.ok) {
      const protection = await stops.cover(symbol);
      return outcome({ code: 'EXIT_STOP_NOT_CANCELLED', params: { symbol, clientOrderId: lifted.clientOrderId, reason: lifted.reason } }, null, 0, protection);
    }
    const amountBase = Math.min(order.amountBase, stops.sellableBase(symbol));
    if (!(amountBase > 0)) {
      const protection = await stops.cover(symbol);
      return outcome({ code: 'EXIT_NOTHING_TO_SELL', params: { symbol } }, null, 0, protection);
    }
    const placed = await deps.place({ ...order, amountBase, reduceOnly: true }, {}, null);
    if (!placed.ok) {
      const protection = await stops.cover(symbol);
      return outcome({ code: 'EXIT_NOT_FILLED', params: { symbol, amountBase, reason: placed.error.reason } }, null, 0, protection);
    }
    const sale = await restOfSaleCancelled(deps, placed.value);
    const protection = await stops.cover(symbol);
    if (sale.kind === 'not_sold') return outcome({ code: 'EXIT_NOT_FILLED', params: { symbol, amountBase, reason: sale.reason } }, sale.order, 0, protection);
    const notice: LiveNotice<ExitCode> =
      sale.soldBase + 1e-12 >= amountBase
        ? { code: 'EXITED', params: { symbol, amountBase: sale.soldBase, averagePriceQuote: sale.order.averagePriceQuote } }
        : { code: 'EXIT_PARTLY_FILLED', params: { symbol, soldBase: sale.soldBase, amountBase, averagePriceQuote: sale.order.averagePriceQuote } };
    return outcome(notice, sale.order, sale.soldBase, protection);
  });
}

function outcome(notice: LiveNotice<ExitCode>, exitOrder: Order | null, soldBase: number, protection: ProtectionReport): ExitOutcome {
  return { notice: withAsset(notice), exitOrder, soldBase, protection, requiresSafeMode: protection.requiresSafeMode };
}
