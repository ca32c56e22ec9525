import { randomUUID } from 'node:crypto';
import { ContractError } from '../../contract/index.ts';
import type { ExchangeCredentials, ExchangeId, KeyEnvironment, PermissionReport, PracticeKeyAnswer } from '../../keys/index.ts';

/** A key that was checked with the exchange but not saved: held in main memory only. */
export interface PendingKeyCheck {
  readonly verificationId: string;
  readonly exchange: ExchangeId;
  readonly environment: KeyEnvironment;
  readonly label: string;
  readonly maskedKeyId: string;
  readonly credentials: ExchangeCredentials;
  readonly replacesKeyId?: string;
  readonly expiresAtMs: number;
  report: PermissionReport;
  /** Test-network keys: the practice site's answer to a signed balance read, and its host. */
  practice?: { readonly host: string; readonly answer: PracticeKeyAnswer };
}

export interface PendingKeyChecksOptions {
  readonly nowMs: () => number;
  /** How long a checked key waits for "Save" before it is forgotten. */
  readonly holdMs?: number;
  /** At most this many at once; the oldest is forgotten first. */
  readonly maxHeld?: number;
  readonly newId?: () => string;
}

export const DEFAULT_PENDING_HOLD_MS = 10 * 60_000;
const DEFAULT_MAX_HELD = 4;

const EXPIRED_MESSAGE = 'This check is no longer open (it was saved, cancelled, or more than 10 minutes old). Paste the key again.';

/**
 * Verify-before-save without sending the secret twice: the credentials pasted for a check stay
 * here, in main, under a random one-time id, until the person saves (then they are handed to
 * the keystore and forgotten), cancels, or the hold runs out. The page only ever gets the id.
 */
export class PendingKeyChecks {
  readonly #held = new Map<string, PendingKeyCheck>();
  readonly #nowMs: () => number;
  readonly #holdMs: number;
  readonly #maxHeld: number;
  readonly #newId: () => string;

  constructor(options: PendingKeyChecksOptions) {
    this.#nowMs = options.nowMs;
    this.#holdMs = options.holdMs ?? DEFAULT_PENDING_HOLD_MS;
    this.#maxHeld = options.maxHeld ?? DEFAULT_MAX_HELD;
    this.#newId = options.newId ?? randomUUID;
  }

  hold(check: Omit<PendingKeyCheck, 'verificationId' | 'expiresAtMs'>): PendingKeyCheck {
    this.#forgetExpired();
    while (this.#held.size >= this.#maxHeld) {
      const oldest = this.#held.keys().next();
      if (oldest.done === true) break;
      this.#held.delete(oldest.value);
    }
    const held: PendingKeyCheck = { ...check, verificationId: this.#newId(), expiresAtMs: this.#nowMs() + this.#holdMs };
    this.#held.set(held.verificationId, held);
    return held;
  }

  /** The held check, or a plain refusal when it is gone. */
  get(verificationId: string): PendingKeyCheck {
    this.#forgetExpired();
    const held = this.#held.get(verificationId);
    if (held === undefined) throw new ContractError('NOT_ALLOWED_NOW', EXPIRED_MESSAGE);
    return held;
  }

  forget(verificationId: string): boolean {
    return this.#held.delete(verificationId);
  }

  forgetAll(): void {
    this.#held.clear();
  }

  get size(): number {
    this.#forgetExpired();
    return this.#held.size;
  }

  #forgetExpired(): void {
    const now = this.#nowMs();
    for (const [id, held] of this.#held) {
      if (held.expiresAtMs <= now) this.#held.delete(id);
    }
  }
}
