import ccxt from 'ccxt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createExchangeClient, evaluatePracticeGate, isOnPracticeSite, KeysError, makeSecret, practiceSiteOf,
  type PracticeGateInputs, type PermissionReport,
} from '../../../../core/keys/index.ts';
import { PracticeSession } from '../../../../core/runtime/practice/practiceSession.ts';

const credentials = { apiKey: makeSecret('FAKE-KEY-practice-gate'), secret: makeSecret('FAKE-SECRET-practice-gate') };
const binanceSite = practiceSiteOf('binance');

const notServed: PermissionReport = {
  exchange: 'binance', endpoint: 'GET /sapi/v1/account/apiRestrictions', checkedAtMs: 1_000, canWithdraw: 'unknown', canTrade: 'unknown', marginEnabled: 'unknown',
  futuresEnabled: 'unknown', ipRestricted: 'unknown', problems: [], fieldsConsulted: [], readFailure: { code: 'UNSUPPORTED', detail: 'NotSupported' },
};

const allGood: PracticeGateInputs = {
  keyId: 'key-1', environment: 'testnet', nowMs: 1_000, site: binanceSite, clientOnPracticeSite: true, keyAnswer: { kind: 'accepted' },
  permissionReport: notServed, riskLimits: { configured: true }, strategyChosen: true,
};

afterEach(() => { vi.restoreAllMocks(); });

describe('practice sites', () => {
  it('names Binance’s spot testnet, Bybit’s testnet and OKX’s demo (on the real host, marked by its header)', () => {
    expect(practiceSiteOf('binance')).toEqual({ ok: true, site: { exchange: 'binance', host: 'testnet.binance.vision' } });
    expect(practiceSiteOf('bybit')).toEqual({ ok: true, site: { exchange: 'bybit', host: 'api-testnet.bybit.com' } });
    expect(practiceSiteOf('okx')).toEqual({ ok: true, site: { exchange: 'okx', host: 'www.okx.com', demoHeader: 'x-simulated-trading' } });
  });

  it('refuses in plain words an exchange whose ccxt class has no test URL, without ever switching it to sandbox mode', () => {
    const sandbox = vi.spyOn(ccxt.kraken.prototype, 'setSandboxMode');
    for (const exchange of ['kraken', 'kucoin', 'coinbase', 'bitget'] as const) {
      const site = practiceSiteOf(exchange);
      expect(site.ok).toBe(false);
      if (!site.ok) expect(site.reason).toMatch(/no practice site Ballast can use.*use paper trading/i);
    }
    expect(() => createExchangeClient('kraken', credentials, { environment: 'testnet' })).toThrow(KeysError);
    expect(sandbox).not.toHaveBeenCalled();
  });

  it('tells a client on the practice site from one on the real exchange', () => {
    const site = binanceSite.ok ? binanceSite.site : undefined;
    expect(isOnPracticeSite(createExchangeClient('binance', credentials, { environment: 'testnet' }), site!)).toBe(true);
    expect(isOnPracticeSite(createExchangeClient('binance', credentials, { environment: 'live' }), site!)).toBe(false);
    const okx = practiceSiteOf('okx');
    const demo = createExchangeClient('okx', { ...credentials, passphrase: makeSecret('FAKE-PASS') }, { environment: 'testnet' });
    expect(okx.ok && isOnPracticeSite(demo, okx.site)).toBe(true);
    // Sandbox flag without OKX's demo header would trade on the real account: not the practice site.
    demo.headers = {};
    expect(okx.ok && isOnPracticeSite(demo, okx.site)).toBe(false);
  });
});

describe('the practice checklist', () => {
  it('records "not applicable: virtual funds" bound to the practice site and the key when every other item holds', () => {
    const result = evaluatePracticeGate(allGood);
    expect(result.allowed).toBe(true);
    expect(result.withdrawRecord).toEqual({
      verdict: 'not_applicable_virtual_funds', keyId: 'key-1', environment: 'testnet', exchange: 'binance', host: 'testnet.binance.vision', checkedAtMs: 1_000, permissionCheck: 'not_served',
    });
    const withdraw = result.items.find((item) => item.id === 'withdraw-off');
    expect(withdraw?.status).toBe('not_applicable');
    expect(withdraw?.reason).toMatch(/^Not applicable: virtual funds\./);
  });

  it('refuses a key for the real account even when its client points at a test URL, and records nothing', () => {
    const result = evaluatePracticeGate({ ...allGood, environment: 'live' });
    expect(result.allowed).toBe(false);
    expect(result.withdrawRecord).toBeUndefined();
    expect(result.items.find((item) => item.id === 'test-key')).toMatchObject({ status: 'fail' });
    expect(result.items.find((item) => item.id === 'practice-site')).toMatchObject({ status: 'fail' });
  });

  it.each([
    ['the client is not on the practice site', { clientOnPracticeSite: false }, 'practice-site'],
    ['the practice site refuses the key', { keyAnswer: { kind: 'refused' } }, 'key-works'],
    ['the practice site did not answer', { keyAnswer: { kind: 'unknown', detail: 'RequestTimeout' } }, 'key-works'],
    ['the risk limits are not set', { riskLimits: { configured: false } }, 'risk-limits'],
    ['no strategy is chosen', { strategyChosen: false }, 'strategy'],
  ] as const)('refuses when %s', (_what, change, failing) => {
    const inputs: PracticeGateInputs = { ...allGood, ...change };
    const result = evaluatePracticeGate(inputs);
    expect(result.allowed).toBe(false);
    expect(result.withdrawRecord).toBeUndefined();
    expect(result.items.find((item) => item.id === failing)?.status).not.toBe('pass');
  });

  it('refuses an exchange without a practice site', () => {
    const result = evaluatePracticeGate({ ...allGood, site: practiceSiteOf('kraken') });
    expect(result.allowed).toBe(false);
    expect(result.items.find((item) => item.id === 'practice-site')?.reason).toMatch(/Kraken has no practice site/);
  });

  it('a practice session takes only the record made for its own key', () => {
    const record = evaluatePracticeGate(allGood).withdrawRecord!;
    const session = new PracticeSession();
    expect(() => { session.start('another-key', record, 2_000); }).toThrow();
    expect(session.isOn()).toBe(false);
    session.start('key-1', record, 2_000);
    expect(session.isOn()).toBe(true);
  });
});
