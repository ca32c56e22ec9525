import { serviceCheckReportSchema, type ServiceCheckReport } from './serviceCheckReport.ts';

/** The report as JSON, checked against its schema on the way out so a saved file can be read back. */
export function serviceCheckReportToJson(report: ServiceCheckReport): string {
  return `${JSON.stringify(serviceCheckReportSchema.parse(report), null, 2)}\n`;
}

export type ServiceCheckReportRead =
  | { readonly ok: true; readonly report: ServiceCheckReport }
  | { readonly ok: false; readonly code: 'REPORT_NOT_JSON' | 'REPORT_NOT_A_SERVICE_CHECK' };

/** Reads an exported report back; a damaged or foreign file is reported, never half-read. */
export function serviceCheckReportFromJson(text: string): ServiceCheckReportRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: 'REPORT_NOT_JSON' };
  }
  const parsed = serviceCheckReportSchema.safeParse(json);
  return parsed.success ? { ok: true, report: parsed.data } : { ok: false, code: 'REPORT_NOT_A_SERVICE_CHECK' };
}
