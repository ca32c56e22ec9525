/**
 * A bot clock for in-process tests that never really waits: sleeping moves time forward and is
 * recorded, and `advance` moves it as a request's latency would. A sleep still yields to the
 * event loop (one macrotask), so a retry loop that never ends cannot starve the test runner's
 * own timers.
 */
export class SimulatedClock {
  #nowMs: number;
  readonly sleeps: number[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.#nowMs = startMs;
  }

  nowMs = (): number => this.#nowMs;

  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.#nowMs += Math.max(0, ms);
    return new Promise((resolve) => {
      setImmediate(resolve);
    });
  };

  advance(ms: number): void {
    this.#nowMs += ms;
  }
}
