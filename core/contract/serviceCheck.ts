import { z } from 'zod';
import { KeyExchange, TriState } from './keys.ts';

/**
 * What the "Check a bot service" screen may know: what the exchange said about a pasted key
 * (never the key), the questionnaire, the verdict, the claims found in pasted marketing text, and
 * saved reports. Every object is strict, so an output carrying anything more (a key, a secret)
 * fails the dispatcher's output check instead of reaching the page. Words live in the catalogue
 * under `serviceCheck.codes.<CODE>`; these schemas carry codes and parameters only.
 */

/** There is deliberately no "safe": the best a check can say is that it found no red flag it knows. */
export const ServiceVerdict = z.enum(['red_flags', 'could_not_confirm', 'no_red_flags_found']);
export type ServiceVerdict = z.infer<typeof ServiceVerdict>;

export const ServiceFindingSeverity = z.enum(['red_flag', 'not_confirmed', 'caution', 'green', 'info']);
export type ServiceFindingSeverity = z.infer<typeof ServiceFindingSeverity>;

export const ServiceReasonParams = z.record(z.string(), z.union([z.string(), z.number()]));

/** One reason of a verdict: a message code, its parameters and how much it weighs. */
export const ServiceReason = z.strictObject({ code: z.string(), params: ServiceReasonParams, severity: ServiceFindingSeverity });
export type ServiceReason = z.infer<typeof ServiceReason>;

export const ServiceKeyTopic = z.enum(['key', 'read', 'withdraw', 'ip', 'trade', 'futures', 'margin', 'age']);
export const ServiceKeyFinding = z.strictObject({ ...ServiceReason.shape, topic: ServiceKeyTopic });
export type ServiceKeyFinding = z.infer<typeof ServiceKeyFinding>;

/** The key check: what the exchange said about the key, under an id the report can refer to. */
export const ServiceKeyCheckView = z.strictObject({
  /** Names this answer (not the key) for "Save report"; the key itself is already forgotten. */
  checkId: z.string(),
  /** null when the exchange named is not one Ballast can ask. */
  exchange: KeyExchange.nullable(),
  checkedAtMs: z.number(),
  verdict: ServiceVerdict,
  findings: z.array(ServiceKeyFinding),
  permissions: z.strictObject({
    canWithdraw: TriState,
    canTrade: TriState,
    futuresEnabled: TriState,
    marginEnabled: TriState,
    ipRestricted: TriState,
    ipAllowlist: z.array(z.string()).optional(),
    keyCreatedAtMs: z.number().optional(),
    keyExpiresAtMs: z.number().optional(),
  }).optional(),
  source: z.strictObject({ endpoint: z.string(), fieldsConsulted: z.array(z.string()), readerNotes: z.array(z.string()) }).optional(),
  technicalDetail: z.string().optional(),
});
export type ServiceKeyCheckView = z.infer<typeof ServiceKeyCheckView>;

/** Longest marketing text the scanner takes; longer pastes are cut by the screen. */
export const MAX_CLAIM_TEXT_CHARS = 200_000;
export const ClaimText = z.string().max(MAX_CLAIM_TEXT_CHARS);

export const ClaimMatchView = z.strictObject({
  ruleId: z.string(),
  /** JavaScript string offsets into the text sent; end is exclusive. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  explanationCode: z.string(),
  params: ServiceReasonParams,
});
export type ClaimMatchView = z.infer<typeof ClaimMatchView>;

export const ClaimScanView = z.strictObject({
  matches: z.array(ClaimMatchView),
  scannedChars: z.number().int().nonnegative(),
  truncated: z.boolean(),
  verdict: ServiceVerdict,
});
export type ClaimScanView = z.infer<typeof ClaimScanView>;

export const ChecklistOptionView = z.strictObject({ id: z.string(), labelCode: z.string(), severity: ServiceFindingSeverity });
export const ChecklistQuestionView = z.strictObject({
  id: z.string(),
  questionCode: z.string(),
  explanationCode: z.string(),
  options: z.array(ChecklistOptionView),
});
export type ChecklistQuestionView = z.infer<typeof ChecklistQuestionView>;
export const ServiceChecklistView = z.strictObject({ questions: z.array(ChecklistQuestionView) });
export type ServiceChecklistView = z.infer<typeof ServiceChecklistView>;

/** Answers by question id → option id; a missing question has not been checked. */
export const ChecklistAnswers = z.record(z.string().max(64), z.string().max(64)).refine((answers) => Object.keys(answers).length <= 64, 'Too many answers.');
export type ChecklistAnswers = z.infer<typeof ChecklistAnswers>;

export const ChecklistVerdictView = z.strictObject({
  level: ServiceVerdict,
  /** Most serious first; `params.question` names the question each comes from. */
  reasons: z.array(ServiceReason),
  notChecked: z.array(z.string()),
});
export type ChecklistVerdictView = z.infer<typeof ChecklistVerdictView>;

export const ServiceName = z.string().max(200);

/** A saved, dated report as the screen lists it. */
export const ServiceCheckReportView = z.strictObject({
  reportId: z.string(),
  createdAtMs: z.number(),
  serviceName: z.string().optional(),
  verdict: ServiceVerdict,
  /** Every red flag and every unconfirmed point of all parts, most serious first, plus notes. */
  reasons: z.array(ServiceReason),
  keyChecked: z.boolean(),
  claimsScanned: z.boolean(),
});
export type ServiceCheckReportView = z.infer<typeof ServiceCheckReportView>;

export const ServiceCheckReportList = z.strictObject({
  reports: z.array(ServiceCheckReportView),
  /** Report files in the folder that could not be read as reports. */
  damaged: z.number().int().nonnegative(),
});
export type ServiceCheckReportList = z.infer<typeof ServiceCheckReportList>;

export const ServiceCheckExportFormat = z.enum(['html', 'json']);
export type ServiceCheckExportFormat = z.infer<typeof ServiceCheckExportFormat>;

export const ServiceCheckExport = z.strictObject({
  fileName: z.string().max(120),
  mimeType: z.enum(['text/html', 'application/json']),
  content: z.string(),
});
export type ServiceCheckExport = z.infer<typeof ServiceCheckExport>;
