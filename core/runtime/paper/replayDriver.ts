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
  readonly onFinished: () => void;
  readonly onFailed: (error: unknown) => void;
  /** Wall clock, injectable for tests. */
  readonly nowMs?: () => number;
  readonly setTimer?: (callback: () => void, ms: number) => unknown;
}

export interface ReplayDriver {
  stop(): void;
  readonly isRunning: boolean;
}

/**
 * Advances bars at the chosen speed. Quiet bars are stepped inside one journal batch (one
 * commit); a bar that needs async work (fills to sync, a signal to decide) ends the batch so the
 * order rows can be written durably before anything is sent.
 */
export async function processBars(session: PaperSession, count: number): Promise<number> {
  let processed = 0;
  while (processed < count && !session.isFinished) {
    const next = session.journal.batch((): 'settle' | 'hold' | 'done' => {
      while (processed < count && !session.isFinished) {
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

export function driveReplay(session: PaperSession, pacing: ReplayPacing, hooks: ReplayHooks): ReplayDriver {
  const now = hooks.nowMs ?? Date.now;
  const setTimer = hooks.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  let running = true;
  const isRunning = (): boolean => running;
  let lastMs = now();
  let credit = 0;

  const tick = async (): Promise<void> => {
    if (!running) return;
    const current = now();
    credit = Math.min(pacing.maxBarsPerTick, credit + ((current - lastMs) / 1000) * pacing.barsPerSecond);
    lastMs = current;
    let progressed = false;
    while (isRunning() && credit >= 1 && !session.isFinished) {
      credit -= await processBars(session, Math.floor(credit));
      progressed = true;
      // Stopped early because safe mode could be left: the hook decides whether to go on.
      if (session.safeModeCanBeLeft && !hooks.onSafeModeClearable()) {
        running = false;
        hooks.onProgress();
        return;
      }
    }
    if (progressed) hooks.onProgress();
    if (session.isFinished) {
      running = false;
      hooks.onFinished();
      return;
    }
    setTimer(() => void tick().catch(fail), pacing.tickMs);
  };
  const fail = (error: unknown): void => {
    running = false;
    hooks.onFailed(error);
  };
  setTimer(() => void tick().catch(fail), 0);
  return {
    stop() {
      running = false;
    },
    get isRunning() {
      return running;
    },
  };
}
