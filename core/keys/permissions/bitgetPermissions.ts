import { z } from 'zod';
import type { TriState } from './permissionReport.ts';
import {
  EMPTY_PERMISSION_LIST_PROBLEM, NO_IP_RESTRICTION_PROBLEM, hasAny, ipRestrictionFromList, splitList, unrecognisedProblem, withdrawFromCodes,} from './permissionCodes.ts';
import { interpretWith, missingFieldProblem, type PermissionFindings, type PermissionVerifier } from './permissionVerifier.ts';

/**
 * Bitget "Get Account Information" (GET /api/v2/spot/account/info): `authorities` lists the
 * key's permissions, `ips` is its IP whitelist. https://www.bitget.com/api-doc/spot/account/Get-Account-Info
 * Documented codes — read only: coor (futures orders), cpor (futures holdings), stor (spot),
 * smor (margin), ttor (copy trading), wtor (wallet transfer), taxr, chor (sub-accounts), p2pr,
 * pllr; read-write: coow, cpow, stow, smow, ttow, wtow (wallet transfer), wwow (wallet
 * WITHDRAWAL), chow, p2pw (also written "p2p"), pllw, taxw. The doc's own response example
 * still shows the older "trade" and "readonly"; "withdraw" is the older withdrawal code.
 */
const KNOWN_CODES = new Set([
  'coor', 'cpor', 'stor', 'smor', 'ttor', 'wtor', 'taxr', 'chor', 'p2pr', 'pllr',
  'coow', 'cpow', 'stow', 'smow', 'ttow', 'wtow', 'wwow', 'chow', 'p2pw', 'p2p', 'pllw', 'taxw',
  'trade', 'readonly', 'withdraw',
]);
const WITHDRAW_CODES = new Set(['wwow', 'withdraw']);

const bitgetAccountInfoSchema = z.object({
  data: z.looseObject({
    authorities: z.array(z.string()).optional(),
    ips: z.string().optional(),
  }),
});

function findings({ data }: z.infer<typeof bitgetAccountInfoSchema>): PermissionFindings {
  const problems: string[] = [];
  let canWithdraw: TriState = 'unknown';
  let canTrade: TriState = 'unknown';
  let marginEnabled: TriState = 'unknown';
  let futuresEnabled: TriState = 'unknown';
  if (data.authorities === undefined) {
    problems.push(missingFieldProblem('authorities', 'what this key may do'));
  } else {
    const codes = data.authorities;
    const verdict = withdrawFromCodes(codes, KNOWN_CODES, WITHDRAW_CODES);
    canWithdraw = codes.length === 0 ? 'unknown' : verdict.canWithdraw;
    if (verdict.unrecognised.length > 0) problems.push(unrecognisedProblem(verdict.unrecognised));
    if (verdict.empty) problems.push(EMPTY_PERMISSION_LIST_PROBLEM);
    if (codes.length > 0) {
      // The old "trade" code did not say which products, so it leaves margin/futures unknown.
      const legacyTrade = codes.includes('trade');
      canTrade = hasAny(codes, ['stow', 'trade']);
      marginEnabled = hasAny(codes, ['smow']) ? true : legacyTrade ? 'unknown' : false;
      // Copy trading on Bitget places futures orders for the follower.
      futuresEnabled = hasAny(codes, ['coow', 'cpow', 'ttow']) ? true : legacyTrade ? 'unknown' : false;
    }
    if (hasAny(codes, ['wtow'])) problems.push('This key can move funds between your own Bitget accounts (not out of Bitget).');
  }
  const ip = data.ips === undefined ? undefined : ipRestrictionFromList(splitList(data.ips));
  if (ip?.ipRestricted === false) problems.push(NO_IP_RESTRICTION_PROBLEM);
  const out: PermissionFindings = {
    canWithdraw,
    canTrade,
    marginEnabled,
    futuresEnabled,
    ipRestricted: ip?.ipRestricted ?? 'unknown',
    problems,
    fieldsConsulted: ['data.authorities', 'data.ips'],
  };
  if (ip?.ipAllowlist) out.ipAllowlist = ip.ipAllowlist;
  return out;
}

export const bitgetPermissionVerifier: PermissionVerifier = {
  exchange: 'bitget',
  endpoint: 'GET /api/v2/spot/account/info',
  ccxtMethod: 'privateSpotGetV2SpotAccountInfo',
  docUrl: 'https://www.bitget.com/api-doc/spot/account/Get-Account-Info',
  interpret(raw, checkedAtMs) {
    return interpretWith(this, bitgetAccountInfoSchema, raw, checkedAtMs, findings);
  },
};
