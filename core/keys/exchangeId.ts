import { z } from 'zod';
import { EXCHANGE_IDS } from '../model/index.ts';

/** Exchanges whose key permissions Ballast can read from the exchange itself. */
export { EXCHANGE_IDS, EXCHANGE_NAMES, type ExchangeId } from '../model/index.ts';
export const exchangeIdSchema = z.enum(EXCHANGE_IDS);

/** Paper trading needs no key; testnet keys and live keys are kept apart. */
export const KEY_ENVIRONMENTS = ['testnet', 'live'] as const;
export const keyEnvironmentSchema = z.enum(KEY_ENVIRONMENTS);
export type KeyEnvironment = z.infer<typeof keyEnvironmentSchema>;
