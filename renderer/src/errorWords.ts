import type { ContractErrorPayload } from '#core/contract/index.ts';

/**
 * What a person reads when a request fails. `INVALID_INPUT` means the request did not fit the
 * contract's schema, and its message is the schema's own wording ("Too big: expected number to
 * be <=1"), written for developers: it is never shown. The form that sent the request says
 * instead, in its own words from the catalogue, what to change. Every other code carries a
 * sentence the core wrote for the person (a refusal with its reason, or a plain "unexpected
 * problem" with the details in the log).
 *
 * Forms check what was typed before sending, with catalogue messages, so this is the net under
 * that check, not the check itself.
 */
export function errorWords(error: ContractErrorPayload, invalidInputWords: string): string {
  return error.code === 'INVALID_INPUT' ? invalidInputWords : error.message;
}
