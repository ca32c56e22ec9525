import { AuthenticationError, PermissionDenied, type Exchange } from 'ccxt';

/** Whether the practice site accepts the key: one signed balance read there. */
export type PracticeKeyAnswer =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'unknown'; readonly detail: string };

/**
 * Asks the practice site for the key's (pretend) balances with a signed request. A key made on
 * the real exchange is refused there, so this also catches a real key pasted as a test one.
 * The error's class name is kept, never its message (ccxt messages can echo request details).
 */
export async function checkPracticeKey(client: Exchange): Promise<PracticeKeyAnswer> {
  try {
    await client.fetchBalance();
    return { kind: 'accepted' };
  } catch (error) {
    if (error instanceof AuthenticationError || error instanceof PermissionDenied) return { kind: 'refused' };
    return { kind: 'unknown', detail: error instanceof Error ? error.constructor.name : 'unknown error' };
  }
}
