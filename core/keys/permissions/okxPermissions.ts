import { z } from 'zod';
import type { TriState } from './permissionReport.ts';
import {
  EMPTY_PERMISSION_LIST_PROBLEM, NO_IP_RESTRICTION_PROBLEM, hasAny, ipRestrictionFromList, splitList, unrecognisedProblem, withdrawFromCodes,} from './permissionCodes.ts';
import { interpretWith, missingFieldProblem, type PermissionFindings, type PermissionVerifier } from './permissionVerifier.ts';

/**
 * OKX "Get account configuration" (GET /api/v5/account/config), which describes the calling key:
 * `perm` "read_only,trade,withdraw" (comma list of read_only / trade / withdraw), `ip` (comma
 * list, "" when no IP is bound), and the account mode `acctLv` (1 Spot, 2 Futures, 3
 * Multi-currency margin, 4 Portfolio margin) with `enableSpotBorrow` for Spot mode.
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration
 */
const KNOWN_CODES = new Set(['read_only', 'trade', 'withdraw']);
const WITHDRAW_CODES = new Set(['withdraw']);

const okxConfigSchema = z.object({
  data: z
    .array(
      z.looseObject({
        perm: z.string().optional(),
        ip: z.string().optional(),
        acctLv: z.string().optional(),
        enableSpotBorrow: z.boolean().optional(),
      }),
    )
    .length(1),
});

/** Margin and futures come from the account mode; a key without `trade` can do neither. */
function tradingScope(acctLv: string | undefined, spotBorrow: boolean | undefined, canTrade: TriState) {
  if (canTrade === false) return { marginEnabled: false, futuresEnabled: false } as const;
  switch (acctLv) {
    case '1':
      return { marginEnabled: spotBorrow ?? ('unknown' as const), futuresEnabled: false } as const;
    case '2':
    case '3':
    case '4':
      return { marginEnabled: true, futuresEnabled: true } as const;
    default:
      return { marginEnabled: 'unknown', futuresEnabled: 'unknown' } as const;
  }
}

function findings(response: z.infer<typeof okxConfigSchema>): PermissionFindings {
  const config = response.data[0];
  const problems: string[] = [];
  let canWithdraw: TriState = 'unknown';
  let canTrade: TriState = 'unknown';
  if (config?.perm === undefined) {
    problems.push(missingFieldProblem('perm', 'what this key may do'));
  } else {
    const codes = splitList(config.perm);
    const verdict = withdrawFromCodes(codes, KNOWN_CODES, WITHDRAW_CODES);
    canWithdraw = codes.length === 0 ? 'unknown' : verdict.canWithdraw;
    if (verdict.unrecognised.length > 0) problems.push(unrecognisedProblem(verdict.unrecognised));
    if (verdict.empty) problems.push(EMPTY_PERMISSION_LIST_PROBLEM);
    canTrade = codes.length === 0 ? 'unknown' : hasAny(codes, ['trade']);
  }
  const scope = tradingScope(config?.acctLv, config?.enableSpotBorrow, canTrade);
  const ip = config?.ip === undefined ? undefined : ipRestrictionFromList(splitList(config.ip));
  if (ip?.ipRestricted === false) problems.push(NO_IP_RESTRICTION_PROBLEM);
  const out: PermissionFindings = {
    canWithdraw,
    canTrade,
    marginEnabled: scope.marginEnabled,
    futuresEnabled: scope.futuresEnabled,
    ipRestricted: ip?.ipRestricted ?? 'unknown',
    problems,
    fieldsConsulted: ['data[0].perm', 'data[0].ip', 'data[0].acctLv', 'data[0].enableSpotBorrow'],
  };
  if (ip?.ipAllowlist) out.ipAllowlist = ip.ipAllowlist;
  return out;
}

export const okxPermissionVerifier: PermissionVerifier = {
  exchange: 'okx',
  endpoint: 'GET /api/v5/account/config',
  ccxtMethod: 'privateGetAccountConfig',
  docUrl: 'https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration',
  interpret(raw, checkedAtMs) {
    return interpretWith(this, okxConfigSchema, raw, checkedAtMs, findings);
  },
};
