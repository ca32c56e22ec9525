import { create } from 'zustand';
import type {
  ChecklistAnswers, ChecklistVerdictView, ClaimScanView, ContractErrorPayload, KeyExchange, ServiceCheckExportFormat,
  ServiceCheckReportList, ServiceCheckReportView, ServiceChecklistView, ServiceKeyCheckView,
} from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';
import { saveTextFile } from '../activity/saveTextFile.ts';

/** What the person pasted. It goes to main once and is not kept here: the form empties itself. */
export interface PastedKey {
  readonly exchange: KeyExchange;
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase?: string;
  readonly servicePublishedIps: readonly string[];
}

interface ServiceCheckState {
  readonly checklist: ServiceChecklistView | null;
  readonly loadError: ContractErrorPayload | null;
  /** The exchange's answer about the last key checked; never the key. */
  readonly keyCheck: ServiceKeyCheckView | null;
  readonly keyError: ContractErrorPayload | null;
  readonly checkingKey: boolean;
  readonly serviceName: string;
  readonly answers: ChecklistAnswers;
  readonly verdict: ChecklistVerdictView | null;
  readonly claimText: string;
  /** The scan and the exact text it was made of, so the marks line up with what was scanned. */
  readonly scan: { readonly text: string; readonly result: ClaimScanView } | null;
  readonly scanError: ContractErrorPayload | null;
  readonly scanning: boolean;
  readonly saving: boolean;
  readonly saved: ServiceCheckReportView | null;
  readonly reportError: ContractErrorPayload | null;
  readonly reports: ServiceCheckReportList | null;
  readonly exportNotice: { readonly kind: 'saved'; readonly fileName: string } | { readonly kind: 'error'; readonly error: ContractErrorPayload } | null;
}

interface ServiceCheckActions {
  readonly load: () => Promise<void>;
  readonly checkKey: (pasted: PastedKey) => Promise<void>;
  readonly answer: (questionId: string, optionId: string) => Promise<void>;
  readonly setServiceName: (name: string) => void;
  readonly setClaimText: (text: string) => void;
  readonly scanClaims: () => Promise<void>;
  readonly saveReport: () => Promise<void>;
  readonly exportReport: (reportId: string, format: ServiceCheckExportFormat) => Promise<void>;
}

export const useServiceCheckStore = create<ServiceCheckState & ServiceCheckActions>()((set, get) => {
  const judge = async (answers: ChecklistAnswers): Promise<void> => {
    const result = await ballast().judgeServiceChecklist({ answers });
    // A later answer may have been judged first; keep the verdict of the answers shown.
    if (result.ok && get().answers === answers) set({ verdict: result.value });
  };
  const loadReports = async (): Promise<void> => {
    const result = await ballast().listServiceCheckReports();
    if (result.ok) set({ reports: result.value });
  };

  return {
    checklist: null,
    loadError: null,
    keyCheck: null,
    keyError: null,
    checkingKey: false,
    serviceName: '',
    answers: {},
    verdict: null,
    claimText: '',
    scan: null,
    scanError: null,
    scanning: false,
    saving: false,
    saved: null,
    reportError: null,
    reports: null,
    exportNotice: null,

    async load() {
      const result = await ballast().getServiceChecklist();
      if (!result.ok) {
        set({ loadError: result.error });
        return;
      }
      set({ checklist: result.value, loadError: null });
      await Promise.all([judge(get().answers), loadReports()]);
    },

    async checkKey(pasted) {
      set({ checkingKey: true, keyError: null });
      const result = await ballast().checkServiceKey({
        exchange: pasted.exchange,
        apiKey: pasted.apiKey,
        secret: pasted.secret,
        ...(pasted.passphrase === undefined ? {} : { passphrase: pasted.passphrase }),
        ...(pasted.servicePublishedIps.length === 0 ? {} : { servicePublishedIps: [...pasted.servicePublishedIps] }),
      });
      set(result.ok ? { checkingKey: false, keyCheck: result.value } : { checkingKey: false, keyCheck: null, keyError: result.error });
    },

    async answer(questionId, optionId) {
      const answers = { ...get().answers, [questionId]: optionId };
      set({ answers, saved: null });
      await judge(answers);
    },

    setServiceName(serviceName) {
      set({ serviceName, saved: null });
    },

    setClaimText(claimText) {
      set({ claimText });
    },

    async scanClaims() {
      const text = get().claimText;
      set({ scanning: true, scanError: null });
      const result = await ballast().scanServiceClaims({ text });
      set(result.ok ? { scanning: false, scan: { text, result: result.value }, saved: null } : { scanning: false, scan: null, scanError: result.error });
    },

    async saveReport() {
      const { serviceName, answers, keyCheck, scan } = get();
      set({ saving: true, reportError: null, exportNotice: null });
      const name = serviceName.trim();
      const result = await ballast().saveServiceCheckReport({
        answers,
        ...(name === '' ? {} : { serviceName: name }),
        ...(keyCheck === null ? {} : { keyCheckId: keyCheck.checkId }),
        ...(scan === null ? {} : { claimText: scan.text }),
      });
      set(result.ok ? { saving: false, saved: result.value } : { saving: false, reportError: result.error });
      if (result.ok) await loadReports();
    },

    async exportReport(reportId, format) {
      set({ exportNotice: null });
      const result = await ballast().exportServiceCheckReport({ reportId, format });
      if (!result.ok) {
        set({ exportNotice: { kind: 'error', error: result.error } });
        return;
      }
      saveTextFile(result.value.fileName, result.value.mimeType, result.value.content);
      set({ exportNotice: { kind: 'saved', fileName: result.value.fileName } });
    },
  };
});
