import { expect } from 'vitest';
import type { ExchangeOutcome } from '../../../../core/execution/index.ts';

/** The value of an `ok` outcome; anything else fails the test and shows the whole outcome. */
export function okValue<T>(outcome: ExchangeOutcome<T>): T {
  if (outcome.kind !== 'ok') expect.fail(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

/** Asserts a rejection with this exchange code, and that its reason is a sentence for a person. */
export function expectRejected(outcome: ExchangeOutcome<unknown>, exchangeCode: string): void {
  expect(outcome).toMatchObject({ kind: 'rejected', exchangeCode });
  if (outcome.kind === 'rejected') expect(outcome.reason.length).toBeGreaterThan(20);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
