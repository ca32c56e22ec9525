import type { z } from 'zod';
import type { ExchangeId } from '../exchangeId.ts';
import { unreadableReport, type PermissionReport, type TriState } from './permissionReport.ts';

/**
 * How Ballast reads one exchange's key permissions: which ccxt implicit method (so the request
 * is signed by ccxt's own code for that exchange), which documented endpoint it hits, and how
 * the documented response maps onto a PermissionReport.
 */
export interface PermissionVerifier {
  readonly exchange: ExchangeId;
  /** e.g. 'GET /sapi/v1/account/apiRestrictions' */
  readonly endpoint: string;
  /** ccxt implicit API method generated from the exchange's `api` map. */
  readonly ccxtMethod: string;
  /** The exchange's own documentation of the response fields used. */
  readonly docUrl: string;
  interpret(raw: unknown, checkedAtMs: number): PermissionReport;
}

/** What a verifier found, before the common fields are filled in. */
export interface PermissionFindings {
  canWithdraw: TriState;
  canTrade: TriState;
  marginEnabled: TriState;
  futuresEnabled: TriState;
  ipRestricted: TriState;
  ipAllowlist?: string[];
  keyCreatedAtMs?: number;
  keyExpiresAtMs?: number;
  problems: string[];
  fieldsConsulted: string[];
}

export function reportFromFindings(
  verifier: Pick<PermissionVerifier, 'exchange' | 'endpoint'>,
  checkedAtMs: number,
  findings: PermissionFindings,
): PermissionReport {
  // Problems are what the exchange's answer showed; the verdict itself comes from withdrawVerdict.
  const problems = [...findings.problems];
  const report: PermissionReport = {
    exchange: verifier.exchange,
    endpoint: verifier.endpoint,
    checkedAtMs,
    canWithdraw: findings.canWithdraw,
    canTrade: findings.canTrade,
    marginEnabled: findings.marginEnabled,
    futuresEnabled: findings.futuresEnabled,
    ipRestricted: findings.ipRestricted,
    problems,
    fieldsConsulted: [...findings.fieldsConsulted],
  };
  if (findings.ipAllowlist !== undefined) report.ipAllowlist = findings.ipAllowlist;
  if (findings.keyCreatedAtMs !== undefined) report.keyCreatedAtMs = findings.keyCreatedAtMs;
  if (findings.keyExpiresAtMs !== undefined) report.keyExpiresAtMs = findings.keyExpiresAtMs;
  return report;
}

/**
 * Parses an exchange response with its zod schema; a response of the wrong shape becomes an
 * all-unknown report (refuse), described by field paths only, never by the values received.
 */
export function interpretWith<S extends z.ZodType>(
  verifier: Pick<PermissionVerifier, 'exchange' | 'endpoint'>,
  schema: S,
  raw: unknown,
  checkedAtMs: number,
  toFindings: (parsed: z.infer<S>) => PermissionFindings,
): PermissionReport {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.map(String).join('.') || '(response)'}: ${issue.code}`)
      .join('; ');
    return unreadableReport({
      exchange: verifier.exchange,
      endpoint: verifier.endpoint,
      checkedAtMs,
      code: 'UNPARSEABLE',
      problem:
        "The exchange's answer did not have the expected form, so Ballast could not confirm this key's permissions.",
      detail: `Unexpected response shape from ${verifier.endpoint}: ${where}`,
    });
  }
  return reportFromFindings(verifier, checkedAtMs, toFindings(parsed.data));
}

export const missingFieldProblem = (field: string, meaning: string): string =>
  `The exchange did not say ${meaning} (field "${field}" missing).`;

/** Converts a seconds-or-milliseconds timestamp string/number to ms; 0 or junk → undefined. */
export function toEpochMs(value: string | number | undefined, unit: 's' | 'ms'): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return unit === 's' ? n * 1000 : n;
}
