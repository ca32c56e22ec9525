/** Timers as a port, so tests drive time by hand and the app uses the real ones. */
export interface TimerPort {
  setTimeout(run: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers, unref'd: a pending alert retry never keeps the process alive on its own. */
export const realTimers: TimerPort = {
  setTimeout: (run, delayMs) => {
    const handle = setTimeout(run, delayMs);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
