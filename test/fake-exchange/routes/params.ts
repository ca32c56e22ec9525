import { randomBytes } from 'node:crypto';
import { parseDecimalParameter, type ExactDecimal } from '../decimals.ts';
import { reject } from '../rejections.ts';
import type { Params } from './route.ts';

/** Request parameters read the way Binance reads them, failing with Binance's -11xx codes. */
export function required(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw reject.mandatoryParameter(name);
  return value;
}

export function optionalInteger(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw reject.illegalCharacters(name);
  return Number(value);
}

export function optionalDecimal(params: Params, name: string): ExactDecimal | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  return parseDecimalParameter(name, value);
}

/** A bounded `limit`: Binance's default when absent, clamped to its maximum. */
export function limitParam(params: Params, fallback: number, maximum: number): number {
  const limit = optionalInteger(params, 'limit') ?? fallback;
  if (limit < 1) throw reject.invalidParameter('limit');
  return Math.min(limit, maximum);
}

const CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;

export function clientOrderIdParam(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (!CLIENT_ORDER_ID.test(value)) throw reject.illegalCharacters(name);
  return value;
}

/** Binance generates a 22-character id when the client sends none. */
export function generatedClientOrderId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}
