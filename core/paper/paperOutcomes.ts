import { REJECTION_CODES, type ExchangeOutcome } from '../execution/index.ts';

export function ok<T>(value: T): ExchangeOutcome<T> {
  return { kind: 'ok', value };
}

export function rejected(reason: string, exchangeCode: string): ExchangeOutcome<never> {
  return { kind: 'rejected', reason, exchangeCode };
}

export function unknownSymbol(symbol: string): ExchangeOutcome<never> {
  return rejected(`The paper exchange has no market ${symbol}.`, REJECTION_CODES.unknownSymbol);
}

/** mulberry32 on (seed, n): one reproducible draw in [0, 1) per order, with no state to persist. */
export function seededDraw(seed: number, n: number): number {
  let state = (seed ^ Math.imul(n, 0x9e3779b1)) >>> 0;
  state = (state + 0x6d2b79f5) >>> 0;
  let mixed = state;
  mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
  mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
  return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
}
