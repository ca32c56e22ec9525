import { ContractError } from '../../contract/index.ts';
import type { Secret, SecretCipher } from '../../keys/index.ts';

const MESSAGE = 'Ballast has no way to encrypt keys in this setup, so it will not save any. Set a passphrase to protect your keys.';

/**
 * The cipher of a core composed without one (unit tests, tools): it encrypts nothing and says
 * so, and reports itself weak so live keys are refused before it is even asked.
 */
export const NO_KEY_ENCRYPTION: SecretCipher = Object.freeze({
  backend: 'unknown' as const,
  isStrong: false,
  encrypt: (_plain: Secret): Promise<Uint8Array> => Promise.reject(new ContractError('REFUSED', MESSAGE)),
  decrypt: (_bytes: Uint8Array): Promise<Secret> => Promise.reject(new ContractError('REFUSED', MESSAGE)),
});
