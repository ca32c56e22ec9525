import { z } from 'zod';
import { exchangeIdSchema, type ExchangeId } from '../exchangeId.ts';

/** `false` only when the exchange said so explicitly; anything less certain is 'unknown'. */
export const triStateSchema = z.union([z.boolean(), z.literal('unknown')]);
export type TriState = z.infer<typeof triStateSchema>;

export const permissionReadFailureCodeSchema = z.enum([
  'TIMEOUT',
  'NETWORK',
  'AUTHENTICATION',
  'EXCHANGE_ERROR',
  'UNPARSEABLE',
  'UNSUPPORTED',
  /** The key or secret could not even be used to sign a request (e.g. a Kraken secret that is not base64): nothing was sent. */
  'MALFORMED_CREDENTIALS',
]);
export type PermissionReadFailureCode = z.infer<typeof permissionReadFailureCodeSchema>;

export const permissionReportSchema = z.object({
  exchange: exchangeIdSchema,
  /** What was asked, e.g. 'GET /sapi/v1/account/apiRestrictions'. */
  endpoint: z.string(),
  checkedAtMs: z.number(),
  canWithdraw: triStateSchema,
  canTrade: triStateSchema,
  marginEnabled: triStateSchema,
  futuresEnabled: triStateSchema,
  ipRestricted: triStateSchema,
  ipAllowlist: z.array(z.string()).optional(),
  keyCreatedAtMs: z.number().optional(),
  keyExpiresAtMs: z.number().optional(),
  /** Plain-language findings for the person, e.g. "This key can withdraw funds." */
  problems: z.array(z.string()),
  /** Names of the response fields the verdict rests on (names only, never values). */
  fieldsConsulted: z.array(z.string()),
  /** Present when the exchange could not be asked or did not answer usefully. */
  readFailure: z.object({ code: permissionReadFailureCodeSchema, detail: z.string() }).optional(),
});
export type PermissionReport = z.infer<typeof permissionReportSchema>;

/** A report for when the permissions could not be read at all: everything unknown. */
export function unreadableReport(args: {
  exchange: ExchangeId;
  endpoint: string;
  checkedAtMs: number;
  code: PermissionReadFailureCode;
  problem: string;
  detail: string;
}): PermissionReport {
  return {
    exchange: args.exchange,
    endpoint: args.endpoint,
    checkedAtMs: args.checkedAtMs,
    canWithdraw: 'unknown',
    canTrade: 'unknown',
    marginEnabled: 'unknown',
    futuresEnabled: 'unknown',
    ipRestricted: 'unknown',
    problems: [args.problem],
    fieldsConsulted: [],
    readFailure: { code: args.code, detail: args.detail },
  };
}

export interface WithdrawVerdict {
  readonly accepted: boolean;
  readonly reason: string;
  readonly fix: string;
}

/** Ballast uses a key only when the exchange itself reports withdrawals switched off. */
export function withdrawVerdict(report: PermissionReport): WithdrawVerdict {
  if (report.canWithdraw === false) {
    return { accepted: true, reason: 'The exchange reports that this key cannot withdraw funds.', fix: '' };
  }
  if (report.canWithdraw === true) {
    return {
      accepted: false,
      reason: 'This key can withdraw funds. Ballast will not use it.',
      fix: 'Turn off withdrawals for this key on the exchange, then verify again.',
    };
  }
  return {
    accepted: false,
    reason:
      'Ballast could not confirm with the exchange that this key cannot withdraw funds, so it will not use it.' +
      (report.problems.length > 0 ? ` ${report.problems.join(' ')}` : ''),
    fix: 'Check the key on the exchange (withdrawals off), check your internet connection, then verify again.',
  };
}
