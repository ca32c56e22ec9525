import { z } from 'zod';
import type { TriState } from './permissionReport.ts';
import {
  EMPTY_PERMISSION_LIST_PROBLEM, NO_IP_RESTRICTION_PROBLEM, hasAny, ipRestrictionFromList, splitList, unrecognisedProblem, withdrawFromCodes,} from './permissionCodes.ts';
import { interpretWith, missingFieldProblem, toEpochMs, type PermissionFindings, type PermissionVerifier } from './permissionVerifier.ts';

/**
 * KuCoin "Get Apikey Info" (GET /api/v1/user/api-key): `permission` is a comma list of
 * General, Spot, Margin, Futures, InnerTransfer, Transfer, Earn; `ipWhitelist` (optional);
 * `createdAt` in ms. https://www.kucoin.com/docs-new/rest/account-info/account-funding/get-apikey-info
 * "Transfer" is the withdrawal right: KuCoin's withdraw endpoint "requires the Transfer
 * permission" (https://www.kucoin.com/docs/rest/funding/withdrawals/apply-withdraw-v3-).
 * "InnerTransfer" only moves funds between the person's own KuCoin accounts.
 */
const KNOWN_CODES = new Set(['General', 'Spot', 'Margin', 'Futures', 'InnerTransfer', 'Transfer', 'Earn']);
const WITHDRAW_CODES = new Set(['Transfer']);

const kucoinApiKeySchema = z.object({
  data: z.looseObject({
    permission: z.string().optional(),
    ipWhitelist: z.string().optional(),
    createdAt: z.number().optional(),
  }),
});

function findings({ data }: z.infer<typeof kucoinApiKeySchema>): PermissionFindings {
  const problems: string[] = [];
  let canWithdraw: TriState = 'unknown';
  let canTrade: TriState = 'unknown';
  let marginEnabled: TriState = 'unknown';
  let futuresEnabled: TriState = 'unknown';
  if (data.permission === undefined) {
    problems.push(missingFieldProblem('permission', 'what this key may do'));
  } else {
    const codes = splitList(data.permission);
    const verdict = withdrawFromCodes(codes, KNOWN_CODES, WITHDRAW_CODES);
    canWithdraw = codes.length === 0 ? 'unknown' : verdict.canWithdraw;
    if (verdict.unrecognised.length > 0) problems.push(unrecognisedProblem(verdict.unrecognised));
    if (verdict.empty) problems.push(EMPTY_PERMISSION_LIST_PROBLEM);
    if (codes.length > 0) {
      canTrade = hasAny(codes, ['Spot']);
      marginEnabled = hasAny(codes, ['Margin']);
      futuresEnabled = hasAny(codes, ['Futures']);
    }
    if (hasAny(codes, ['InnerTransfer'])) problems.push('This key can move funds between your own KuCoin accounts (not out of KuCoin).');
  }
  const ip = data.ipWhitelist === undefined ? undefined : ipRestrictionFromList(splitList(data.ipWhitelist));
  if (ip?.ipRestricted === false) problems.push(NO_IP_RESTRICTION_PROBLEM);
  const out: PermissionFindings = {
    canWithdraw,
    canTrade,
    marginEnabled,
    futuresEnabled,
    ipRestricted: ip?.ipRestricted ?? 'unknown',
    problems,
    fieldsConsulted: ['data.permission', 'data.ipWhitelist', 'data.createdAt'],
  };
  if (ip?.ipAllowlist) out.ipAllowlist = ip.ipAllowlist;
  const created = toEpochMs(data.createdAt, 'ms');
  if (created !== undefined) out.keyCreatedAtMs = created;
  return out;
}

export const kucoinPermissionVerifier: PermissionVerifier = {
  exchange: 'kucoin',
  endpoint: 'GET /api/v1/user/api-key',
  ccxtMethod: 'privateGetUserApiKey',
  docUrl: 'https://www.kucoin.com/docs-new/rest/account-info/account-funding/get-apikey-info',
  interpret(raw, checkedAtMs) {
    return interpretWith(this, kucoinApiKeySchema, raw, checkedAtMs, findings);
  },
};
