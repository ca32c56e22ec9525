import { revealsSecret, type Logger } from '../../log/index.ts';
import { EXCHANGE_NAMES, exchangeIdSchema, type ExchangeId } from '../exchangeId.ts';
import { createExchangeClient, type ExchangeCredentials } from '../permissions/exchangeClient.ts';
import type { PermissionReport } from '../permissions/permissionReport.ts';
import { verifyKeyPermissions, type ExchangeApiClient } from '../permissions/verifyKeyPermissions.ts';
import { revealSecret } from '../secret.ts';
import { checkCredentialShape } from './credentialShape.ts';
import { keyFindingsFrom, unconfirmedPermissionFindings, type KeyFinding } from './keyCheckFindings.ts';
import type { ServiceKeyCheck } from './serviceKeyCheck.ts';
import { verdictFromSeverities } from './serviceVerdict.ts';

export interface ServiceKeyCheckOptions {
  /** The addresses the service publishes for its servers; the key's allowlist is compared with them. */
  readonly servicePublishedIps?: readonly string[];
  /** Send the request to this origin instead of the exchange (the fake exchange, the E2E harness). */
  readonly apiBaseUrl?: string;
  readonly timeoutMs?: number;
  readonly nowMs?: () => number;
  /** Receives one line per check: exchange, verdict and finding codes. Never key material. */
  readonly log?: Pick<Logger, 'info'>;
}

function result(
  exchange: ExchangeId | null,
  checkedAtMs: number,
  findings: KeyFinding[],
  extra: Pick<ServiceKeyCheck, 'permissions' | 'source' | 'technicalDetail'> = {},
): ServiceKeyCheck {
  return { exchange, checkedAtMs, verdict: verdictFromSeverities(findings.map((f) => f.severity)), findings, ...extra };
}

function fromReport(report: PermissionReport, findings: KeyFinding[]): ServiceKeyCheck {
  const { canWithdraw, canTrade, futuresEnabled, marginEnabled, ipRestricted, ipAllowlist, keyCreatedAtMs, keyExpiresAtMs } = report;
  const source = { endpoint: report.endpoint, fieldsConsulted: [...report.fieldsConsulted], readerNotes: [...report.problems] };
  if (report.readFailure !== undefined) {
    return result(report.exchange, report.checkedAtMs, findings, { source, technicalDetail: report.readFailure.detail });
  }
  const permissions = {
    canWithdraw, canTrade, futuresEnabled, marginEnabled, ipRestricted,
    ...(ipAllowlist === undefined ? {} : { ipAllowlist: [...ipAllowlist] }),
    ...(keyCreatedAtMs === undefined ? {} : { keyCreatedAtMs }),
    ...(keyExpiresAtMs === undefined ? {} : { keyExpiresAtMs }),
  };
  return result(report.exchange, report.checkedAtMs, findings, { permissions, source });
}

/** The raw strings ccxt signs with; ccxt keeps them on the client, so they are blanked after use. */
function forget(client: ExchangeApiClient): void {
  client.apiKey = '';
  client.secret = '';
  client.password = '';
}

const readFailed = (code: string): KeyFinding => ({ topic: 'read', severity: 'not_confirmed', code, params: {} });

/**
 * Last guard before anything leaves: if any credential still appears in a text of the result,
 * everything that came from outside (exchange text, technical detail, addresses) is dropped and
 * the check confirms nothing. verifyKeyPermissions already scrubs its text; this makes a slip
 * there unable to reach a screen, a log line or an exported report.
 */
function withoutCredentials(check: ServiceKeyCheck, credentials: ExchangeCredentials): ServiceKeyCheck {
  const values = [credentials.apiKey, credentials.secret, credentials.passphrase].flatMap((secret) => (secret === undefined ? [] : [revealSecret(secret)]));
  if (!revealsSecret(check, values)) return check;
  return result(check.exchange, check.checkedAtMs, [readFailed('KEY_READ_FAILED'), ...unconfirmedPermissionFindings()]);
}

/**
 * Checks a key a person is about to give a bot service: asks the exchange itself what the key may
 * do (through the same permission readers the key wizard uses) and says it in codes. The
 * credentials live only in this call: they are not stored, logged or journaled, the ccxt client
 * is dropped (and blanked) when the answer is in, and nothing returned or logged contains them.
 * Never throws: a bad exchange name, a malformed key or any failure comes back as a result whose
 * findings say what could not be confirmed.
 */
export async function checkServiceKey(
  exchangeName: string,
  credentials: ExchangeCredentials,
  options: ServiceKeyCheckOptions = {},
): Promise<ServiceKeyCheck> {
  const nowMs = options.nowMs ?? Date.now;
  const check = await runCheck(exchangeName, credentials, options, nowMs);
  const safe = withoutCredentials(check, credentials);
  options.log?.info(
    { exchange: safe.exchange, verdict: safe.verdict, findings: safe.findings.map((f) => f.code) },
    'service key checked',
  );
  return safe;
}

async function runCheck(
  exchangeName: string,
  credentials: ExchangeCredentials,
  options: ServiceKeyCheckOptions,
  nowMs: () => number,
): Promise<ServiceKeyCheck> {
  const exchange = exchangeIdSchema.safeParse(exchangeName);
  if (!exchange.success) {
    // The name typed is not repeated: someone may have pasted a key into the wrong field.
    const unsupported: KeyFinding = {
      topic: 'key', severity: 'not_confirmed', code: 'KEY_EXCHANGE_NOT_SUPPORTED', params: { supported: Object.values(EXCHANGE_NAMES).join(', ') },
    };
    return result(null, nowMs(), [unsupported, ...unconfirmedPermissionFindings()]);
  }
  const shape = checkCredentialShape(exchange.data, credentials);
  if (!shape.ok) {
    const problems = shape.problems.map((problem): KeyFinding => ({ ...problem, topic: 'key' }));
    return result(exchange.data, nowMs(), [...problems, ...unconfirmedPermissionFindings()]);
  }
  let client: ExchangeApiClient | undefined;
  try {
    client = createExchangeClient(exchange.data, shape.credentials, {
      environment: 'live',
      ...(options.apiBaseUrl === undefined ? {} : { apiBaseUrl: options.apiBaseUrl }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    const report = await verifyKeyPermissions(exchange.data, client, {
      nowMs,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    const findings = keyFindingsFrom(report, {
      nowMs: nowMs(),
      ...(options.servicePublishedIps === undefined ? {} : { servicePublishedIps: options.servicePublishedIps }),
    });
    return fromReport(report, findings);
  } catch (error) {
    // verifyKeyPermissions never throws; building the client can. Its message is not kept: only its kind.
    const kind = error instanceof Error ? error.name : typeof error;
    return result(exchange.data, nowMs(), [readFailed('KEY_READ_FAILED'), ...unconfirmedPermissionFindings()], { technicalDetail: kind });
  } finally {
    if (client !== undefined) forget(client);
  }
}
