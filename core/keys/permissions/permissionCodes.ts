import type { TriState } from './permissionReport.ts';

/**
 * Fail-closed reading of list-style permissions (Kraken, OKX, KuCoin, Bitget, Bybit groups).
 *
 * These exchanges list what a key CAN do. Ballast treats "withdraw is not in the list" as an
 * explicit "cannot withdraw" only when every other entry is a code Ballast recognises from the
 * exchange's documentation. A code Ballast does not know could be a new name for a withdrawal
 * or transfer right, so it makes the answer 'unknown' (refuse) instead of being ignored. A
 * withdraw code, when present, always wins: the answer is then `true` whatever else is listed.
 */
export function withdrawFromCodes(
  codes: readonly string[],
  knownCodes: ReadonlySet<string>,
  withdrawCodes: ReadonlySet<string>,
): { canWithdraw: TriState; unrecognised: string[]; empty: boolean } {
  const unrecognised = codes.filter((code) => !knownCodes.has(code));
  if (codes.some((code) => withdrawCodes.has(code))) {
    return { canWithdraw: true, unrecognised, empty: false };
  }
  // An empty list proves nothing: some exchanges answer that way for a key they could not fully describe.
  if (codes.length === 0) return { canWithdraw: 'unknown', unrecognised, empty: true };
  return { canWithdraw: unrecognised.length > 0 ? 'unknown' : false, unrecognised, empty: false };
}

export const EMPTY_PERMISSION_LIST_PROBLEM =
  'The exchange listed no permissions at all for this key, so Ballast cannot confirm that it cannot withdraw. Check the key on the exchange.';

export function unrecognisedProblem(codes: readonly string[]): string {
  const quoted = codes.map((code) => `"${code}"`).join(', ');
  return (
    `The exchange lists a permission Ballast does not recognise (${quoted}). ` +
    'It could allow moving funds, so Ballast cannot confirm that this key cannot withdraw.'
  );
}

/** `true` if any listed code is present, `false` if the (complete) list has none of them. */
export function hasAny(codes: readonly string[], wanted: readonly string[]): boolean {
  return codes.some((code) => wanted.includes(code));
}

/** Splits "1.2.3.4, 5.6.7.8" into entries, dropping blanks. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** An IP allowlist as reported: empty (or only the wildcard "*") means not restricted. */
export function ipRestrictionFromList(list: readonly string[]): { ipRestricted: boolean; ipAllowlist?: string[] } {
  const entries = list.filter((entry) => entry !== '*' && entry.trim().length > 0);
  return entries.length > 0 ? { ipRestricted: true, ipAllowlist: entries } : { ipRestricted: false };
}

export const NO_IP_RESTRICTION_PROBLEM =
  'This key works from any internet address. Restricting it to your own IP address on the exchange makes a stolen key much less useful.';
