import { join } from 'node:path';
import { ContractError, type CommandHandlers, type ServiceCheckExport } from '../../contract/index.ts';
import { makeSecret, type ExchangeId } from '../../keys/index.ts';
import {
  CHECKLIST_QUESTIONS, buildServiceCheckReport, checkServiceKey, scanClaims, serviceCheckReportToHtml, serviceCheckReportToJson,
  verdictFor, verdictFromSeverities, type ServiceCheckReport,
} from '../../keys/serviceCheck/index.ts';
import type { Logger } from '../../log/index.ts';
import { HeldKeyChecks } from './heldKeyChecks.ts';
import { reportView, ServiceCheckReports } from './serviceCheckReports.ts';

type ServiceCheckCommand =
  | 'checkServiceKey' | 'scanServiceClaims' | 'getServiceChecklist' | 'judgeServiceChecklist'
  | 'saveServiceCheckReport' | 'listServiceCheckReports' | 'exportServiceCheckReport';

export interface ServiceCheckDeps {
  /** Ballast's data folder; reports go to its `service-checks` folder. */
  readonly dataDir: string;
  readonly nowMs: () => number;
  readonly log: Logger;
  /** Tests only: send an exchange's requests to a local server (the fake exchange). */
  readonly exchangeApiBaseUrls?: Partial<Record<ExchangeId, string>> | undefined;
  readonly timeoutMs?: number | undefined;
  /** IANA zone for the dates of exported reports; default the computer's own. */
  readonly timeZone?: string;
}

const slug = (name: string): string => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);

function localDate(atMs: number, timeZone: string | undefined): string {
  // en-CA formats a date as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone === undefined ? {} : { timeZone }) }).format(atMs);
}

function exportOf(report: ServiceCheckReport, format: 'html' | 'json', timeZone: string | undefined): ServiceCheckExport {
  const name = report.serviceName === undefined ? '' : slug(report.serviceName);
  const base = `ballast-service-check-${localDate(report.createdAtMs, timeZone)}${name === '' ? '' : `-${name}`}`;
  return format === 'html'
    ? { fileName: `${base}.html`, mimeType: 'text/html', content: serviceCheckReportToHtml(report, timeZone === undefined ? {} : { timeZone }) }
    : { fileName: `${base}.json`, mimeType: 'application/json', content: serviceCheckReportToJson(report) };
}

/**
 * Handlers of the "Check a bot service" screen. The pasted key becomes `Secret`s on the first
 * line and lives only inside `checkServiceKey`: it is never stored, journaled, logged (the one
 * log line names the exchange, the verdict and finding codes) or returned. What comes back is
 * the exchange's answer, held under an id so a report can include it.
 */
export function serviceCheckHandlers(deps: ServiceCheckDeps): Pick<CommandHandlers, ServiceCheckCommand> {
  const held = new HeldKeyChecks();
  const reports = new ServiceCheckReports(join(deps.dataDir, 'service-checks'));
  const timeZone = deps.timeZone;
  return {
    async checkServiceKey({ exchange, apiKey, secret, passphrase, servicePublishedIps }) {
      const credentials = {
        apiKey: makeSecret(apiKey),
        secret: makeSecret(secret),
        ...(passphrase === undefined || passphrase === '' ? {} : { passphrase: makeSecret(passphrase) }),
      };
      const apiBaseUrl = deps.exchangeApiBaseUrls?.[exchange];
      const check = await checkServiceKey(exchange, credentials, {
        nowMs: deps.nowMs,
        log: deps.log,
        ...(servicePublishedIps === undefined ? {} : { servicePublishedIps }),
        ...(apiBaseUrl === undefined ? {} : { apiBaseUrl }),
        ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
      });
      return { checkId: held.hold(check), ...check };
    },

    scanServiceClaims({ text }) {
      const scan = scanClaims(text);
      // Every claim the rules find is a red flag; none found is "no red flags found", not "honest".
      return { ...scan, verdict: verdictFromSeverities(scan.matches.map(() => 'red_flag' as const)) };
    },

    getServiceChecklist: () => ({
      questions: CHECKLIST_QUESTIONS.map((question) => ({
        id: question.id,
        questionCode: question.questionCode,
        explanationCode: question.explanationCode,
        options: question.options.map(({ id, labelCode, severity }) => ({ id, labelCode, severity })),
      })),
    }),

    judgeServiceChecklist({ answers }) {
      const verdict = verdictFor(answers);
      return { level: verdict.level, reasons: verdict.reasons.map((r) => ({ ...r, params: { ...r.params } })), notChecked: [...verdict.notChecked] };
    },

    saveServiceCheckReport({ serviceName, answers, keyCheckId, claimText }) {
      const keyCheck = keyCheckId === undefined ? undefined : held.get(keyCheckId);
      if (keyCheckId !== undefined && keyCheck === undefined) {
        throw new ContractError('REFUSED', 'That key check is no longer held, so it cannot go into the report. Check the key again, then save the report.');
      }
      const report = buildServiceCheckReport({
        createdAtMs: deps.nowMs(),
        answers,
        ...(serviceName === undefined ? {} : { serviceName }),
        ...(keyCheck === undefined ? {} : { keyCheck }),
        ...(claimText === undefined || claimText.trim() === '' ? {} : { claimText }),
      });
      const reportId = reports.save(report);
      deps.log.info({ reportId, verdict: report.verdict, keyChecked: keyCheck !== undefined }, 'service check report saved');
      return reportView(reportId, report);
    },

    listServiceCheckReports() {
      const saved = reports.list();
      return { reports: saved.reports.map(({ reportId, report }) => reportView(reportId, report)), damaged: saved.damaged };
    },

    exportServiceCheckReport({ reportId, format }) {
      const report = reports.read(reportId);
      if (report === null) throw new ContractError('REFUSED', 'This report could not be found or read. Save the check again, then export it.');
      return exportOf(report, format, timeZone);
    },
  };
}
