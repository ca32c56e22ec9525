import type { ReviewOrder, ReviewRejection } from '../../alerts/index.ts';
import type { DashboardSnapshot, MonitoringPoint, MonitoringSample } from '../../contract/index.ts';

/** The close of the last bar that opened before `atMs`: what the strategy saw when it decided. */
function closeBefore(snapshot: DashboardSnapshot, atMs: number): number | null {
  const { timeMs, close } = snapshot.candles;
  let low = 0;
  let high = timeMs.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((timeMs[middle] ?? Infinity) < atMs) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  const value = found < 0 ? undefined : close[found];
  return value === undefined || !Number.isFinite(value) || value <= 0 ? null : value;
}

/**
 * The paper bot's fills as the weekly review reads orders. The decision price is the close of the
 * bar the strategy decided on; paper has no order book, so the arrival is that same price (no
 * delay, no known spread) and every difference counts as execution: the simulated slippage.
 */
export function paperReviewOrders(snapshot: DashboardSnapshot, strategy: string): ReviewOrder[] {
  const orders: ReviewOrder[] = [];
  for (const fill of snapshot.fills) {
    const decision = closeBefore(snapshot, fill.atMs);
    if (decision === null) continue;
    orders.push({
      clientOrderId: fill.clientOrderId,
      strategy,
      mode: 'paper',
      symbol: fill.symbol,
      side: fill.side,
      decisionPriceQuote: decision,
      arrival: { midQuote: decision, bidQuote: null, askQuote: null },
      fills: [{ priceQuote: fill.priceQuote, amountBase: fill.amountBase, feeQuote: fill.feeQuote }],
      sentAtMs: fill.atMs,
    });
  }
  return orders;
}

/** Orders the risk layer refused, grouped by its first reason code. */
export function paperRejections(snapshot: DashboardSnapshot): ReviewRejection[] {
  return snapshot.decisions
    .filter((decision) => decision.outcome === 'rejected')
    .map((decision) => ({ atMs: decision.atMs, symbol: snapshot.status.config?.symbol ?? '', reasonCode: decision.reasonCodes[0] ?? 'UNKNOWN', exchangeMessage: decision.text }));
}

/**
 * Account value, buy-and-hold, P&L, exposure and drawdown per bar. Exposure is rebuilt from the
 * fills: the amount held after each fill, valued at each bar's close, over that bar's equity.
 */
export function monitoringPoints(snapshot: DashboardSnapshot): MonitoringPoint[] {
  const starting = snapshot.summary?.startingQuote ?? snapshot.equity[0]?.equityQuote ?? 0;
  const fills = [...snapshot.fills].sort((a, b) => a.atMs - b.atMs);
  let fillIndex = 0;
  let heldBase = 0;
  let peak = 0;
  const points: MonitoringPoint[] = [];
  for (const point of snapshot.equity) {
    while (fillIndex < fills.length && (fills[fillIndex]?.atMs ?? Infinity) <= point.atMs) {
      const fill = fills[fillIndex];
      if (fill !== undefined) heldBase += fill.side === 'buy' ? fill.amountBase : -fill.amountBase;
      fillIndex += 1;
    }
    peak = Math.max(peak, point.equityQuote);
    const mark = closeBefore(snapshot, point.atMs + 1) ?? 0;
    const exposure = point.equityQuote > 0 ? Math.max(0, heldBase * mark) / point.equityQuote : 0;
    points.push({
      atMs: point.atMs,
      equityQuote: point.equityQuote,
      buyAndHoldQuote: point.buyAndHoldQuote,
      pnlQuote: point.equityQuote - starting,
      exposureFraction: Number.isFinite(exposure) ? exposure : 0,
      drawdownFraction: peak > 0 ? Math.max(0, (peak - point.equityQuote) / peak) : 0,
    });
  }
  return points;
}

const SAMPLE_BUCKETS = 40;

/**
 * Error rate (orders refused by the risk layer or the exchange, over orders wanted) and the
 * average slippage of fills against the decision price, in buckets over the run.
 */
export function monitoringSamples(snapshot: DashboardSnapshot): MonitoringSample[] {
  const wanted = snapshot.decisions.filter((decision) => decision.outcome === 'approved' || decision.outcome === 'shrunk' || decision.outcome === 'rejected');
  const orders = paperReviewOrders(snapshot, '');
  const times = [...wanted.map((decision) => decision.atMs), ...orders.map((order) => order.sentAtMs)];
  if (times.length === 0) return [];
  const fromMs = Math.min(...times);
  const toMs = Math.max(...times) + 1;
  const widthMs = Math.max(1, Math.ceil((toMs - fromMs) / SAMPLE_BUCKETS));
  const buckets = new Map<number, { wanted: number; refused: number; slippageBps: number[] }>();
  const bucketOf = (atMs: number) => {
    const key = fromMs + Math.floor((atMs - fromMs) / widthMs) * widthMs;
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { wanted: 0, refused: 0, slippageBps: [] };
      buckets.set(key, bucket);
    }
    return bucket;
  };
  for (const decision of wanted) {
    const bucket = bucketOf(decision.atMs);
    bucket.wanted += 1;
    if (decision.outcome === 'rejected') bucket.refused += 1;
  }
  for (const order of orders) {
    const fill = order.fills[0];
    if (fill === undefined) continue;
    const sign = order.side === 'buy' ? 1 : -1;
    bucketOf(order.sentAtMs).slippageBps.push(((sign * (fill.priceQuote - order.decisionPriceQuote)) / order.decisionPriceQuote) * 10_000);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([atMs, bucket]) => ({
      atMs,
      errorRate: bucket.wanted === 0 ? 0 : bucket.refused / bucket.wanted,
      slippageBps: bucket.slippageBps.length === 0 ? null : bucket.slippageBps.reduce((sum, value) => sum + value, 0) / bucket.slippageBps.length,
    }));
}
