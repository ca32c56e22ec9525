import { ContractError, type ContractErrorCode } from '../../contract/index.ts';
import { CipherError, KeysError, type KeysErrorCode } from '../../keys/index.ts';

const CONTRACT_CODE: Readonly<Record<KeysErrorCode, ContractErrorCode>> = {
  WEAK_BACKEND_FOR_LIVE: 'REFUSED',
  BACKEND_CHANGED: 'REFUSED',
  BASIC_TEXT_FOR_LIVE: 'REFUSED',
  KEY_NOT_FOUND: 'NOT_ALLOWED_NOW',
  // The keys layer words these for the person; INVALID_INPUT is kept for requests that do not fit the contract.
  LABEL_TAKEN: 'REFUSED',
  INVALID_INPUT: 'REFUSED',
  STORE_DAMAGED: 'REFUSED',
  DECRYPT_FAILED: 'REFUSED',
  NO_TESTNET: 'REFUSED',
};

/**
 * Runs keys-layer work and turns its refusals into contract errors the screen can show. Only
 * KeysError and CipherError messages pass through: they are written for the person and never
 * carry key material. Anything else stays an internal error with a generic message.
 */
export async function withKeysRefusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KeysError) throw new ContractError(CONTRACT_CODE[error.code], error.message);
    if (error instanceof CipherError) throw new ContractError('REFUSED', error.message);
    throw error;
  }
}
