import type { BotStatus, PerformanceSummary } from '../../contract/index.ts';
import type { PaperSession } from './paperSession.ts';

/** Headline results; every figure after fees and simulated slippage, next to buy-and-hold. */
export function performanceSummary(session: PaperSession, status: BotStatus): PerformanceSummary | null {
  const { tracker } = session;
  if (session.barsProcessed === 0) return null;
  const lastClose = session.candles[session.barsProcessed - 1]?.close ?? 0;
  let realised = 0;
  let unrealised = 0;
  let fees = 0;
  for (const position of session.orders.positions()) {
    realised += position.realisedPnlQuote;
    fees += position.feesPaidQuote;
    if (position.amountBase > 0) unrealised += session.orders.valuation(position.symbol, lastClose).unrealisedPnlQuote;
  }
  const roundTrips = session.orders.orders().filter((order) => order.side === 'sell' && order.filledBase > 0).length;
  const start = tracker.startingQuote;
  const basis = status.isSynthetic
    ? 'Generated prices (synthetic demo): these results say nothing about any real market. After fees and simulated slippage.'
    : 'Replay of past prices with the strategy\'s default settings (in-sample: judged on the same prices it is shown on, so it flatters): not a forecast. After fees and simulated slippage (the price moving against an order while it fills).';
  return {
    startingQuote: start,
    equityQuote: tracker.lastEquityQuote,
    returnPct: ((tracker.lastEquityQuote - start) / start) * 100,
    buyAndHoldReturnPct: ((tracker.buyAndHoldQuote - start) / start) * 100,
    feesPaidQuote: fees,
    realisedPnlQuote: realised,
    unrealisedPnlQuote: unrealised,
    maxDrawdownPct: tracker.maxDrawdownPct,
    timeInMarketPct: tracker.timeInMarketPct,
    averageExposurePct: tracker.averageExposurePct,
    roundTrips,
    basis,
  };
}
