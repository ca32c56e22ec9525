import type { MonitoringPoint } from '../../contract/index.ts';
import type { LiveShareReading } from '../live/liveBot.ts';

const MAX_POINTS = 10_000;
/** An unchanged reading is kept again only after this long, so a quiet hour still shows on the chart. */
const UNCHANGED_EVERY_MS = 3_600_000;

/**
 * The live bot's share of the real account over time, for the Monitoring screen: value, P&L since
 * the run started, value in the market against the value, and the fall from the risk layer's own
 * high-water mark (the number the drawdown limit is checked against). Buy-and-hold is the share's
 * value at the first reading put into the market at that reading's price and held. Kept in memory
 * for the running app; a new live run starts a new series.
 */
export class LiveSeries {
  #runStartedAtMs: number | null = null;
  #points: MonitoringPoint[] = [];
  #first: { equityQuote: number; markQuote: number } | null = null;
  #last: { equityQuote: number; markQuote: number | null; atMs: number } | null = null;

  record(reading: LiveShareReading, atMs: number): void {
    if (reading.startedAtMs !== this.#runStartedAtMs) {
      this.#runStartedAtMs = reading.startedAtMs;
      this.#points = [];
      this.#first = null;
      this.#last = null;
    }
    const { account, markQuote } = reading;
    const equity = account.equityQuote;
    if (!Number.isFinite(equity) || equity <= 0) return;
    const last = this.#last;
    if (last !== null && last.equityQuote === equity && last.markQuote === markQuote && atMs - last.atMs < UNCHANGED_EVERY_MS) return;
    if (last !== null && atMs <= last.atMs) return;
    if (this.#first === null && markQuote !== null && markQuote > 0) this.#first = { equityQuote: equity, markQuote };
    const first = this.#first;
    const inMarket = account.positions.reduce((sum, position) => sum + Math.max(0, position.amountBase) * (position.markPriceQuote > 0 ? position.markPriceQuote : (markQuote ?? 0)), 0);
    const buyAndHold = first === null || markQuote === null || markQuote <= 0 ? equity : (first.equityQuote / first.markQuote) * markQuote;
    const peak = account.highWaterMarkQuote;
    this.#points.push({
      atMs,
      equityQuote: equity,
      buyAndHoldQuote: buyAndHold,
      pnlQuote: equity - (first?.equityQuote ?? this.#points[0]?.equityQuote ?? equity),
      exposureFraction: Math.min(Math.max(inMarket / equity, 0), 10),
      drawdownFraction: peak > 0 ? Math.max(0, (peak - equity) / peak) : 0,
    });
    if (this.#points.length > MAX_POINTS) this.#points.splice(0, this.#points.length - MAX_POINTS);
    this.#last = { equityQuote: equity, markQuote, atMs };
  }

  points(): MonitoringPoint[] {
    return [...this.#points];
  }
}
