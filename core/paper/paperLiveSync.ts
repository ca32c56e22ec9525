import type { ExchangeOutcome } from '../execution/index.ts';
import type { MarketDataPort, Timeframe } from '../market/index.ts';
import { timeframeForDurationMs } from '../market/index.ts';
import type { PaperAccount } from './paperAccount.ts';
import { ok, outcomeFromMarketError } from './paperOutcomes.ts';

const PAGE_BARS = 500;

/**
 * Fetches, for every symbol with open paper orders, the bars that closed since the last one
 * matched (or since the oldest order arrived) and puts them on the tape. Bars still forming are
 * left for the next sync: only a closed bar says what the price did.
 */
export async function syncLiveBars(marketData: MarketDataPort, account: PaperAccount, intervalMs: number, nowMs: number): Promise<ExchangeOutcome<null>> {
  const timeframe: Timeframe | null = timeframeForDurationMs(intervalMs);
  if (timeframe === null) return { kind: 'unavailable', detail: `paper sync: no timeframe of ${intervalMs} ms` };
  const oldestArrivalBySymbol = new Map<string, number>();
  for (const order of account.ledger.openOrders()) {
    oldestArrivalBySymbol.set(order.symbol, Math.min(oldestArrivalBySymbol.get(order.symbol) ?? Number.POSITIVE_INFINITY, order.activeFromMs));
  }
  for (const [symbol, oldestArrivalMs] of [...oldestArrivalBySymbol].sort(([a], [b]) => a.localeCompare(b))) {
    const reference = account.tape.reference(symbol);
    let sinceMs = Math.max(reference === undefined ? Number.NEGATIVE_INFINITY : reference.openTimeMs + intervalMs, Math.floor(oldestArrivalMs / intervalMs) * intervalMs);
    for (;;) {
      const fetched = await marketData.fetchCandles(symbol, timeframe, sinceMs, PAGE_BARS);
      if (!fetched.ok) return outcomeFromMarketError(fetched.error, `sync ${symbol}`);
      const closed = fetched.value.filter((bar) => bar.openTimeMs + intervalMs <= nowMs);
      for (const bar of closed) account.tape.append(symbol, bar);
      const last = closed.at(-1);
      if (last === undefined || fetched.value.length < PAGE_BARS) break;
      sinceMs = last.openTimeMs + intervalMs;
    }
  }
  return ok(null);
}
