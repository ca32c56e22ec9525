import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceCheckReportView } from '../../contract/index.ts';
import {
  serviceCheckReportFromJson, serviceCheckReportToJson, type ServiceCheckReport,
} from '../../keys/serviceCheck/index.ts';

/** A report's id is its file name without `.json`: the date it was made, then a random suffix. */
const REPORT_ID = /^service-check-\d{8}-\d{6}-[0-9a-f]{6}$/;

export interface SavedReports {
  readonly reports: readonly { readonly reportId: string; readonly report: ServiceCheckReport }[];
  readonly damaged: number;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `20250114-093005`, in UTC so ids sort the same on every computer. */
function stamp(atMs: number): string {
  const d = new Date(atMs);
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

export function reportView(reportId: string, report: ServiceCheckReport): ServiceCheckReportView {
  return {
    reportId,
    createdAtMs: report.createdAtMs,
    ...(report.serviceName === undefined ? {} : { serviceName: report.serviceName }),
    verdict: report.verdict,
    reasons: report.reasons.map(({ code, params, severity }) => ({ code, params: { ...params }, severity })),
    keyChecked: report.keyCheck !== undefined,
    claimsScanned: report.claimScan !== undefined,
  };
}

/**
 * The dated reports of service checks, one JSON file each in Ballast's data folder. Files are
 * read back through the report's schema: a damaged or foreign file is counted, never half-read.
 */
export class ServiceCheckReports {
  readonly #folder: string;

  constructor(folder: string) {
    this.#folder = folder;
  }

  save(report: ServiceCheckReport): string {
    mkdirSync(this.#folder, { recursive: true });
    const reportId = `service-check-${stamp(report.createdAtMs)}-${randomBytes(3).toString('hex')}`;
    writeFileSync(join(this.#folder, `${reportId}.json`), serviceCheckReportToJson(report), { flag: 'wx' });
    return reportId;
  }

  /** The report saved under this id, or null when there is none (or it can no longer be read). */
  read(reportId: string): ServiceCheckReport | null {
    if (!REPORT_ID.test(reportId)) return null;
    let text: string;
    try {
      text = readFileSync(join(this.#folder, `${reportId}.json`), 'utf8');
    } catch {
      return null;
    }
    const read = serviceCheckReportFromJson(text);
    return read.ok ? read.report : null;
  }

  /** Newest first. */
  list(): SavedReports {
    let names: string[];
    try {
      names = readdirSync(this.#folder);
    } catch {
      return { reports: [], damaged: 0 };
    }
    const ids = names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).filter((id) => REPORT_ID.test(id));
    const reports: { reportId: string; report: ServiceCheckReport }[] = [];
    let damaged = 0;
    for (const reportId of ids) {
      const report = this.read(reportId);
      if (report === null) damaged += 1;
      else reports.push({ reportId, report });
    }
    reports.sort((a, b) => b.report.createdAtMs - a.report.createdAtMs || b.reportId.localeCompare(a.reportId));
    return { reports, damaged };
  }
}
