import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeSecret, type ExchangeCredentials } from '../../../../core/keys/index.ts';
import { checkServiceKey, type ServiceKeyCheck } from '../../../../core/keys/serviceCheck/index.ts';
import { defaultPermissions, startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const KEY = { apiKey: 'FAKE-KEY-SERVICE-CHECK-0001', secret: 'FAKE-SECRET-SERVICE-CHECK-0001' };

const credentials = (overrides: Partial<typeof KEY> = {}): ExchangeCredentials => ({
  apiKey: makeSecret(overrides.apiKey ?? KEY.apiKey),
  secret: makeSecret(overrides.secret ?? KEY.secret),
});

const codes = (check: ServiceKeyCheck): string[] => check.findings.map((f) => f.code);
const codeOf = (check: ServiceKeyCheck, topic: string): string[] => check.findings.filter((f) => f.topic === topic).map((f) => f.code);

let fake: FakeExchange;
beforeAll(async () => { fake = await startFakeExchange({ account: { credentials: { ...KEY } } }); });
afterAll(async () => { await fake.close(); });
beforeEach(() => {
  fake.account.setPermissions(defaultPermissions(Date.now()));
  fake.account.setRequestIpAllowed(true);
  fake.faults.clear();
});

const check = (options: Parameters<typeof checkServiceKey>[2] = {}, creds = credentials()) =>
  checkServiceKey('binance', creds, { apiBaseUrl: fake.url, timeoutMs: 3_000, ...options });

describe('checking a Binance key for a service, through real ccxt against the fake exchange', () => {
  it('finds no red flag in a trade-only key restricted to IP addresses, and says what it read', async () => {
    const result = await check();
    expect(result.exchange).toBe('binance');
    expect(result.verdict).toBe('no_red_flags_found');
    expect(codeOf(result, 'withdraw')).toEqual(['KEY_CANNOT_WITHDRAW']);
    // Binance says whether a key is restricted, not to which addresses.
    expect(codeOf(result, 'ip')).toEqual(['KEY_IP_RESTRICTED_LIST_NOT_REPORTED']);
    expect(codeOf(result, 'futures')).toEqual(['KEY_CANNOT_TRADE_FUTURES']);
    expect(codeOf(result, 'margin')).toEqual(['KEY_CANNOT_TRADE_MARGIN']);
    expect(result.permissions).toMatchObject({ canWithdraw: false, canTrade: true, ipRestricted: true });
    expect(result.source?.endpoint).toBe('GET /sapi/v1/account/apiRestrictions');
    expect(fake.inspect.requests().some((r) => r.path === '/sapi/v1/account/apiRestrictions' && r.status === 200)).toBe(true);
  });

  it('raises a red flag for a key that can withdraw', async () => {
    fake.account.setPermissions({ enableWithdrawals: true });
    const result = await check();
    expect(result.verdict).toBe('red_flags');
    expect(result.findings.find((f) => f.topic === 'withdraw')).toMatchObject({ code: 'KEY_CAN_WITHDRAW', severity: 'red_flag' });
  });

  it('cautions about a key that works from any address, without calling it a red flag', async () => {
    fake.account.setPermissions({ ipRestrict: false });
    const result = await check();
    expect(result.findings.find((f) => f.topic === 'ip')).toMatchObject({ code: 'KEY_IP_NOT_RESTRICTED', severity: 'caution' });
    expect(result.verdict).toBe('no_red_flags_found');
  });

  it('cannot confirm the service’s addresses when Binance does not list the key’s', async () => {
    const result = await check({ servicePublishedIps: ['203.0.113.7'] });
    expect(codeOf(result, 'ip')).toEqual(['KEY_IP_RESTRICTED_LIST_NOT_REPORTED_COMPARE']);
    expect(result.verdict).toBe('could_not_confirm');
  });

  it('cautions about futures and margin permissions', async () => {
    fake.account.setPermissions({ enableFutures: true, enableMargin: true });
    const result = await check();
    expect(codeOf(result, 'futures')).toEqual(['KEY_CAN_TRADE_FUTURES']);
    expect(codeOf(result, 'margin')).toEqual(['KEY_CAN_TRADE_MARGIN']);
    expect(result.findings.filter((f) => f.topic === 'futures' || f.topic === 'margin').every((f) => f.severity === 'caution')).toBe(true);
  });

  it('says how old the key is, from the exchange’s creation time', async () => {
    const nowMs = Date.UTC(2026, 0, 31, 12);
    // Created 200 days and 1 hour before "now": floor((200 d + 1 h) / 1 d) = 200 whole days.
    fake.account.setPermissions({ createTime: nowMs - 200 * DAY_MS - 3_600_000 });
    const old = await check({ nowMs: () => nowMs });
    expect(old.findings.find((f) => f.topic === 'age')).toMatchObject({ code: 'KEY_AGE_OLD', severity: 'caution', params: { ageDays: 200, limitDays: 90 } });
    fake.account.setPermissions({ createTime: nowMs - 3 * DAY_MS });
    const fresh = await check({ nowMs: () => nowMs });
    expect(fresh.findings.find((f) => f.topic === 'age')).toMatchObject({ code: 'KEY_AGE', params: { ageDays: 3 } });
  });

  it('confirms nothing when the secret is wrong', async () => {
    const result = await check({}, credentials({ secret: 'FAKE-SECRET-WRONG-0001' }));
    expect(result.verdict).toBe('could_not_confirm');
    expect(codes(result)).toEqual(['KEY_READ_REJECTED', 'KEY_WITHDRAW_NOT_CONFIRMED', 'KEY_IP_NOT_CONFIRMED', 'KEY_FUTURES_NOT_CONFIRMED', 'KEY_MARGIN_NOT_CONFIRMED']);
    expect(result.permissions).toBeUndefined();
    expect(fake.inspect.requests().at(-1)).toMatchObject({ status: 400, code: -1022 });
  });

  it('confirms nothing when the key only works from other addresses (the service’s)', async () => {
    fake.account.setRequestIpAllowed(false);
    const result = await check();
    expect(codeOf(result, 'read')).toEqual(['KEY_READ_REJECTED']);
    expect(result.verdict).toBe('could_not_confirm');
  });

  it('confirms nothing on an HTTP 500', async () => {
    fake.faults.add({ method: 'GET', path: '/sapi/v1/account/apiRestrictions', times: 1, fault: { kind: 'serverError', status: 500 } });
    const result = await check();
    expect(codeOf(result, 'read')).toEqual(['KEY_READ_EXCHANGE_ERROR']);
    expect(result.verdict).toBe('could_not_confirm');
  });

  it('confirms nothing when the exchange does not answer in time', async () => {
    fake.faults.add({ method: 'GET', path: '/sapi/v1/account/apiRestrictions', times: 1, fault: { kind: 'latency', ms: 2_000 } });
    const result = await check({ timeoutMs: 300 });
    expect(codeOf(result, 'read')).toEqual(['KEY_READ_TIMEOUT']);
    expect(result.verdict).toBe('could_not_confirm');
  });

  it('confirms nothing when the exchange cannot be reached', async () => {
    const result = await checkServiceKey('binance', credentials(), { apiBaseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    expect(codeOf(result, 'read')).toEqual(['KEY_READ_NETWORK']);
    expect(result.verdict).toBe('could_not_confirm');
  });
});

describe('a key that cannot be a key: nothing is sent', () => {
  let before = 0;
  beforeEach(() => { before = fake.inspect.requests().length; });
  afterEach(() => { expect(fake.inspect.requests().length).toBe(before); });

  it.each([
    ['an empty secret', credentials({ secret: '   ' }), 'KEY_MALFORMED_SECRET_BLANK'],
    ['a key with a space inside', credentials({ apiKey: 'FAKE-KEY SERVICE' }), 'KEY_MALFORMED_API_KEY_CHARACTERS'],
    ['a key with a zero-width space', credentials({ apiKey: 'FAKE-KEY\u200bSERVICE' }), 'KEY_MALFORMED_API_KEY_CHARACTERS'],
    ['a key far too long', credentials({ apiKey: 'K'.repeat(10_001) }), 'KEY_MALFORMED_API_KEY_TOO_LONG'],
  ])('reports %s', async (_case, creds, code) => {
    const result = await check({}, creds);
    expect(result.findings[0]).toMatchObject({ topic: 'key', code, severity: 'not_confirmed' });
    expect(codeOf(result, 'withdraw')).toEqual(['KEY_WITHDRAW_NOT_CONFIRMED']);
    expect(result.verdict).toBe('could_not_confirm');
  });

  it('drops a trailing line break from copy and paste instead of refusing the key', async () => {
    const result = await check({}, credentials({ apiKey: `${KEY.apiKey}\n`, secret: ` ${KEY.secret}\r\n` }));
    expect(codeOf(result, 'withdraw')).toEqual(['KEY_CANNOT_WITHDRAW']);
    before += 1;
  });

  it('reports an exchange Ballast cannot check without repeating what was typed', async () => {
    const result = await checkServiceKey('FAKE-KEY-PASTED-IN-THE-WRONG-FIELD', credentials(), { apiBaseUrl: fake.url });
    expect(result.exchange).toBeNull();
    expect(result.findings[0]).toMatchObject({ code: 'KEY_EXCHANGE_NOT_SUPPORTED' });
    expect(JSON.stringify(result)).not.toContain('WRONG-FIELD');
    expect(result.verdict).toBe('could_not_confirm');
  });
});
