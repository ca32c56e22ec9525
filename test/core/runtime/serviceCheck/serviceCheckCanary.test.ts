import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceCheckReportView, ServiceKeyCheckView } from '../../../../core/contract/index.ts';
import { serviceCheckCommands } from '../../../../core/contract/commands/serviceCheck.ts';
import { CANARY, startServiceCheckCore, type ServiceCheckCore } from './serviceCheckCore.ts';

let app: ServiceCheckCore | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

/** The whole value and any 12-character piece of it: a fragment is a leak too. */
function leaksIn(text: string): string[] {
  return Object.values(CANARY).flatMap((value) => {
    const pieces = [value, ...Array.from({ length: value.length - 11 }, (_, i) => value.slice(i, i + 12))];
    return pieces.filter((piece) => text.includes(piece)).slice(0, 1).map((piece) => `${value} (as "${piece}")`);
  });
}

describe('canary: a key checked for a service is never stored, logged, journaled or sent back', () => {
  it('runs every service check command on success, refusal and failure paths and finds the canary nowhere', async () => {
    app = await startServiceCheckCore();
    const pasted = { exchange: 'binance', apiKey: CANARY.apiKey, secret: CANARY.secret };
    const exercised = new Set<string>();
    const value = <T>(name: keyof typeof serviceCheckCommands, input?: unknown) => { exercised.add(name); return app!.value<T>(name, input); };
    const call = (name: keyof typeof serviceCheckCommands, input?: unknown) => { exercised.add(name); return app!.call(name, input); };

    app.fake.account.setPermissions({ enableWithdrawals: true });
    const withdraws = await value<ServiceKeyCheckView>('checkServiceKey', pasted);
    expect(withdraws.verdict).toBe('red_flags');
    app.fake.account.setPermissions({ enableWithdrawals: false });
    const tradeOnly = await value<ServiceKeyCheckView>('checkServiceKey', { ...pasted, servicePublishedIps: ['203.0.113.7'] });
    expect(tradeOnly.findings.map((f) => f.code)).toContain('KEY_CANNOT_WITHDRAW');
    // A wrong secret, an exchange error, a passphrase where none belongs, a malformed key, the wrong exchange.
    await call('checkServiceKey', { ...pasted, secret: `${CANARY.secret}-wrong` });
    app.fake.faults.add({ method: 'GET', path: '/sapi/v1/account/apiRestrictions', times: 1, fault: { kind: 'serverError', status: 500 } });
    await call('checkServiceKey', pasted);
    await call('checkServiceKey', { ...pasted, passphrase: CANARY.passphrase });
    await call('checkServiceKey', { ...pasted, apiKey: `${CANARY.apiKey} \n${CANARY.secret}` });
    await call('checkServiceKey', { ...pasted, exchange: 'okx', passphrase: CANARY.passphrase });
    // Canaries in the wrong fields or too long: the contract refuses without repeating them.
    await call('checkServiceKey', { ...pasted, exchange: CANARY.apiKey });
    await call('checkServiceKey', { ...pasted, secret: CANARY.secret.repeat(400) });
    await call('checkServiceKey', { ...pasted, servicePublishedIps: [CANARY.secret.repeat(3)] });

    await call('scanServiceClaims', { text: 'Guaranteed 2% daily returns.' });
    await call('getServiceChecklist');
    await call('judgeServiceChecklist', { answers: { withdrawal: 'must_be_on' } });
    const report = await value<ServiceCheckReportView>('saveServiceCheckReport', {
      serviceName: 'Example bot', answers: { withdrawal: 'must_be_off' }, keyCheckId: withdraws.checkId, claimText: 'Only 3 spots left!',
    });
    await call('saveServiceCheckReport', { answers: {}, keyCheckId: tradeOnly.checkId });
    await call('saveServiceCheckReport', { answers: {}, keyCheckId: CANARY.secret });
    await call('listServiceCheckReports');
    await call('exportServiceCheckReport', { reportId: report.reportId, format: 'html' });
    await call('exportServiceCheckReport', { reportId: report.reportId, format: 'json' });
    await call('exportServiceCheckReport', { reportId: CANARY.apiKey, format: 'html' });

    expect([...exercised].sort()).toEqual(Object.keys(serviceCheckCommands).sort());
    // The scans below can only pass vacuously if nothing ran: results, log lines and files exist.
    expect(app.seen.results.filter((r) => (r as { ok: boolean }).ok).length).toBeGreaterThan(12);
    expect(app.seen.logLines.some((line) => line.includes('service key checked'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const files = await app.filesWritten();
    expect(Object.keys(files).some((path) => path.endsWith('journal.sqlite'))).toBe(true);
    expect(Object.keys(files).filter((path) => path.includes('service-checks')).length).toBe(2);

    expect(leaksIn(JSON.stringify(app.seen.results)), 'command results').toEqual([]);
    expect(leaksIn(JSON.stringify(app.seen.events)), 'events').toEqual([]);
    expect(leaksIn(app.seen.logLines.join('\n')), 'log').toEqual([]);
    for (const [path, text] of Object.entries(files)) expect(leaksIn(text), path).toEqual([]);
    // Nothing was saved as one of Ballast's own keys.
    expect((await app.value<{ keys: unknown[] }>('listKeys')).keys).toEqual([]);
  });

  it('would see a leak: the scan finds the canary when it is there', () => {
    expect(leaksIn(`{"apiKey":"${CANARY.apiKey}"}`)).toContain(`${CANARY.apiKey} (as "${CANARY.apiKey}")`);
    expect(leaksIn(`…${CANARY.secret.slice(5, 20)}…`)).toContain(`${CANARY.secret} (as "${CANARY.secret.slice(5, 17)}")`);
    expect(leaksIn('FAKE-KEY- and Ballast’s own words')).toEqual([]);
  });
});
