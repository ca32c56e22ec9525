/**
 * The market's own time: which candle is "now". It stands still until a test moves it (or, for a
 * person poking at the CLI, runs at a chosen speed). It only moves forward, because fills that
 * already happened cannot be undone.
 */
export type MarketTimeInput = number | string | Date;

export class MarketClock {
  #anchorMarketMs: number;
  #anchorWallMs: number;
  #speed = 0;
  readonly #wallNowMs: () => number;
  readonly #listeners: Array<(nowMs: number) => void> = [];

  constructor(startAt: MarketTimeInput, wallNowMs: () => number = Date.now) {
    this.#wallNowMs = wallNowMs;
    this.#anchorMarketMs = toMs(startAt);
    this.#anchorWallMs = wallNowMs();
  }

  nowMs(): number {
    return Math.floor(this.#anchorMarketMs + (this.#wallNowMs() - this.#anchorWallMs) * this.#speed);
  }

  /** Jumps to a later market time; every candle in between is replayed against resting orders. */
  set(at: MarketTimeInput): void {
    const targetMs = toMs(at);
    const nowMs = this.nowMs();
    if (targetMs < nowMs) {
      throw new Error(`The market clock only moves forward: ${new Date(targetMs).toISOString()} is before ${new Date(nowMs).toISOString()}`);
    }
    this.#anchorMarketMs = targetMs;
    this.#anchorWallMs = this.#wallNowMs();
    for (const listener of this.#listeners) listener(targetMs);
  }

  advance(durationMs: number): void {
    if (!(durationMs >= 0)) throw new Error(`The market clock only moves forward (asked to advance by ${durationMs} ms)`);
    this.set(this.nowMs() + durationMs);
  }

  /** Lets market time flow `speed` times faster than the wall clock (0 stops it). */
  run(speed: number): void {
    if (!(speed >= 0)) throw new Error(`Clock speed must be 0 or more, got ${speed}`);
    this.#anchorMarketMs = this.nowMs();
    this.#anchorWallMs = this.#wallNowMs();
    this.#speed = speed;
  }

  pause(): void {
    this.run(0);
  }

  onChange(listener: (nowMs: number) => void): void {
    this.#listeners.push(listener);
  }
}

function toMs(at: MarketTimeInput): number {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new Error(`Not a valid market time: ${String(at)}`);
  return ms;
}
