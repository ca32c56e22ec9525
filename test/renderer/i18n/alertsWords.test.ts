import { describe, expect, it } from 'vitest';
import { alertMessages, CHANNEL_STATUS_CODES } from '../../../core/alerts/index.ts';
import { en } from '../../../renderer/src/i18n/en.ts';

describe('the words of the Alerts screen', () => {
  it('say every channel status exactly as Telegram and email messages and refusals do', () => {
    const { TELEGRAM_CHAT_NOT_LINKED, ...shared } = en.alertsScreen.status;
    expect(shared).toEqual(alertMessages.channelStatus);
    expect(Object.keys(shared).sort()).toEqual([...CHANNEL_STATUS_CODES].sort());
    expect(TELEGRAM_CHAT_NOT_LINKED).toContain('code');
  });

  it('name both new screens in the navigation', () => {
    expect(en.nav.monitoring).toBe('Monitoring');
    expect(en.nav.alerts).toBe('Alerts');
  });
});
