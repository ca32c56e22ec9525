import type { VirtualFundsRecord } from '../../keys/index.ts';

interface Running {
  readonly keyId: string;
  readonly startedAtMs: number;
  readonly record: VirtualFundsRecord;
}

/**
 * Whether practice on an exchange's practice site is on, with which key and on which host. No
 * permission watch runs: the practice sites do not serve the permission check, and the funds
 * are pretend. Live mode and practice exclude each other; both handlers check this and the
 * live session after every await.
 */
export class PracticeSession {
  #running: Running | undefined;
  /** Moves on every start and stop: a start decided before a Stop must not go on after it. */
  #generation = 0;

  isOn(): boolean {
    return this.#running !== undefined;
  }

  generation(): number {
    return this.#generation;
  }

  keyId(): string | undefined {
    return this.#running?.keyId;
  }

  running(): Readonly<Running> | undefined {
    return this.#running;
  }

  /** Called only after the practice checklist allowed it; the record must be for this very key. */
  start(keyId: string, record: VirtualFundsRecord, nowMs: number): void {
    if (record.keyId !== keyId) throw new Error('The virtual-funds record is for another key.');
    this.#generation++;
    this.#running = { keyId, startedAtMs: nowMs, record };
  }

  stop(): void {
    this.#generation++;
    this.#running = undefined;
  }
}
