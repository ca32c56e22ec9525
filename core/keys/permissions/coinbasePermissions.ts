import { z } from 'zod';
import type { TriState } from './permissionReport.ts';
import { interpretWith, missingFieldProblem, type PermissionFindings, type PermissionVerifier } from './permissionVerifier.ts';

/**
 * Coinbase Advanced Trade "Get API Key Permissions" (GET /api/v3/brokerage/key_permissions):
 * can_view, can_trade, can_transfer ("deposit/withdrawal permissions"), can_receive,
 * portfolio_uuid, portfolio_type (UNDEFINED, DEFAULT, CONSUMER, INTX).
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/data-api/get-api-key-permissions
 */
const coinbaseKeyPermissionsSchema = z.looseObject({
  can_view: z.boolean().optional(),
  can_trade: z.boolean().optional(),
  can_transfer: z.boolean().optional(),
  can_receive: z.boolean().optional(),
  portfolio_uuid: z.string().nullable().optional(),
  portfolio_type: z.string().optional(),
});
const DOCUMENTED_FIELDS = new Set(Object.keys(coinbaseKeyPermissionsSchema.shape));

function findings(r: z.infer<typeof coinbaseKeyPermissionsSchema>): PermissionFindings {
  const problems: string[] = [];
  let canWithdraw: TriState = r.can_transfer ?? 'unknown';
  if (r.can_transfer === undefined) problems.push(missingFieldProblem('can_transfer', 'whether withdrawals are allowed'));
  const unknownGranted = Object.entries(r).filter(([name, value]) => !DOCUMENTED_FIELDS.has(name) && value === true);
  if (unknownGranted.length > 0 && canWithdraw === false) {
    canWithdraw = 'unknown';
    problems.push(
      `The exchange reports a permission Ballast does not recognise (${unknownGranted.map(([n]) => `"${n}"`).join(', ')}). ` +
        'It could allow moving funds, so Ballast cannot confirm that this key cannot withdraw.',
    );
  }
  const canTrade: TriState = r.can_trade ?? 'unknown';
  // can_trade covers every product the portfolio can trade; only an INTX portfolio is known
  // to be derivatives. Whether a default portfolio can also trade US futures is not reported.
  let futuresEnabled: TriState = 'unknown';
  let marginEnabled: TriState = 'unknown';
  if (canTrade === false) {
    futuresEnabled = false;
    marginEnabled = false;
  } else if (r.portfolio_type === 'INTX') {
    futuresEnabled = true;
    marginEnabled = true;
  } else if (canTrade === true) {
    problems.push('Coinbase does not report per key whether this key can also trade futures or use leverage.');
  }
  problems.push('Coinbase does not report IP restrictions through its API; check the key settings on coinbase.com.');
  return {
    canWithdraw,
    canTrade,
    marginEnabled,
    futuresEnabled,
    ipRestricted: 'unknown',
    problems,
    fieldsConsulted: ['can_transfer', 'can_trade', 'can_view', 'portfolio_type'],
  };
}

export const coinbasePermissionVerifier: PermissionVerifier = {
  exchange: 'coinbase',
  endpoint: 'GET /api/v3/brokerage/key_permissions',
  ccxtMethod: 'v3PrivateGetBrokerageKeyPermissions',
  docUrl: 'https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/data-api/get-api-key-permissions',
  interpret(raw, checkedAtMs) {
    return interpretWith(this, coinbaseKeyPermissionsSchema, raw, checkedAtMs, findings);
  },
};
