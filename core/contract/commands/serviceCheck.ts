import { z } from 'zod';
import { command, NoInput } from '../command.ts';
import { KeyExchange } from '../keys.ts';
import {
  ChecklistAnswers, ChecklistVerdictView, ClaimScanView, ClaimText, ServiceCheckExport, ServiceCheckExportFormat,
  ServiceCheckReportList, ServiceCheckReportView, ServiceChecklistView, ServiceKeyCheckView, ServiceName,
} from '../serviceCheck.ts';

const CheckId = z.string().min(1).max(100);
const ReportId = z.string().min(1).max(100);

/**
 * The key someone is about to give a bot service crosses from the page to main once, here, and
 * is forgotten when the exchange has answered. Empty fields are let through so the check can say
 * in plain words what is missing; the limits only stop absurd pastes. zod never echoes a value.
 */
const PastedKeyText = z.string().max(10_000);
const PublishedAddress = z.string().trim().min(1).max(64);

/** "Check a bot service": a key check that keeps nothing, the questionnaire, the claim scanner, reports. */
export const serviceCheckCommands = {
  checkServiceKey: command({
    summary: 'Ask the exchange what a key someone is about to give a bot service may do. The key is not kept.',
    input: z.strictObject({
      exchange: KeyExchange,
      apiKey: PastedKeyText,
      secret: PastedKeyText,
      passphrase: PastedKeyText.optional(),
      /** The addresses the service publishes for its servers, compared with the key's allowlist. */
      servicePublishedIps: z.array(PublishedAddress).max(50).optional(),
    }),
    output: ServiceKeyCheckView,
  }),
  scanServiceClaims: command({
    summary: 'Mark the red-flag claims in a service’s marketing text (fixed rules, no AI), each with why it matters.',
    input: z.strictObject({ text: ClaimText }),
    output: ClaimScanView,
  }),
  getServiceChecklist: command({
    summary: 'The questions about a bot service, each with its explanation and possible answers.',
    input: NoInput,
    output: ServiceChecklistView,
  }),
  judgeServiceChecklist: command({
    summary: 'The verdict for the answers given so far, with its reasons; unanswered questions count as not checked.',
    input: z.strictObject({ answers: ChecklistAnswers }),
    output: ChecklistVerdictView,
  }),
  saveServiceCheckReport: command({
    summary: 'Save a dated report of the answers, the key check (by its id) and the scanned marketing text.',
    input: z.strictObject({
      serviceName: ServiceName.optional(),
      answers: ChecklistAnswers,
      keyCheckId: CheckId.optional(),
      claimText: ClaimText.optional(),
    }),
    output: ServiceCheckReportView,
  }),
  listServiceCheckReports: command({
    summary: 'The saved service check reports, newest first.',
    input: NoInput,
    output: ServiceCheckReportList,
  }),
  exportServiceCheckReport: command({
    summary: 'A saved report as a file to keep or share: a web page anyone can open, or JSON.',
    input: z.strictObject({ reportId: ReportId, format: ServiceCheckExportFormat }),
    output: ServiceCheckExport,
  }),
};
