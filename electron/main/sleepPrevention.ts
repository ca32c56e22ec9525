import { botIsUnderWay, type BotPhase, type TradingMode } from '#core/contract/index.ts';

/**
 * Whether the computer should stay awake: while a paper bot trades, is paused or waits for the
 * person's answer (its positions are open), and while live trading is on (the key's permissions are
 * re-read every minute). Loading is short and needs no guard; finished, stopped, failed or idle
 * bots do nothing a sleeping computer would miss.
 */
export function keepAwakeWanted(botPhase: BotPhase, mode: TradingMode): boolean {
  // Practice on an exchange's practice site runs the live bot: it stays awake like live.
  return mode !== 'paper' || (botIsUnderWay(botPhase) && botPhase !== 'loading');
}

/** The part of Electron's `powerSaveBlocker` Ballast uses. */
export interface PowerSaveBlockerPort {
  start(type: 'prevent-app-suspension'): number;
  stop(id: number): boolean;
  isStarted(id: number): boolean;
}

/**
 * Holds at most one 'prevent-app-suspension' blocker (the screen may still turn off), started and
 * stopped as `keepAwakeWanted` changes; repeated answers change nothing.
 */
export class SleepGuard {
  readonly #blocker: PowerSaveBlockerPort;
  #id: number | null = null;

  constructor(blocker: PowerSaveBlockerPort) {
    this.#blocker = blocker;
  }

  get isKeepingAwake(): boolean {
    return this.#id !== null && this.#blocker.isStarted(this.#id);
  }

  /** Returns whether the state changed, so the caller can log it once. */
  apply(wanted: boolean): boolean {
    if (wanted === this.isKeepingAwake) return false;
    if (wanted) {
      this.#id = this.#blocker.start('prevent-app-suspension');
    } else {
      if (this.#id !== null) this.#blocker.stop(this.#id);
      this.#id = null;
    }
    return true;
  }

  dispose(): void {
    this.apply(false);
  }
}
