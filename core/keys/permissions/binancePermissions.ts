import { z } from 'zod';
import type { TriState } from './permissionReport.ts';
import { NO_IP_RESTRICTION_PROBLEM } from './permissionCodes.ts';
import { interpretWith, missingFieldProblem, toEpochMs, type PermissionFindings, type PermissionVerifier } from './permissionVerifier.ts';

/**
 * Binance "Get API Key Permission (USER_DATA)": an object of booleans about the calling key.
 * Fields as documented at https://developers.binance.com/docs/wallet/account/api-key-permission
 * (enableWithdrawals, enableSpotAndMarginTrading, enableMargin, enableFutures,
 * enableVanillaOptions, enablePortfolioMarginTrading, ipRestrict, createTime, ...).
 */
const flag = z.boolean().optional();
const binanceApiRestrictionsSchema = z.looseObject({
  ipRestrict: flag,
  createTime: z.number().optional(),
  enableReading: flag,
  enableWithdrawals: flag,
  enableInternalTransfer: flag,
  enableMargin: flag,
  enableFutures: flag,
  permitsUniversalTransfer: flag,
  enableVanillaOptions: flag,
  enableFixApiTrade: flag,
  enableFixReadOnly: flag,
  enableSpotAndMarginTrading: flag,
  enablePortfolioMarginTrading: flag,
  tradingAuthorityExpirationTime: z.number().optional(),
});

const DOCUMENTED_FIELDS = new Set(Object.keys(binanceApiRestrictionsSchema.shape));

function fromFlag(value: boolean | undefined): TriState {
  return value ?? 'unknown';
}

function findings(r: z.infer<typeof binanceApiRestrictionsSchema>): PermissionFindings {
  const problems: string[] = [];
  let canWithdraw = fromFlag(r.enableWithdrawals);
  if (r.enableWithdrawals === undefined) problems.push(missingFieldProblem('enableWithdrawals', 'whether withdrawals are allowed'));

  // An undocumented permission switched on could move money; one switched off grants nothing.
  const unknownGranted = Object.entries(r).filter(([name, value]) => !DOCUMENTED_FIELDS.has(name) && value === true);
  if (unknownGranted.length > 0 && canWithdraw === false) {
    canWithdraw = 'unknown';
    problems.push(
      `The exchange reports a permission Ballast does not recognise (${unknownGranted.map(([n]) => `"${n}"`).join(', ')}). ` +
        'It could allow moving funds, so Ballast cannot confirm that this key cannot withdraw.',
    );
  }

  const derivatives = [r.enableFutures, r.enableVanillaOptions, r.enablePortfolioMarginTrading];
  const futuresEnabled: TriState = derivatives.some((v) => v === true)
    ? true
    : derivatives.every((v) => v === false)
      ? false
      : 'unknown';

  if (r.enableInternalTransfer === true || r.permitsUniversalTransfer === true) {
    problems.push('This key can move funds between your own Binance accounts (not out of Binance).');
  }
  if (r.ipRestrict === false) problems.push(NO_IP_RESTRICTION_PROBLEM);
  const tradingUntil = toEpochMs(r.tradingAuthorityExpirationTime, 'ms');
  if (tradingUntil !== undefined) {
    problems.push(`Binance will switch off trading for this key on ${new Date(tradingUntil).toISOString().slice(0, 10)}.`);
  }

  const result: PermissionFindings = {
    canWithdraw,
    canTrade: fromFlag(r.enableSpotAndMarginTrading),
    marginEnabled: fromFlag(r.enableMargin),
    futuresEnabled,
    ipRestricted: fromFlag(r.ipRestrict),
    problems,
    fieldsConsulted: [
      'enableWithdrawals', 'enableSpotAndMarginTrading', 'enableMargin', 'enableFutures',
      'enableVanillaOptions', 'enablePortfolioMarginTrading', 'ipRestrict', 'createTime',
    ],
  };
  const createdAtMs = toEpochMs(r.createTime, 'ms');
  if (createdAtMs !== undefined) result.keyCreatedAtMs = createdAtMs;
  // From that date the key may no longer trade: for a trading bot, that is when the key stops working.
  if (tradingUntil !== undefined) {
    result.keyExpiresAtMs = tradingUntil;
    result.fieldsConsulted.push('tradingAuthorityExpirationTime');
  }
  return result;
}

export const binancePermissionVerifier: PermissionVerifier = {
  exchange: 'binance',
  endpoint: 'GET /sapi/v1/account/apiRestrictions',
  ccxtMethod: 'sapiGetAccountApiRestrictions',
  docUrl: 'https://developers.binance.com/docs/wallet/account/api-key-permission',
  interpret(raw, checkedAtMs) {
    return interpretWith(this, binanceApiRestrictionsSchema, raw, checkedAtMs, findings);
  },
};
