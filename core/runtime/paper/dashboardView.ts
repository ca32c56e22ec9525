import type { DashboardSnapshot, FillView, OpenOrderView, PositionView, TradeMarker } from '../../contract/index.ts';
import type { Fill, Order } from '../../execution/index.ts';
import type { PaperSession } from './paperSession.ts';

const MAX_FILLS_SHOWN = 50;

function feeInQuote(fill: Fill, quote: string): number {
  if (fill.fee === null) return 0;
  return fill.fee.asset === quote ? fill.fee.amount : fill.fee.amount * fill.priceQuote;
}

function protectionOf(session: PaperSession, symbol: string, open: readonly Order[]): Pick<PositionView, 'protection' | 'stopPriceQuote'> {
  const stop = open.find((order) => order.symbol === symbol && order.purpose === 'protective_stop');
  if (stop) return { protection: 'exchange-stop', stopPriceQuote: stop.stopPriceQuote };
  const clientStop = session.orders.clientSideStops().find((candidate) => candidate.symbol === symbol);
  if (clientStop) return { protection: 'client-side-stop', stopPriceQuote: clientStop.stopPriceQuote };
  return { protection: 'none', stopPriceQuote: null };
}

/**
 * An indicator line has no value while it warms up (NaN): the line starts where its values
 * exist, and the chart never waits for it.
 */
function definedPoints(timeMs: readonly number[], values: readonly number[]): { timeMs: number[]; value: number[] } {
  const points = { timeMs: [] as number[], value: [] as number[] };
  values.forEach((value, index) => {
    const atMs = timeMs[index];
    if (Number.isFinite(value) && atMs !== undefined) {
      points.timeMs.push(atMs);
      points.value.push(value);
    }
  });
  return points;
}

/** The trading part of the dashboard (window of candles, markers, tables) from a session. */
export function sessionView(session: PaperSession, maxBars: number): Omit<DashboardSnapshot, 'status' | 'summary' | 'decisions' | 'equity' | 'quoteAsset'> {
  const done = session.barsProcessed;
  const from = Math.max(0, done - maxBars);
  const window = session.candles.slice(from, done);
  const windowStartMs = window[0]?.openTimeMs ?? Number.POSITIVE_INFINITY;
  const timeMs = window.map((c) => c.openTimeMs);
  const quote = session.market.quote;
  const fills = session.fills();
  const open = session.openOrders();
  const lastClose = window.at(-1)?.close ?? session.candles[0]?.close ?? 0;
  const intervalMs = (session.candles[1]?.openTimeMs ?? 0) - (session.candles[0]?.openTimeMs ?? 0);

  const markers: TradeMarker[] = fills
    .filter((fill) => fill.atMs >= windowStartMs)
    .map((fill) => ({
      // A fill happens during a bar; the marker sits on the bar it happened in.
      atMs: intervalMs > 0 ? fill.atMs - ((fill.atMs - windowStartMs) % intervalMs) : fill.atMs,
      side: fill.side,
      priceQuote: fill.priceQuote,
      amountBase: fill.amountBase,
      text: fill.side === 'buy' ? 'Buy' : 'Sell',
    }))
    .sort((a, b) => a.atMs - b.atMs);

  // Fee leftovers too small to sell (below the market's minimum amount or worth less than the
  // dust threshold of the risk limits) are not a position anyone can act on.
  const minAmountBase = session.market.limits.minAmountBase ?? 0;
  const isPosition = (amountBase: number): boolean => amountBase > 0 && amountBase >= minAmountBase && amountBase * lastClose >= session.dustPositionQuote;
  const positions: PositionView[] = session.orders.positions().filter((p) => isPosition(p.amountBase)).map((position) => {
    const valuation = session.orders.valuation(position.symbol, lastClose);
    return {
      symbol: position.symbol,
      amountBase: position.amountBase,
      averageEntryQuote: position.averageEntryPriceQuote ?? lastClose,
      markQuote: lastClose,
      unrealisedPnlQuote: valuation.unrealisedPnlQuote,
      ...protectionOf(session, position.symbol, open),
    };
  });

  const openOrders: OpenOrderView[] = open.map((order) => ({
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    amountBase: order.amountBase,
    filledBase: order.filledBase,
    limitPriceQuote: order.limitPriceQuote,
    stopPriceQuote: order.stopPriceQuote,
    status: order.status,
    purpose: order.purpose,
  }));

  const recentFills: FillView[] = fills.slice(-MAX_FILLS_SHOWN).reverse().map((fill) => ({
    atMs: fill.atMs,
    clientOrderId: fill.clientOrderId,
    symbol: fill.symbol,
    side: fill.side,
    priceQuote: fill.priceQuote,
    amountBase: fill.amountBase,
    feeQuote: feeInQuote(fill, quote),
  }));

  return {
    candles: {
      timeMs,
      open: window.map((c) => c.open),
      high: window.map((c) => c.high),
      low: window.map((c) => c.low),
      close: window.map((c) => c.close),
    },
    overlays: session.strategy.description.overlays.map((overlay, index) => ({
      key: overlay.key,
      label: overlay.label,
      ...definedPoints(timeMs, (session.overlayValues[index] ?? []).slice(from, done)),
    })),
    markers,
    positions,
    openOrders,
    fills: recentFills,
  };
}
