import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_QUESTIONS, buildServiceCheckReport, serviceCheckReportFromJson, serviceCheckReportToHtml, serviceCheckReportToJson,
  type ChecklistAnswers, type ServiceKeyCheck,
} from '../../../../core/keys/serviceCheck/index.ts';

const CREATED_AT_MS = Date.UTC(2026, 2, 18, 9, 30);
const greenEverywhere: ChecklistAnswers = Object.fromEntries(
  CHECKLIST_QUESTIONS.map((q) => [q.id, q.options.find((o) => o.severity === 'green')!.id]),
);

/** A key check as checkServiceKey returns it for a Kraken key the exchange read in full. */
const keyCheck = (changes: Partial<ServiceKeyCheck> = {}): ServiceKeyCheck => ({
  exchange: 'kraken',
  checkedAtMs: CREATED_AT_MS - 60_000,
  verdict: 'no_red_flags_found',
  findings: [
    { topic: 'withdraw', severity: 'green', code: 'KEY_CANNOT_WITHDRAW', params: {} },
    { topic: 'ip', severity: 'green', code: 'KEY_IP_RESTRICTED_TO', params: { addresses: '203.0.113.7', count: 1 } },
  ],
  permissions: { canWithdraw: false, canTrade: true, futuresEnabled: false, marginEnabled: false, ipRestricted: true, ipAllowlist: ['203.0.113.7'] },
  source: { endpoint: 'POST /0/private/GetApiKeyInfo', fieldsConsulted: ['result.permissions'], readerNotes: [] },
  ...changes,
});

describe('the dated service check report', () => {
  it('finds no red flags only when the checklist, the key and the text all agree, and notes what was not done', () => {
    const report = buildServiceCheckReport({ createdAtMs: CREATED_AT_MS, answers: greenEverywhere, claimText: 'We charge a flat monthly fee.' });
    expect(report.verdict).toBe('no_red_flags_found');
    expect(report.reasons.map((r) => r.code)).toEqual(['REPORT_KEY_NOT_CHECKED', 'REPORT_NO_CLAIMS_FOUND']);
    expect(report.createdAtMs).toBe(CREATED_AT_MS);
  });

  it('takes the least reassuring verdict of its parts', () => {
    const unconfirmedKey = keyCheck({ verdict: 'could_not_confirm', findings: [{ topic: 'read', severity: 'not_confirmed', code: 'KEY_READ_TIMEOUT', params: {} }] });
    expect(buildServiceCheckReport({ createdAtMs: 0, answers: greenEverywhere, keyCheck: unconfirmedKey }).verdict).toBe('could_not_confirm');
    expect(buildServiceCheckReport({ createdAtMs: 0, answers: greenEverywhere, keyCheck: keyCheck(), claimText: 'Earn 2% daily.' }).verdict).toBe('red_flags');
    const withdrawing = keyCheck({ verdict: 'red_flags', findings: [{ topic: 'withdraw', severity: 'red_flag', code: 'KEY_CAN_WITHDRAW', params: {} }] });
    const report = buildServiceCheckReport({ createdAtMs: 0, answers: {}, keyCheck: withdrawing });
    expect(report.verdict).toBe('red_flags');
    expect(report.reasons[0]).toMatchObject({ code: 'KEY_CAN_WITHDRAW', severity: 'red_flag' });
  });

  it('carries each claim found as a red flag with the words found', () => {
    const report = buildServiceCheckReport({ createdAtMs: 0, answers: greenEverywhere, keyCheck: keyCheck(), claimText: 'Only 3 spots left!' });
    expect(report.claimScan?.scan.matches.map((m) => m.ruleId)).toEqual(['urgency']);
    expect(report.reasons).toContainEqual({ code: 'CLAIM_URGENCY', params: { ruleId: 'urgency', text: 'Only 3 spots' }, severity: 'red_flag' });
  });

  it('exports JSON that reads back to the same report, and refuses damaged or altered files', () => {
    const report = buildServiceCheckReport({
      createdAtMs: CREATED_AT_MS, serviceName: 'Example Bot', answers: { withdrawal: 'must_be_on' }, keyCheck: keyCheck(), claimText: 'Guaranteed 2% daily!',
    });
    const json = serviceCheckReportToJson(report);
    expect(serviceCheckReportFromJson(json)).toEqual({ ok: true, report });
    expect(serviceCheckReportFromJson(json.slice(0, 40))).toEqual({ ok: false, code: 'REPORT_NOT_JSON' });
    const altered = JSON.parse(json) as Record<string, unknown>;
    altered['verdict'] = 'safe';
    expect(serviceCheckReportFromJson(JSON.stringify(altered))).toEqual({ ok: false, code: 'REPORT_NOT_A_SERVICE_CHECK' });
  });

  it('exports one self-contained HTML page with every outside text escaped', () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const report = buildServiceCheckReport({
      createdAtMs: CREATED_AT_MS,
      serviceName: `Evil & Co ${hostile}`,
      answers: { ...greenEverywhere, withdrawal: 'must_be_on', terms: 'not_sure' },
      keyCheck: keyCheck({ technicalDetail: hostile }),
      claimText: `Earn 2% daily ${hostile} — only 3 spots left!`,
    });
    const html = serviceCheckReportToHtml(report, { timeZone: 'Europe/Berlin' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    // Only these elements, none of which loads anything; the hostile tags above arrive as text.
    const tags = new Set([...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1]!.toLowerCase()));
    const allowed = ['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'br', 'section', 'strong', 'div', 'ul', 'ol', 'li',
      'span', 'q', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'mark', 'sup', 'footer'];
    expect([...tags].filter((tag) => !allowed.includes(tag))).toEqual([]);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain('Evil &amp; Co &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // 09:30 UTC on 18 March 2026 is 10:30 in Berlin (CET, UTC+1).
    expect(html).toContain('Checked on March 18, 2026 at 10:30 AM GMT+1');
    expect(html).toContain('Red flags found');
    expect(html).toContain('Red flag: they asked for a key that can withdraw. A service never needs this.');
    expect(html).toContain('<mark>2% daily</mark><sup>1</sup>');
    expect(html).toContain('<mark>only 3 spots</mark><sup>2</sup>');
    expect(html).toContain('Ballast did not keep the key.');
    // One row per question.
    expect(html.match(/<tr><td>/g)).toHaveLength(CHECKLIST_QUESTIONS.length);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('{{');
  });

  it('shows unanswered questions as not answered', () => {
    const html = serviceCheckReportToHtml(buildServiceCheckReport({ createdAtMs: 0, answers: {} }), { timeZone: 'UTC' });
    expect(html.match(/Not answered/g)).toHaveLength(CHECKLIST_QUESTIONS.length);
    expect(html).toContain('Could not confirm');
  });
});
