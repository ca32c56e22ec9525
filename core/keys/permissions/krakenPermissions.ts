import { z } from 'zod';
import type { TriState } from './permissionReport.ts';
import { EMPTY_PERMISSION_LIST_PROBLEM, NO_IP_RESTRICTION_PROBLEM, hasAny, ipRestrictionFromList, unrecognisedProblem, withdrawFromCodes } from './permissionCodes.ts';
import { interpretWith, missingFieldProblem, toEpochMs, type PermissionFindings, type PermissionVerifier } from './permissionVerifier.ts';

/**
 * Kraken "Get API Key Info" (POST /0/private/GetApiKeyInfo, no permission needed). ccxt's kraken
 * `api` map has it as private POST 'GetApiKeyInfo', so ccxt signs it like any private call.
 * Permission codes and fields as documented at
 * https://docs.kraken.com/api-reference/account-data/get-api-key-info
 * (result.permissions: query-funds, add-funds, withdraw-funds, earn-funds, query-open-trades,
 * query-closed-trades, modify-trades, close-trades, query-ledger, export-data, create-ws-token,
 * add-withdraw-address, update-withdraw-address; result.ipAllowlist; result.createdTime and
 * result.validUntil in Unix seconds, "0" when unset).
 */
const KNOWN_CODES = new Set([
  'query-funds', 'add-funds', 'withdraw-funds', 'earn-funds', 'query-open-trades', 'query-closed-trades',
  'modify-trades', 'close-trades', 'query-ledger', 'export-data', 'create-ws-token',
  'add-withdraw-address', 'update-withdraw-address',
]);
const WITHDRAW_CODES = new Set(['withdraw-funds']);

const krakenApiKeyInfoSchema = z.object({
  result: z.looseObject({
    permissions: z.array(z.string()).optional(),
    ipAllowlist: z.array(z.string()).optional(),
    createdTime: z.union([z.string(), z.number()]).optional(),
    validUntil: z.union([z.string(), z.number()]).optional(),
  }),
});

function findings({ result }: z.infer<typeof krakenApiKeyInfoSchema>): PermissionFindings {
  const problems: string[] = [];
  const fieldsConsulted = ['result.permissions', 'result.ipAllowlist', 'result.createdTime', 'result.validUntil'];
  let canWithdraw: TriState = 'unknown';
  let canTrade: TriState = 'unknown';
  let marginEnabled: TriState = 'unknown';
  if (result.permissions === undefined) {
    problems.push(missingFieldProblem('permissions', "what this key may do"));
  } else {
    const verdict = withdrawFromCodes(result.permissions, KNOWN_CODES, WITHDRAW_CODES);
    canWithdraw = verdict.canWithdraw;
    if (verdict.unrecognised.length > 0) problems.push(unrecognisedProblem(verdict.unrecognised));
    if (verdict.empty) problems.push(EMPTY_PERMISSION_LIST_PROBLEM);
    canTrade = hasAny(result.permissions, ['modify-trades']);
    // Kraken has no separate margin permission: a key that may create orders may also create
    // margin orders if the account has margin enabled, which this endpoint does not say.
    marginEnabled = canTrade ? 'unknown' : false;
    if (canTrade) {
      problems.push('Kraken does not report whether this key can trade on margin; that depends on your account settings.');
    }
    if (hasAny(result.permissions, ['add-withdraw-address', 'update-withdraw-address'])) {
      problems.push('This key can add or change withdrawal addresses.');
    }
  }
  const ip = result.ipAllowlist === undefined ? undefined : ipRestrictionFromList(result.ipAllowlist);
  if (ip?.ipRestricted === false) problems.push(NO_IP_RESTRICTION_PROBLEM);
  const out: PermissionFindings = {
    canWithdraw,
    canTrade,
    marginEnabled,
    // Kraken Futures is a separate platform with its own API keys; a spot key cannot reach it.
    futuresEnabled: false,
    ipRestricted: ip?.ipRestricted ?? 'unknown',
    problems,
    fieldsConsulted,
  };
  if (ip?.ipAllowlist) out.ipAllowlist = ip.ipAllowlist;
  const created = toEpochMs(result.createdTime, 's');
  if (created !== undefined) out.keyCreatedAtMs = created;
  const expires = toEpochMs(result.validUntil, 's');
  if (expires !== undefined) out.keyExpiresAtMs = expires;
  return out;
}

export const krakenPermissionVerifier: PermissionVerifier = {
  exchange: 'kraken',
  endpoint: 'POST /0/private/GetApiKeyInfo',
  ccxtMethod: 'privatePostGetApiKeyInfo',
  docUrl: 'https://docs.kraken.com/api-reference/account-data/get-api-key-info',
  interpret(raw, checkedAtMs) {
    return interpretWith(this, krakenApiKeyInfoSchema, raw, checkedAtMs, findings);
  },
};
