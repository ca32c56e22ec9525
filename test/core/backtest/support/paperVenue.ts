import type { BacktestVenue, VenueInput } from '../../../../core/backtest/index.ts';
import { openJournal, type Journal } from '../../../../core/journal/index.ts';
import { createPaperExchange, DEFAULT_FILL_MODEL } from '../../../../core/paper/index.ts';

/**
 * The paper exchange as the engine's venue: the same fill model, seed and bookkeeping a paper
 * session uses, each bar given to it as it closes (as the paper session does), so the engine's
 * fills can be compared with a paper session's one for one.
 */
export function paperVenue(seed: number): { venue: (input: VenueInput) => BacktestVenue; journal: () => Journal | undefined } {
  let journal: Journal | undefined;
  const venue = (input: VenueInput): BacktestVenue => {
    journal = openJournal(':memory:', { durability: 'simulated' });
    const created = createPaperExchange({
      journal,
      markets: [input.market],
      initialBalances: { [input.market.quote]: input.startingQuote },
      feed: { kind: 'replay', timeframe: '1h', startAtMs: input.bars.timeMs[0] as number },
      fillModel: DEFAULT_FILL_MODEL,
      seed,
    });
    if (!created.ok) throw new Error(created.error.reason);
    const paper = created.value;
    return {
      id: paper.id,
      supportsNativeStops: paper.supportsNativeStops,
      loadMarkets: () => paper.loadMarkets(),
      fetchBalances: () => paper.fetchBalances(),
      createOrder: (request) => paper.createOrder(request),
      cancelOrder: (ref) => paper.cancelOrder(ref),
      fetchOrder: (ref) => paper.fetchOrder(ref),
      fetchOpenOrders: (symbol) => paper.fetchOpenOrders(symbol),
      fetchMyTrades: (symbol, sinceMs) => paper.fetchMyTrades(symbol, sinceMs),
      moveTo: () => undefined,
      // The paper session hands every closed bar to its exchange, orders or not.
      matchBar: (bar) => {
        const matched = paper.onCandle(input.market.symbol, input.bars.candleAt(bar));
        if (matched.kind !== 'ok') throw new Error(`the paper exchange refused bar ${bar}: ${JSON.stringify(matched)}`);
      },
      hasOpenOrders: () => true,
      activity: () => paper.matchingActivity(),
      costs: () => ({ feesQuote: 0, slippageQuote: 0, turnoverQuote: 0 }),
    };
  };
  return { venue, journal: () => journal };
}
