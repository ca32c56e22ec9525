import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert, TradingStateSnapshot } from '../../core/contract/index.ts';
import {
  DEFAULT_NOTICE_POLICY, noticeForAlert, noticeForStateChange, NoticeThrottle, worthNotifying, type DesktopNotice,
} from '../../electron/main/desktopNotices.ts';

const CANARY = {
  apiKey: 'FAKE-KEY-CANARY-notice-0000000000abcd',
  secret: 'FAKE-SECRET-CANARY-notice-7e1d',
} as const;

const KEY_ALPHABET = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  id: 'a1', atMs: 1, severity: 'warning', title: 'Feed stale', message: 'No new prices for 3 minutes.', ...overrides,
});

const snapshot = (state: TradingStateSnapshot['state'], message = 'Stopped by you with Kill.'): TradingStateSnapshot => ({
  state, sinceMs: 1, cause: { code: 'X', message }, rearmPhrase: 'RE-ARM',
});

const notice = (title: string, urgency: DesktopNotice['urgency'] = 'normal'): DesktopNotice => ({ title, body: `${title} body`, urgency });

describe('noticeForAlert', () => {
  it('carries the alert\'s title and message, with urgency from its severity', () => {
    expect(noticeForAlert(alert())).toEqual({ title: 'Feed stale', body: 'No new prices for 3 minutes.', urgency: 'normal' });
    expect(noticeForAlert(alert({ severity: 'critical' })).urgency).toBe('critical');
    expect(noticeForAlert(alert({ severity: 'info' })).urgency).toBe('low');
  });

  it('never shows a key, a secret or a signature, even if one slipped into an alert', () => {
    const leaky = alert({
      title: `Key ${CANARY.apiKey} refused`,
      message: `Binance said: apiKey=${CANARY.apiKey}&signature=9f86d081884c7d659a2feaa0c55ad015 for secret ${CANARY.secret}.`,
    });
    const shown = JSON.stringify(noticeForAlert(leaky));
    for (const value of [...Object.values(CANARY), '9f86d081884c7d659a2feaa0c55ad015']) expect(shown).not.toContain(value);
    expect(shown).toContain('Binance said');
  });

  it('masks any long key-like token, whatever text surrounds it', () => {
    const keyLike = fc.string({ unit: fc.constantFrom(...KEY_ALPHABET), minLength: 19, maxLength: 64 })
      .map((text) => `${text}7`);
    fc.assert(fc.property(keyLike, fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (token, before, after) => {
      const shown = noticeForAlert(alert({ message: `${before} ${token} ${after}` }));
      expect(shown.body).not.toContain(token);
    }));
  });

  it('keeps ordinary words and short figures readable', () => {
    const message = 'Daily loss limit reached: -512.40 USDT (limit 500 USDT). BTC/USDT positions are kept.';
    expect(noticeForAlert(alert({ message })).body).toBe(message);
  });

  it('fits a notification: one line, at most 200 characters', () => {
    const body = noticeForAlert(alert({ message: `line one\nline two ${'long words '.repeat(60)}` })).body;
    expect(body.length).toBeLessThanOrEqual(200);
    expect(body).not.toContain('\n');
    expect(body.endsWith('…')).toBe(true);
  });
});

describe('noticeForStateChange', () => {
  it('says nothing about the state Ballast starts in or a change inside the same state', () => {
    expect(noticeForStateChange(undefined, snapshot('KILLED'))).toBeNull();
    expect(noticeForStateChange('SAFE_MODE', snapshot('SAFE_MODE', 'A trigger cleared.'))).toBeNull();
  });

  it('names the new state, why, and what it means', () => {
    expect(noticeForStateChange('ACTIVE', snapshot('KILLED'))).toEqual({
      title: 'Ballast: Killed',
      body: 'Stopped by you with Kill. Everything is stopped: no orders will be placed until you re-arm.',
      urgency: 'critical',
    });
    const safe = noticeForStateChange('ACTIVE', snapshot('SAFE_MODE', 'Daily loss limit reached.'));
    expect(safe?.title).toBe('Ballast: Safe mode');
    expect(safe?.body).toContain('Daily loss limit reached. The bot may only reduce or close positions.');
    expect(noticeForStateChange('PAUSED', snapshot('ACTIVE', 'Resumed by you.'))?.urgency).toBe('low');
  });
});

describe('worthNotifying', () => {
  it('leaves alerts to the window while it is in front, except critical ones', () => {
    expect(worthNotifying(notice('a', 'normal'), true)).toBe(false);
    expect(worthNotifying(notice('a', 'critical'), true)).toBe(true);
    expect(worthNotifying(notice('a', 'low'), false)).toBe(true);
  });
});

describe('NoticeThrottle', () => {
  const { maxPerWindow, windowMs } = DEFAULT_NOTICE_POLICY;

  it('shows at most a few notices from a storm, then one summary of the rest once there is room', () => {
    const throttle = new NoticeThrottle();
    const shown = Array.from({ length: 100 }, (_, i) => throttle.offer(notice(`alert ${i}`), 1_000 + i * 10)).filter((n) => n !== null);
    expect(shown.map((n) => n.title)).toEqual(['alert 0', 'alert 1', 'alert 2'].slice(0, maxPerWindow));
    expect(throttle.flush(2_000)).toBeNull();
    expect(throttle.nextFlushAtMs(2_000)).toBe(1_000 + windowMs);
    const summary = throttle.flush(1_000 + windowMs);
    expect(summary).toEqual({ title: 'Ballast: more alerts', body: `${100 - maxPerWindow} more alerts or changes came in quickly. Open Ballast to see them all.`, urgency: 'normal' });
    expect(throttle.flush(1_000 + 2 * windowMs)).toBeNull();
    expect(throttle.nextFlushAtMs(1_000 + 2 * windowMs)).toBeNull();
  });

  it('drops a repeat of a notice still on screen without counting it', () => {
    const throttle = new NoticeThrottle();
    expect(throttle.offer(notice('same'), 0)).not.toBeNull();
    expect(throttle.offer(notice('same'), 10)).toBeNull();
    expect(throttle.nextFlushAtMs(10)).toBeNull();
    expect(throttle.offer(notice('same'), windowMs + 1)).not.toBeNull();
  });

  it('lets a critical notice through a storm of warnings', () => {
    const throttle = new NoticeThrottle();
    for (let i = 0; i < 50; i += 1) throttle.offer(notice(`warning ${i}`), i);
    expect(throttle.offer(notice('Ballast: Killed', 'critical'), 60)).toMatchObject({ title: 'Ballast: Killed' });
  });

  it('never shows more than the limit in any window, whatever the timing', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(5_000), fc.boolean()), { maxLength: 200 }), (steps) => {
      const throttle = new NoticeThrottle({ maxPerWindow: 3, windowMs: 1_000 });
      let atMs = 0;
      const shownAt: number[] = [];
      steps.forEach(([gapMs, critical], i) => {
        atMs += gapMs % 300;
        if (throttle.offer(notice(`n${i}`, critical ? 'critical' : 'normal'), atMs) !== null && !critical) shownAt.push(atMs);
        if (throttle.flush(atMs) !== null) shownAt.push(atMs);
      });
      for (const start of shownAt) expect(shownAt.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(3);
    }));
  });
});
