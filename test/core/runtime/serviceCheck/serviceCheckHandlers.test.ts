import { afterEach, describe, expect, it } from 'vitest';
import type {
  ChecklistVerdictView, ClaimScanView, ServiceCheckExport, ServiceCheckReportList, ServiceCheckReportView, ServiceChecklistView,
  ServiceKeyCheckView,
} from '../../../../core/contract/index.ts';
import { CHECKLIST_QUESTIONS } from '../../../../core/keys/serviceCheck/index.ts';
import { CANARY, startServiceCheckCore, type ServiceCheckCore } from './serviceCheckCore.ts';

let app: ServiceCheckCore | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

const pasted = { exchange: 'binance', apiKey: CANARY.apiKey, secret: CANARY.secret };
const codes = (check: ServiceKeyCheckView): string[] => check.findings.map((f) => f.code);

describe('"Check a bot service" through the composed core', () => {
  it('reads a key from the exchange: withdrawals on is a red flag, a trade-only key restricted to addresses is described', async () => {
    app = await startServiceCheckCore();
    app.fake.account.setPermissions({ enableWithdrawals: true, ipRestrict: false });
    const withdraws = await app.value<ServiceKeyCheckView>('checkServiceKey', pasted);
    expect(withdraws.verdict).toBe('red_flags');
    expect(withdraws.findings[0]).toMatchObject({ topic: 'withdraw', severity: 'red_flag', code: 'KEY_CAN_WITHDRAW' });
    expect(codes(withdraws)).toContain('KEY_IP_NOT_RESTRICTED');

    app.fake.account.setPermissions({ enableWithdrawals: false, ipRestrict: true });
    const tradeOnly = await app.value<ServiceKeyCheckView>('checkServiceKey', pasted);
    expect(tradeOnly.verdict).not.toBe('red_flags');
    expect(codes(tradeOnly)).toEqual(expect.arrayContaining(['KEY_CANNOT_WITHDRAW', 'KEY_IP_RESTRICTED_LIST_NOT_REPORTED', 'KEY_CAN_TRADE']));
    expect(tradeOnly.permissions).toMatchObject({ canWithdraw: false, canTrade: true, ipRestricted: true });
    expect(tradeOnly.checkId).not.toBe(withdraws.checkId);

    // Binance says only that a list exists, so it cannot be compared with the service's addresses.
    const compared = await app.value<ServiceKeyCheckView>('checkServiceKey', { ...pasted, servicePublishedIps: ['203.0.113.7'] });
    expect(codes(compared)).toContain('KEY_IP_RESTRICTED_LIST_NOT_REPORTED_COMPARE');
    expect(compared.verdict).toBe('could_not_confirm');
  });

  it('never says more than it knows: a wrong secret or an exchange error confirms nothing', async () => {
    app = await startServiceCheckCore();
    const wrong = await app.value<ServiceKeyCheckView>('checkServiceKey', { ...pasted, secret: 'FAKE-SECRET-not-this-one-0000' });
    expect(wrong.verdict).toBe('could_not_confirm');
    expect(codes(wrong)).toEqual(expect.arrayContaining(['KEY_READ_REJECTED', 'KEY_WITHDRAW_NOT_CONFIRMED']));
    expect(wrong.permissions).toBeUndefined();

    app.fake.faults.add({ method: 'GET', path: '/sapi/v1/account/apiRestrictions', times: 1, fault: { kind: 'serverError', status: 500 } });
    const failed = await app.value<ServiceKeyCheckView>('checkServiceKey', pasted);
    expect(failed.verdict).toBe('could_not_confirm');
    expect(codes(failed)).toContain('KEY_WITHDRAW_NOT_CONFIRMED');

    const blank = await app.value<ServiceKeyCheckView>('checkServiceKey', { ...pasted, secret: '' });
    expect(codes(blank)).toContain('KEY_MALFORMED_SECRET_BLANK');
    expect(blank.verdict).toBe('could_not_confirm');
  });

  it('scans claims with their positions, gives the questions and judges answers', async () => {
    app = await startServiceCheckCore();
    const text = 'Our bot pays a guaranteed 2% daily. Join now!';
    const scan = await app.value<ClaimScanView>('scanServiceClaims', { text });
    expect(scan.verdict).toBe('red_flags');
    for (const match of scan.matches) expect(text.slice(match.start, match.end)).toBe(match.text);
    expect(scan.matches.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['guarantee']));
    expect(scan.matches.some((m) => m.text.includes('2% daily'))).toBe(true);
    expect((await app.value<ClaimScanView>('scanServiceClaims', { text: 'Fees are 0.1% per trade.' })).verdict).toBe('no_red_flags_found');

    const checklist = await app.value<ServiceChecklistView>('getServiceChecklist');
    expect(checklist.questions.map((q) => q.id)).toEqual(CHECKLIST_QUESTIONS.map((q) => q.id));
    expect(checklist.questions.every((q) => q.options.some((o) => o.id === 'not_sure'))).toBe(true);

    const red = await app.value<ChecklistVerdictView>('judgeServiceChecklist', { answers: { withdrawal: 'must_be_on' } });
    expect(red.level).toBe('red_flags');
    expect(red.reasons[0]).toMatchObject({ code: 'CHECKLIST_WITHDRAWAL_RED', severity: 'red_flag' });
    const allGreen = Object.fromEntries(CHECKLIST_QUESTIONS.map((q) => [q.id, q.options.find((o) => o.severity === 'green')!.id]));
    expect((await app.value<ChecklistVerdictView>('judgeServiceChecklist', { answers: allGreen })).level).toBe('no_red_flags_found');
    const { fees: _unanswered, ...allButFees } = allGreen;
    const open = await app.value<ChecklistVerdictView>('judgeServiceChecklist', { answers: allButFees });
    expect(open.level).toBe('could_not_confirm');
    expect(open.notChecked).toEqual(['fees']);
  });

  it('saves a dated report with the key check held in main, lists it and exports it as a web page and as JSON', async () => {
    app = await startServiceCheckCore();
    app.fake.account.setPermissions({ enableWithdrawals: true });
    const check = await app.value<ServiceKeyCheckView>('checkServiceKey', pasted);
    const saved = await app.value<ServiceCheckReportView>('saveServiceCheckReport', {
      serviceName: 'Moon Bot Pro', answers: { custody: 'stays_with_me' }, keyCheckId: check.checkId, claimText: 'Guaranteed 2% daily',
    });
    expect(saved).toMatchObject({ verdict: 'red_flags', serviceName: 'Moon Bot Pro', keyChecked: true, claimsScanned: true });
    expect(saved.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['KEY_CAN_WITHDRAW', 'CLAIM_GUARANTEE']));

    const list = await app.value<ServiceCheckReportList>('listServiceCheckReports');
    expect(list).toEqual({ reports: [saved], damaged: 0 });

    const html = await app.value<ServiceCheckExport>('exportServiceCheckReport', { reportId: saved.reportId, format: 'html' });
    expect(html.mimeType).toBe('text/html');
    expect(html.fileName).toMatch(/^ballast-service-check-\d{4}-\d{2}-\d{2}-moon-bot-pro\.html$/);
    expect(html.content).toContain('<mark>Guaranteed</mark>');
    expect(html.content).toContain('Red flag: this key can withdraw funds.');
    const json = await app.value<ServiceCheckExport>('exportServiceCheckReport', { reportId: saved.reportId, format: 'json' });
    expect(JSON.parse(json.content)).toMatchObject({ format: 'ballast.service-check', verdict: 'red_flags', serviceName: 'Moon Bot Pro' });

    const unknown = await app.call('saveServiceCheckReport', { answers: {}, keyCheckId: 'not-a-check' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    const missing = await app.call('exportServiceCheckReport', { reportId: '../../etc/passwd', format: 'html' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
  });
});
