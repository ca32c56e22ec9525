import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BotPhase } from '../../core/contract/index.ts';
import { keepAwakeWanted, SleepGuard, type PowerSaveBlockerPort } from '../../electron/main/sleepPrevention.ts';

/** Behaves like Electron's powerSaveBlocker: ids count up, a stopped id is no longer started. */
class FakeBlocker implements PowerSaveBlockerPort {
  readonly started = new Set<number>();
  readonly types: string[] = [];
  #next = 0;
  start(type: 'prevent-app-suspension'): number {
    this.types.push(type);
    this.#next += 1;
    this.started.add(this.#next);
    return this.#next;
  }
  stop(id: number): boolean {
    return this.started.delete(id);
  }
  isStarted(id: number): boolean {
    return this.started.has(id);
  }
}

describe('keepAwakeWanted', () => {
  it('keeps the computer awake while a paper bot trades, is paused or waits for the person, and while live', () => {
    const wanted: Record<BotPhase, boolean> = {
      idle: false, loading: false, running: true, paused: true, waiting: true, finished: false, stopped: false, failed: false,
    };
    for (const [phase, expected] of Object.entries(wanted) as [BotPhase, boolean][]) {
      expect(keepAwakeWanted(phase, 'paper')).toBe(expected);
      expect(keepAwakeWanted(phase, 'live')).toBe(true);
    }
  });
});

describe('SleepGuard', () => {
  it('starts one app-suspension blocker when the bot runs and stops it when the bot stops', () => {
    const blocker = new FakeBlocker();
    const guard = new SleepGuard(blocker);
    expect(guard.apply(true)).toBe(true);
    expect(guard.apply(true)).toBe(false);
    expect(blocker.types).toEqual(['prevent-app-suspension']);
    expect(guard.isKeepingAwake).toBe(true);
    expect(guard.apply(false)).toBe(true);
    expect(blocker.started.size).toBe(0);
    expect(guard.isKeepingAwake).toBe(false);
  });

  it('lets the computer sleep again when the app is disposed', () => {
    const blocker = new FakeBlocker();
    const guard = new SleepGuard(blocker);
    guard.apply(true);
    guard.dispose();
    expect(blocker.started.size).toBe(0);
  });

  it('holds exactly one blocker whenever wanted and none otherwise, whatever the sequence of answers', () => {
    fc.assert(fc.property(fc.array(fc.boolean(), { maxLength: 60 }), (answers) => {
      const blocker = new FakeBlocker();
      const guard = new SleepGuard(blocker);
      for (const wanted of answers) {
        guard.apply(wanted);
        expect(blocker.started.size).toBe(wanted ? 1 : 0);
      }
      // Starts happen only on a change from not wanted to wanted.
      const rises = answers.filter((wanted, index) => wanted && !(answers[index - 1] ?? false)).length;
      expect(blocker.types).toHaveLength(rises);
    }));
  });
});
