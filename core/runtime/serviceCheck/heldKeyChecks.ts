import { randomUUID } from 'node:crypto';
import type { ServiceKeyCheck } from '../../keys/serviceCheck/index.ts';

/** How many recent key-check answers are kept for "Save report"; older ones are dropped. */
export const HELD_KEY_CHECKS = 20;

/**
 * The exchange's answers about recently checked keys, so a report can include one without the
 * page sending it back (the page can ask; only main decides what a report says). An answer holds
 * no key material (checkServiceKey guarantees it), so keeping it is harmless; the key itself is
 * gone when the check returns.
 */
export class HeldKeyChecks {
  readonly #checks = new Map<string, ServiceKeyCheck>();
  readonly #newId: () => string;

  constructor(newId: () => string = randomUUID) {
    this.#newId = newId;
  }

  hold(check: ServiceKeyCheck): string {
    const checkId = this.#newId();
    this.#checks.set(checkId, check);
    while (this.#checks.size > HELD_KEY_CHECKS) {
      const oldest = this.#checks.keys().next().value;
      if (oldest === undefined) break;
      this.#checks.delete(oldest);
    }
    return checkId;
  }

  get(checkId: string): ServiceKeyCheck | undefined {
    return this.#checks.get(checkId);
  }
}
