import { z } from 'zod';
import { checklistAnswersSchema, verdictFor, type ChecklistAnswers } from './checklistVerdict.ts';
import { claimScanSchema, scanClaims, type ClaimScan } from './scanClaims.ts';
import { serviceKeyCheckSchema, type ServiceKeyCheck } from './serviceKeyCheck.ts';
import {
  bySeverity, reasonSchema, serviceVerdictSchema, verdictFromSeverities, worstVerdict, type Reason, type ServiceVerdict,
} from './serviceVerdict.ts';

export const SERVICE_CHECK_REPORT_FORMAT = 'ballast.service-check';
export const MAX_SERVICE_NAME_CHARS = 200;

/**
 * A dated record of one check of a bot service: the person's answers, the verdict, and the key
 * check and claim scan when they were done. It never holds key material (the key check result
 * has none), so it can be saved and exported as it is.
 */
export const serviceCheckReportSchema = z.object({
  format: z.literal(SERVICE_CHECK_REPORT_FORMAT),
  version: z.literal(1),
  createdAtMs: z.number(),
  serviceName: z.string().max(MAX_SERVICE_NAME_CHARS).optional(),
  /** The least reassuring verdict of the parts that were done. */
  verdict: serviceVerdictSchema,
  /** Why: every red flag and every unconfirmed point of all parts, most serious first, plus notes. */
  reasons: z.array(reasonSchema),
  checklist: z.object({
    answers: checklistAnswersSchema,
    verdict: serviceVerdictSchema,
    reasons: z.array(reasonSchema),
    notChecked: z.array(z.string()),
  }),
  keyCheck: serviceKeyCheckSchema.optional(),
  claimScan: z.object({ text: z.string(), verdict: serviceVerdictSchema, scan: claimScanSchema }).optional(),
});
export type ServiceCheckReport = z.infer<typeof serviceCheckReportSchema>;

export interface ServiceCheckInput {
  readonly createdAtMs: number;
  readonly serviceName?: string;
  readonly answers: ChecklistAnswers;
  readonly keyCheck?: ServiceKeyCheck;
  /** The service's marketing text as pasted; it is scanned here. */
  readonly claimText?: string;
}

/** Each claim the scanner found is a red flag of the report, with the words it found. */
function claimReasons(scan: ClaimScan): Reason[] {
  return scan.matches.map((m) => ({
    code: m.explanationCode, params: { ...m.params, ruleId: m.ruleId, text: m.text }, severity: 'red_flag' as const,
  }));
}

/** Builds the report. Pure: the date comes in, so the same input always gives the same report. */
export function buildServiceCheckReport(input: ServiceCheckInput): ServiceCheckReport {
  const checklist = verdictFor(input.answers);
  const scan = input.claimText === undefined ? undefined : scanClaims(input.claimText);
  const scanVerdict: ServiceVerdict | undefined = scan === undefined
    ? undefined
    : verdictFromSeverities(claimReasons(scan).map((r) => r.severity));

  const notes: Reason[] = [];
  if (input.keyCheck === undefined) notes.push({ code: 'REPORT_KEY_NOT_CHECKED', params: {}, severity: 'info' });
  if (scan === undefined) notes.push({ code: 'REPORT_CLAIMS_NOT_SCANNED', params: {}, severity: 'info' });
  else if (scan.matches.length === 0) notes.push({ code: 'REPORT_NO_CLAIMS_FOUND', params: {}, severity: 'info' });
  if (scan?.truncated === true) notes.push({ code: 'REPORT_CLAIMS_TRUNCATED', params: { scannedChars: scan.scannedChars }, severity: 'not_confirmed' });

  const decisive = [
    ...checklist.reasons,
    ...(input.keyCheck?.findings ?? []).map(({ code, params, severity }) => ({ code, params, severity })),
    ...(scan === undefined ? [] : claimReasons(scan)),
    ...notes,
  ].filter((r) => r.severity === 'red_flag' || r.severity === 'not_confirmed' || r.severity === 'info');

  const verdicts = [checklist.level, input.keyCheck?.verdict, scanVerdict, verdictFromSeverities(notes.map((n) => n.severity))];
  const serviceName = input.serviceName?.trim().slice(0, MAX_SERVICE_NAME_CHARS);
  return {
    format: SERVICE_CHECK_REPORT_FORMAT,
    version: 1,
    createdAtMs: input.createdAtMs,
    ...(serviceName === undefined || serviceName === '' ? {} : { serviceName }),
    verdict: worstVerdict(verdicts.filter((v): v is ServiceVerdict => v !== undefined)),
    reasons: bySeverity(decisive),
    checklist: { answers: { ...input.answers }, verdict: checklist.level, reasons: [...checklist.reasons], notChecked: [...checklist.notChecked] },
    ...(input.keyCheck === undefined ? {} : { keyCheck: input.keyCheck }),
    ...(scan === undefined || input.claimText === undefined || scanVerdict === undefined
      ? {}
      : { claimScan: { text: input.claimText.slice(0, scan.scannedChars), verdict: scanVerdict, scan } }),
  };
}
