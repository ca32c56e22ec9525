import { create } from 'zustand';
import type {
  AlertChannelId, AlertSettingsView, ChannelStatusView, ContractErrorPayload, RecentAlertsView, Result, WeeklyReviewView,
} from '#core/contract/index.ts';
import { ballast } from '../../ballast.ts';
import { saveTextFile } from '../activity/saveTextFile.ts';

/** What the person typed into the email form. The password goes to main once and is not kept here. */
export interface EmailForm {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly from: string;
  readonly to: string;
}

interface AlertsState {
  readonly settings: AlertSettingsView | null;
  readonly recent: RecentAlertsView | null;
  readonly review: WeeklyReviewView | null;
  readonly loadError: ContractErrorPayload | null;
  /** The last refusal of an action, by which part of the screen it belongs to. */
  readonly errors: Partial<Record<'email' | 'telegram' | 'quiet' | 'rotation' | 'review' | 'recent', ContractErrorPayload>>;
  readonly busy: 'email' | 'telegram' | 'review' | AlertChannelId | null;
  readonly testResults: Partial<Record<AlertChannelId, ChannelStatusView>>;
  readonly exportedFileName: string | null;
}

interface AlertsActions {
  readonly load: () => Promise<void>;
  readonly saveEmail: (form: EmailForm) => Promise<boolean>;
  readonly saveTelegram: (botToken: string) => Promise<boolean>;
  readonly newLinkCode: () => Promise<void>;
  readonly remove: (channel: 'email' | 'telegram') => Promise<void>;
  readonly sendTest: (channel: AlertChannelId) => Promise<void>;
  readonly setQuietHours: (quietHours: { startMinute: number; endMinute: number } | null) => Promise<void>;
  readonly setRotation: (days: number) => Promise<void>;
  readonly acknowledge: (alertId: string) => Promise<void>;
  readonly makeReview: () => Promise<void>;
  readonly exportReview: () => Promise<void>;
}

export const useAlertsStore = create<AlertsState & AlertsActions>()((set, get) => {
  const withError = (part: keyof AlertsState['errors'], error: ContractErrorPayload | null): AlertsState['errors'] => {
    const others = Object.fromEntries(Object.entries(get().errors).filter(([key]) => key !== part));
    return error === null ? others : { ...others, [part]: error };
  };
  /** Runs a settings command; its answer replaces the settings shown. */
  const change = async (part: keyof AlertsState['errors'], call: () => Promise<Result<AlertSettingsView>>): Promise<boolean> => {
    const result = await call();
    if (result.ok) {
      set({ settings: result.value, errors: withError(part, null) });
      return true;
    }
    set({ errors: withError(part, result.error) });
    return false;
  };

  return {
    settings: null,
    recent: null,
    review: null,
    loadError: null,
    errors: {},
    busy: null,
    testResults: {},
    exportedFileName: null,

    async load() {
      const [settings, recent] = await Promise.all([ballast().getAlertSettings(), ballast().listRecentAlerts({})]);
      if (!settings.ok) {
        set({ loadError: settings.error });
        return;
      }
      set({ settings: settings.value, loadError: null, ...(recent.ok ? { recent: recent.value } : {}) });
    },
    async saveEmail(form) {
      set({ busy: 'email' });
      const saved = await change('email', () => ballast().saveEmailAlerts(form));
      set({ busy: null });
      return saved;
    },
    async saveTelegram(botToken) {
      set({ busy: 'telegram' });
      const saved = await change('telegram', () => ballast().saveTelegramAlerts({ botToken }));
      set({ busy: null });
      return saved;
    },
    async newLinkCode() {
      await change('telegram', () => ballast().startTelegramLink());
    },
    async remove(channel) {
      await change(channel, () => ballast().removeAlertChannel({ channel }));
      set({ testResults: Object.fromEntries(Object.entries(get().testResults).filter(([key]) => key !== channel)) });
    },
    async sendTest(channel) {
      set({ busy: channel });
      const result = await ballast().sendAlertTest({ channel });
      const testResults = { ...get().testResults };
      testResults[channel] = result.ok ? result.value.status : { code: 'CHANNEL_FAILED', params: {}, detail: result.error.message };
      set({ busy: null, testResults });
      await get().load();
    },
    async setQuietHours(quietHours) {
      await change('quiet', () => ballast().setAlertQuietHours({ quietHours }));
    },
    async setRotation(days) {
      await change('rotation', () => ballast().setKeyRotationPeriod({ days }));
    },
    async acknowledge(alertId) {
      const result = await ballast().acknowledgeAlert({ alertId });
      if (result.ok) set({ recent: result.value, errors: withError('recent', null) });
      else set({ errors: withError('recent', result.error) });
    },
    async makeReview() {
      set({ busy: 'review' });
      const result = await ballast().getWeeklyReview();
      set({ busy: null, ...(result.ok ? { review: result.value, errors: withError('review', null) } : { errors: withError('review', result.error) }) });
    },
    async exportReview() {
      const result = await ballast().exportWeeklyReview();
      if (!result.ok) {
        set({ errors: withError('review', result.error) });
        return;
      }
      saveTextFile(result.value.fileName, result.value.mimeType, result.value.content);
      set({ exportedFileName: result.value.fileName });
    },
  };
});
