import type { ContractErrorPayload } from '../contract/index.ts';
import { TradingStateRefusal, type TradingStateRefusalCode } from '../risk/index.ts';

const CONTRACT_CODE: Readonly<Record<TradingStateRefusalCode, ContractErrorPayload['code']>> = {
  NOT_ALLOWED_IN_STATE: 'NOT_ALLOWED_NOW',
  CHECKS_STILL_TRIPPED: 'NOT_ALLOWED_NOW',
  CONFIRMATION_MISMATCH: 'CONFIRMATION_MISMATCH',
};

/** The layers' own expected refusals as the contract's codes; anything else stays unexpected. */
export function contractRefusalOf(error: unknown): ContractErrorPayload | null {
  if (error instanceof TradingStateRefusal) return { code: CONTRACT_CODE[error.code], message: error.message };
  return null;
}
