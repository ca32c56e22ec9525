import type { Candle, MarketResult } from '../../market/index.ts';
import type { PaperSession } from './paperSession.ts';

export interface ReplayPacing {
  /** Bars per second of real time. */
  readonly barsPerSecond: number;
  /** How often the driver wakes up; also how often progress is reported. */
  readonly tickMs: number;
  /** Most bars one tick may process, so the app stays responsive at top speed. */
  readonly maxBarsPerTick: number;
}

export interface ReplayHooks {
  /**
   * Safe mode could be left (every cause has cleared). Return true to carry on (the hook left
   * safe mode, or the bot continues reduce-only), false to stop and wait for the person.
   */
  readonly onSafeModeClearable: () => boolean;
  readonly onProgress: () => void;
  /** While true (a paused replay), no bar is stepped and the replay clock stands still. */
  readonly isHeld?: () => boolean;
  readonly onFinished: () => void;
  readonly onFailed: (error: unknown) => void;
  /** Wall clock, injectable for tests. */
  readonly nowMs?: () => number;
  readonly setTimer?: (callback: () => void, ms: number) => unknown;
}

/** Most bars stepped before the driver yields to other work (IPC, timers, the window). */
const BARS_PER_SLICE = 500;

/**
 * Advances bars. Quiet bars are stepped inside one journal batch (one commit); a bar that needs
 * async work (fills to sync, a signal to decide) ends the batch so the order rows can be written
 * durably before anything is sent. `shouldStop` is checked before every bar, so a Kill or Stop
 * takes effect at once and no bar is stepped after it.
 */
export async function processBars(session: PaperSession, count: number, shouldStop: () => boolean = () => false): Promise<number> {
  let processed = 0;
  while (processed < count && !session.isFinished && !shouldStop()) {
    const next = session.journal.batch((): 'settle' | 'hold' | 'done' => {
      while (processed < count && !session.isFinished && !shouldStop()) {
        processed += 1;
        if (session.stepBar().needsAsync) return 'settle';
        if (session.safeModeCanBeLeft) return 'hold';
      }
      return 'done';
    });
    if (next === 'settle') await session.settle();
    if (next === 'hold' || session.safeModeCanBeLeft) break;
  }
  return processed;
}

/**
 * Replays every remaining bar as fast as possible (tests, benchmarks). `onSafeModeClearable`
 * decides at each point where safe mode could be left; returning false stops the run there.
 */
export async function replayToEnd(session: PaperSession, onSafeModeClearable: () => boolean): Promise<void> {
  while (!session.isFinished) {
    await processBars(session, session.totalBars);
    if (session.safeModeCanBeLeft && !onSafeModeClearable()) return;
  }
}

export interface PriceDriver {
  /** Stops stepping; resolves once the bar in progress (if any) is fully settled. */
  stop(): Promise<void>;
  readonly isRunning: boolean;
}

const yieldToOtherWork = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What a driver's step tells the loop: come back in `ms`, or stop (`null`). */
type NextStep = { readonly inMs: number } | null;

/**
 * The loop both drivers share: one async step at a time on a timer, a failure stops it and is
 * reported, `stop()` waits for the step in progress so nothing trades after it.
 */
function scheduledDriver(hooks: ReplayHooks, step: (stopped: () => boolean) => Promise<NextStep>): PriceDriver {
  const setTimer = hooks.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  let running = true;
  const stopped = (): boolean => !running;
  let inFlight: Promise<void> = Promise.resolve();
  const run = async (): Promise<void> => {
    if (!running) return;
    const next = await step(stopped);
    if (next === null) running = false;
    else if (!stopped()) setTimer(schedule, next.inMs);
  };
  function schedule(): void {
    inFlight = run().catch((error: unknown) => {
      running = false;
      hooks.onFailed(error);
    });
  }
  setTimer(schedule, 0);
  return {
    async stop() {
      running = false;
      await inFlight;
    },
    get isRunning() {
      return running;
    },
  };
}

/**
 * Steps up to `count` bars in slices, yielding to other work between them. Returns 'wait' when
 * safe mode could be left and the hook chose to stop there for the person.
 */
async function stepSlices(session: PaperSession, count: number, stopped: () => boolean, hooks: ReplayHooks): Promise<{ processed: number; wait: boolean }> {
  let processed = 0;
  while (!stopped() && processed < count && !session.isFinished) {
    processed += await processBars(session, Math.min(BARS_PER_SLICE, count - processed), stopped);
    // Stopped early because safe mode could be left: the hook decides whether to go on.
    if (!stopped() && session.safeModeCanBeLeft && !hooks.onSafeModeClearable()) return { processed, wait: true };
    await yieldToOtherWork();
  }
  return { processed, wait: false };
}

export function driveReplay(session: PaperSession, pacing: ReplayPacing, hooks: ReplayHooks): PriceDriver {
  const now = hooks.nowMs ?? Date.now;
  let lastMs = now();
  let credit = 0;
  return scheduledDriver(hooks, async (stopped) => {
    const current = now();
    if (hooks.isHeld?.() === true) {
      // Held: time spent paused earns no bars, so Resume does not burst ahead.
      lastMs = current;
      credit = 0;
      return { inMs: pacing.tickMs };
    }
    credit = Math.min(pacing.maxBarsPerTick, credit + ((current - lastMs) / 1000) * pacing.barsPerSecond);
    lastMs = current;
    const { processed, wait } = await stepSlices(session, Math.floor(credit), stopped, hooks);
    credit -= processed;
    if (wait) {
      hooks.onProgress();
      return null;
    }
    if (stopped()) return null;
    if (processed > 0) hooks.onProgress();
    if (session.isFinished) {
      hooks.onFinished();
      return null;
    }
    return { inMs: pacing.tickMs };
  });
}

export interface LiveFeed {
  /** Bars that closed since the last poll (an error when the exchange cannot be reached). */
  fetchNew(): Promise<MarketResult<Candle[]>>;
  readonly wallNowMs: () => number;
  readonly pollMs: number;
}

export interface LiveHooks extends ReplayHooks {
  /** The exchange could not be reached (once per outage) or answers again (`null`). */
  readonly onFeedProblem: (message: string | null) => void;
}

/**
 * Paper trading on live prices: polls the exchange for bars as they close and steps each one
 * through the same pipeline as a replay. It runs until stopped. Every poll also checks that the
 * newest bar is as recent as the clock says, so an exchange that goes quiet trips safe mode.
 */
export function driveLive(session: PaperSession, feed: LiveFeed, hooks: LiveHooks): PriceDriver {
  let failing = false;
  return scheduledDriver(hooks, async (stopped) => {
    const fetched = await feed.fetchNew();
    if (!fetched.ok) {
      if (!failing) hooks.onFeedProblem(fetched.error.message);
      failing = true;
    } else {
      if (failing) hooks.onFeedProblem(null);
      failing = false;
      session.appendBars(fetched.value);
    }
    const { wait } = await stepSlices(session, Number.POSITIVE_INFINITY, stopped, hooks);
    if (wait) {
      hooks.onProgress();
      return null;
    }
    if (stopped()) return null;
    session.checkFeedFreshness(feed.wallNowMs());
    hooks.onProgress();
    return { inMs: feed.pollMs };
  });
}
