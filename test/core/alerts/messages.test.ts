import { describe, expect, it } from 'vitest';
import {
  ALERT_CODES, CHANNEL_STATUS_CODES, alertMessages, deliveryText, emailContent, fillTemplate, telegramHtml, plainText, type OutgoingDelivery,
} from '../../../core/alerts/index.ts';
import { alertOfEveryCode, recorded } from './support/sampleAlerts.ts';

const reader = { timeZone: 'Europe/Berlin' };

function single(alert: ReturnType<typeof recorded>, maybeRepeat = false): OutgoingDelivery {
  return { deliveryId: 1, channel: 'email', kind: 'alert', dedupKey: `${alert.id}.email`, alerts: [alert], maybeRepeat, documentHtml: null };
}

describe('alert words', () => {
  it('has a title and body for every alert code and words for every channel status', () => {
    for (const code of ALERT_CODES) {
      expect(alertMessages.alert[code].title.length, code).toBeGreaterThan(5);
      expect(alertMessages.alert[code].body.length, code).toBeGreaterThan(20);
    }
    for (const code of CHANNEL_STATUS_CODES) expect(alertMessages.channelStatus[code].length, code).toBeGreaterThan(10);
  });

  it('fills every placeholder of every template from the parameters its rule produces', () => {
    const samples = alertOfEveryCode();
    expect(new Set(samples.map((sample) => sample.code))).toEqual(new Set(ALERT_CODES));
    for (const sample of samples) {
      const text = plainText(deliveryText(single(recorded(sample)), reader));
      expect(text, sample.code).not.toMatch(/\{\{|\}\}/);
      // '?' stands for a parameter the rule did not provide.
      expect(text, sample.code).not.toMatch(/\s\?(\s|\.|,|$)/);
    }
  });

  it('never uses words that promise results', () => {
    const everything = JSON.stringify(alertMessages).toLowerCase();
    for (const word of ['guarantee', 'win rate', 'risk-free', 'profit guaranteed']) expect(everything).not.toContain(word);
  });

  it('formats numbers with grouping and times in the person\'s time zone', () => {
    // 2024-05-01 12:00 UTC is 14:00 in Berlin (CEST, UTC+2).
    expect(fillTemplate('{{x, number}} at {{t, datetime}}', { x: 12345.678, t: Date.UTC(2024, 4, 1, 12, 0) }, reader)).toBe('12,345.68 at 1 May 2024, 14:00 CEST');
    expect(fillTemplate('{{missing}} {{nothing}}', { nothing: null }, reader)).toBe('? —');
  });
});

describe('rendering for each channel', () => {
  const rejected = alertOfEveryCode().find((sample) => sample.code === 'ORDER_REJECTED');
  if (rejected === undefined) throw new Error('sample missing');
  const alert = recorded(rejected);

  it('escapes the exchange\'s own words for Telegram HTML and keeps the reference', () => {
    const html = telegramHtml(deliveryText(single(alert), reader));
    expect(html).toContain('Filter failure: NOTIONAL &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).not.toContain('<b>&</b>');
    expect(html.startsWith('<b>The exchange refused an order: MIN_NOTIONAL</b>')).toBe(true);
    expect(html).toMatch(/Ref [0-9A-F]{4}-[0-9A-F]{4}/);
  });

  it('gives email a subject, a plain part and an escaped HTML part without external resources', () => {
    const content = emailContent(deliveryText(single(alert), reader), reader);
    expect(content.subject).toBe('Ballast: The exchange refused an order: MIN_NOTIONAL');
    expect(content.text).toContain('Filter failure: NOTIONAL <b>&</b>');
    expect(content.html).toContain('NOTIONAL &lt;b&gt;&amp;&lt;/b&gt;');
    expect(content.html).not.toMatch(/<(img|script|link|iframe)\b|https?:\/\//i);
  });

  it('marks critical alerts as urgent and a possible repeat as such', () => {
    const killed = alertOfEveryCode().find((sample) => sample.code === 'TRADING_STATE_KILLED');
    if (killed === undefined) throw new Error('sample missing');
    const text = deliveryText(single(recorded(killed), true), reader);
    expect(emailContent(text, reader).subject).toBe('Ballast: URGENT: Ballast was stopped (Kill)');
    expect(text.paragraphs[0]).toBe(alertMessages.delivery.maybeRepeat);
  });

  it('lists a digest\'s alerts oldest first and caps a long one', () => {
    const alerts = Array.from({ length: 35 }, (_, index) => recorded({ ...rejected, occurrenceKey: `r-${index}`, atMs: rejected.atMs + index * 60_000 }));
    const text = deliveryText({ deliveryId: 9, channel: 'telegram', kind: 'digest', dedupKey: 'dg-abc.telegram', alerts, maybeRepeat: false, documentHtml: null }, reader);
    expect(text.title).toBe('35 more alerts from Ballast');
    const lines = text.paragraphs[1]?.split('\n') ?? [];
    // 30 lines shown, then "…and 5 more".
    expect(lines).toHaveLength(31);
    expect(lines[30]).toContain('and 5 more');
    expect(lines[0]).toContain('14:00');
  });
});
