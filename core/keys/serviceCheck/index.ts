/**
 * "Check a bot service": the key check (nothing kept), the questionnaire and its verdict, the
 * claim scanner, and the dated report with its HTML and JSON exports.
 */
export {
  SERVICE_VERDICTS, FINDING_SEVERITIES, serviceVerdictSchema, findingSeveritySchema, reasonSchema, reasonParamsSchema,
  verdictFromSeverities, worstVerdict,
  type ServiceVerdict, type FindingSeverity, type Reason, type ReasonParams,
} from './serviceVerdict.ts';

export { checkServiceKey, type ServiceKeyCheckOptions } from './checkServiceKey.ts';
export { serviceKeyCheckSchema, keyFindingSchema, type ServiceKeyCheck } from './serviceKeyCheck.ts';
export { keyFindingsFrom, KEY_CHECK_CODES, KEY_CHECK_TOPICS, type KeyFinding, type KeyCheckTopic } from './keyCheckFindings.ts';
export { checkCredentialShape, MAX_CREDENTIAL_CHARS, type CredentialShape } from './credentialShape.ts';
export { credentialsFromPastedText, type PastedCredentials } from './pastedCredentials.ts';

export {
  CHECKLIST_QUESTIONS, CHECKLIST_CODES, type ChecklistQuestion, type ChecklistOption, type ChecklistQuestionId,
} from './checklistQuestions.ts';
export { verdictFor, checklistAnswersSchema, type ChecklistAnswers, type ChecklistVerdict } from './checklistVerdict.ts';

export {
  CLAIM_RULES, scanClaims, MAX_SCANNED_CHARS, claimMatchSchema, claimScanSchema, type ClaimMatch, type ClaimScan,
} from './scanClaims.ts';
export type { ClaimRule } from './claimRule.ts';
export { PLAUSIBLE_YEARLY_PERCENT, HIGH_WIN_RATE_PERCENT } from './returnClaimRules.ts';

export {
  buildServiceCheckReport, serviceCheckReportSchema, SERVICE_CHECK_REPORT_FORMAT, MAX_SERVICE_NAME_CHARS,
  type ServiceCheckReport, type ServiceCheckInput,
} from './serviceCheckReport.ts';
export { serviceCheckReportToJson, serviceCheckReportFromJson, type ServiceCheckReportRead } from './reportJson.ts';
export { serviceCheckReportToHtml, escapeHtml, type HtmlExportOptions } from './reportHtml.ts';

export { SERVICE_CHECK_MESSAGES, type ServiceCheckMessageCode } from './messages.ts';
export { englishTranslate, fillTemplate, type Translate, type FormatOptions } from './messageFormat.ts';
