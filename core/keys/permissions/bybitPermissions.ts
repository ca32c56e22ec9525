import { z } from 'zod';
import type { TriState } from './permissionReport.ts';
import { EMPTY_PERMISSION_LIST_PROBLEM, NO_IP_RESTRICTION_PROBLEM, ipRestrictionFromList, unrecognisedProblem, withdrawFromCodes } from './permissionCodes.ts';
import { interpretWith, missingFieldProblem, type PermissionFindings, type PermissionVerifier } from './permissionVerifier.ts';

/**
 * Bybit "Get API Key Information" (GET /v5/user/query-api, any permission may call it).
 * Fields as documented at https://bybit-exchange.github.io/docs/v5/user/apikey-info :
 * readOnly (0 read-write, 1 read-only), permissions grouped by product (Wallet holds
 * "Withdraw"), ips (["*"] when no IP is bound, see
 * https://bybit-exchange.github.io/docs/v5/user/modify-master-apikey), createdAt, expiredAt.
 * Codes are recognised as "Group.Code"; a group or code not in the documentation is unrecognised.
 */
const KNOWN_CODES = new Set([
  'ContractTrade.Order', 'ContractTrade.Position', 'Spot.SpotTrade',
  'Wallet.AccountTransfer', 'Wallet.SubMemberTransfer', 'Wallet.SubMemberTransferList', 'Wallet.Withdraw',
  'Options.OptionsTrade', 'Derivatives.DerivativesTrade', 'CopyTrading.CopyTrading', 'BlockTrade.BlockTrade',
  'Exchange.ExchangeHistory', 'Earn.Earn', 'NFT.NFTQueryProductList', 'Affiliate.Affiliate',
  'FiatP2P.FiatP2POrder', 'FiatP2P.Advertising', 'FiatBybitPay.FaitPayOrder', 'FiatConvertBroker.FiatConvertBrokerOrder',
]);
const WITHDRAW_CODES = new Set(['Wallet.Withdraw']);

const bybitQueryApiSchema = z.object({
  result: z.looseObject({
    readOnly: z.union([z.literal(0), z.literal(1), z.boolean()]).optional(),
    permissions: z.record(z.string(), z.array(z.string())).optional(),
    ips: z.array(z.string()).optional(),
    createdAt: z.string().optional(),
    expiredAt: z.string().optional(),
  }),
});

function isoToMs(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

function findings({ result }: z.infer<typeof bybitQueryApiSchema>): PermissionFindings {
  const problems: string[] = [];
  const readOnly = result.readOnly === undefined ? undefined : result.readOnly === 1 || result.readOnly === true;
  let canWithdraw: TriState = 'unknown';
  let canTrade: TriState = 'unknown';
  let futuresEnabled: TriState = 'unknown';
  let marginEnabled: TriState = 'unknown';
  if (result.permissions === undefined) {
    problems.push(missingFieldProblem('permissions', 'what this key may do'));
  } else {
    const codes = Object.entries(result.permissions).flatMap(([group, list]) => list.map((code) => `${group}.${code}`));
    const verdict = withdrawFromCodes(codes, KNOWN_CODES, WITHDRAW_CODES);
    canWithdraw = verdict.canWithdraw;
    if (verdict.unrecognised.length > 0) problems.push(unrecognisedProblem(verdict.unrecognised));
    if (verdict.empty) problems.push(EMPTY_PERMISSION_LIST_PROBLEM);
    if (readOnly === undefined) {
      problems.push(missingFieldProblem('readOnly', 'whether this key is read-only'));
    } else if (readOnly) {
      canTrade = false;
      futuresEnabled = false;
      marginEnabled = false;
    } else {
      const spot = codes.includes('Spot.SpotTrade');
      canTrade = spot;
      futuresEnabled = codes.some((code) =>
        ['ContractTrade.Order', 'ContractTrade.Position', 'Derivatives.DerivativesTrade', 'Options.OptionsTrade'].includes(code),
      );
      // Spot margin is an account-wide switch on Bybit, not a key permission.
      marginEnabled = spot ? 'unknown' : false;
      if (spot) problems.push('Bybit does not report per key whether spot margin trading is on; that is an account setting.');
    }
  }
  const ip = result.ips === undefined ? undefined : ipRestrictionFromList(result.ips);
  if (ip?.ipRestricted === false) problems.push(NO_IP_RESTRICTION_PROBLEM);
  const out: PermissionFindings = {
    canWithdraw,
    canTrade,
    marginEnabled,
    futuresEnabled,
    ipRestricted: ip?.ipRestricted ?? 'unknown',
    problems,
    fieldsConsulted: ['result.readOnly', 'result.permissions', 'result.ips', 'result.createdAt', 'result.expiredAt'],
  };
  if (ip?.ipAllowlist) out.ipAllowlist = ip.ipAllowlist;
  const created = isoToMs(result.createdAt);
  if (created !== undefined) out.keyCreatedAtMs = created;
  const expires = isoToMs(result.expiredAt);
  if (expires !== undefined) out.keyExpiresAtMs = expires;
  return out;
}

export const bybitPermissionVerifier: PermissionVerifier = {
  exchange: 'bybit',
  endpoint: 'GET /v5/user/query-api',
  ccxtMethod: 'privateGetV5UserQueryApi',
  docUrl: 'https://bybit-exchange.github.io/docs/v5/user/apikey-info',
  interpret(raw, checkedAtMs) {
    return interpretWith(this, bybitQueryApiSchema, raw, checkedAtMs, findings);
  },
};
