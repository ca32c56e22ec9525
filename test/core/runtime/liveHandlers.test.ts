import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { exchangeHoldsSpotStops } from '../../../core/execution/index.ts';
import { LIVE_CONFIRMATION_PHRASE, makeSecret } from '../../../core/keys/index.ts';
import {
  type Alert, type AppStatus, type KeyView, type LiveGateView, type LiveStatusView, type PendingKeyView,
  type StartLiveResult,
} from '../../../core/contract/index.ts';
import { CANARY, startKeysCore, type KeysCoreUnderTest } from './support/keysCore.ts';
import { removeTempDirs } from '../../support/tempDirs.ts';

// A permission read still in flight when a test's core is closed may write the key file again.
afterAll(removeTempDirs);

let app: KeysCoreUnderTest | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  removeTempDirs();
});

async function savedKey(under: KeysCoreUnderTest): Promise<KeyView> {
  const checked = await under.value<PendingKeyView>('verifyNewKey', {
    exchange: 'binance', environment: 'live', label: 'Main', apiKey: CANARY.apiKey, secret: CANARY.secret,
  });
  return under.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
}

function statusOf(gate: LiveGateView): Record<string, string> {
  return Object.fromEntries(gate.items.map((item) => [item.id, item.status]));
}

async function readyForLive(under: KeysCoreUnderTest): Promise<KeyView> {
  const key = await savedKey(under);
  under.readiness.strategyId = 'trend-follower';
  under.readiness.paper = { paperDays: 8, paperTrades: 25 };
  under.readiness.riskLimitsSet = true;
  return key;
}

describe('the live gate', () => {
  it('refuses with the not-yet-connected defaults, naming each reason', async () => {
    app = await startKeysCore();
    const key = await savedKey(app);
    const result = await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: '' });
    expect(result.started).toBe(false);
    expect(result.live.mode).toBe('paper');
    expect(statusOf(result.gate)).toEqual({
      'withdraw-off': 'pass', 'trade-permission': 'pass', 'no-futures-or-margin': 'pass',
      'risk-limits': 'fail', 'key-age': 'pass', 'confirmation': 'fail', 'paper-record': 'fail', 'exchange-stops': 'pass',
    });
    for (const item of result.gate.items.filter((i) => i.status !== 'pass')) {
      expect(item.reason.length).toBeGreaterThan(10);
      expect(item.fix.length).toBeGreaterThan(10);
    }
    expect(result.gate.confirmationPhrase).toBe(LIVE_CONFIRMATION_PHRASE);
    expect((await app.value<AppStatus>('getAppStatus')).mode).toBe('paper');
  });

  it('re-reads the permissions from the exchange at every evaluation', async () => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    const reads = () => app!.fake.inspect.requests().filter((request) => request.path === '/sapi/v1/account/apiRestrictions').length;
    const before = reads();
    await app.value('getLiveGate', { keyId: key.id, typedConfirmation: '' });
    await app.value('getLiveGate', { keyId: key.id, typedConfirmation: '' });
    expect(reads()).toBe(before + 2);
  });

  it('refuses when withdrawals were switched on after the key was saved', async () => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    app.fake.account.setPermissions({ enableWithdrawals: true });
    const result = await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    expect(result.started).toBe(false);
    expect(result.gate.items.find((item) => item.id === 'withdraw-off')).toMatchObject({
      status: 'fail', reason: 'This key can withdraw funds. Ballast will not use it for live trading.',
    });
  });

  it('starts live when every item passes; withdrawals appearing later kill the bot, alert and end live mode', async () => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    const result = await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: `  ${LIVE_CONFIRMATION_PHRASE}\n` });
    expect(result.started).toBe(true);
    expect(result.gate.allowed).toBe(true);
    expect(result.live).toMatchObject({ mode: 'live', keyId: key.id, lastCheck: 'withdraw-off' });
    expect((await app.value<AppStatus>('getAppStatus')).mode).toBe('live');
    expect((await app.value<{ keys: KeyView[] }>('listKeys')).keys[0]?.inLiveUse).toBe(true);
    expect(await app.call('deleteKey', { keyId: key.id, confirmed: true })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
    expect(await app.call('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });

    // A check that still finds withdrawals off changes nothing.
    app.scheduler.tick?.();
    await vi.waitFor(() => { expect(app!.seen.events.filter((e) => e.name === 'liveStatusChanged').length).toBeGreaterThanOrEqual(2); });
    expect(app.core.tradingState.snapshot().state).toBe('ACTIVE');

    app.fake.account.setPermissions({ enableWithdrawals: true });
    app.scheduler.tick?.();
    await vi.waitFor(() => { expect(app!.core.tradingState.snapshot().state).toBe('KILLED'); });
    expect(app.core.tradingState.snapshot().cause.code).toBe('KEY_CAN_WITHDRAW');
    expect(app.seen.events).toContainEqual({ name: 'alertRaised', payload: expect.objectContaining({ severity: 'critical' }) as unknown });
    expect(await app.value<LiveStatusView>('getLiveStatus')).toMatchObject({ mode: 'paper' });
    expect((await app.value<AppStatus>('getAppStatus')).mode).toBe('paper');
    expect(app.scheduler.tick).toBeUndefined();
  });

  it('a withdraw permission appearing kills the running bot and cancels every open order it had', async () => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    // A paper bot with an order resting on its exchange: a buy below the market.
    await app.value('startPaperBot', { source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'do-nothing', barsPerSecond: 1_000_000, startingBalanceQuote: 10_000 });
    await app.core.bot.whenIdle();
    const dashboard = await app.value<{ candles: { close: number[] } }>('getDashboard');
    const lastClose = dashboard.candles.close.at(-1) ?? 0;
    const placed = await app.value<{ sent: { status: string } | null }>('placeManualOrder', { symbol: 'DEMO/USDT', side: 'buy', fractionOfEquity: 0.001, limitPriceQuote: Math.round(lastClose * 0.995) });
    expect(placed.sent?.status).toBe('OPEN');
    expect(await app.core.bot.openOrdersOnExchange()).toBe(1);

    await app.value('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    app.fake.account.setPermissions({ enableWithdrawals: true });
    app.scheduler.tick?.();
    await vi.waitFor(() => { expect(app!.core.tradingState.snapshot().state).toBe('KILLED'); });
    await vi.waitFor(async () => { expect(await app!.core.bot.openOrdersOnExchange()).toBe(0); });
    expect(app.core.tradingState.snapshot().cause.code).toBe('KEY_CAN_WITHDRAW');
    // Live ended, so the kill can be re-armed into paper trading once the person is ready.
    expect(app.core.tradingState.status().activeTriggers).toEqual([]);
  });

  it('pauses new trades and warns once when the permissions cannot be confirmed, and never resumes by itself', async () => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    await app.value('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    app.fake.faults.add({ method: 'GET', path: '/sapi/v1/account/apiRestrictions', times: 2, fault: { kind: 'serverError', status: 503, body: 'html' } });
    const alerts = () => app!.seen.events.flatMap((e) => (e.name === 'alertRaised' ? [e.payload as Alert] : []));
    const statuses = () => app!.seen.events.flatMap((e) => (e.name === 'liveStatusChanged' ? [e.payload as LiveStatusView] : []));
    const warnings = () => alerts().filter((alert) => alert.severity === 'warning').length;

    app.scheduler.tick?.();
    await vi.waitFor(() => { expect(app!.core.tradingState.snapshot().state).toBe('PAUSED'); });
    expect(app.core.tradingState.snapshot().cause.code).toBe('KEY_PERMISSIONS_UNCONFIRMED');
    app.scheduler.tick?.();
    await vi.waitFor(() => { expect(statuses().filter((status) => status.lastCheck === 'unknown').length).toBe(2); });
    expect(warnings()).toBe(1);
    expect((await app.value<LiveStatusView>('getLiveStatus')).mode).toBe('live');

    app.scheduler.tick?.();
    await vi.waitFor(() => { expect(alerts().some((alert) => alert.severity === 'info')).toBe(true); });
    expect(app.core.tradingState.snapshot().state).toBe('PAUSED');
  });

  it.each(['enableFutures', 'enableMargin'] as const)('%s switched on later pauses new trades and warns once; the kill is kept for withdrawals', async (permission) => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    await app.value('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    const warnings = () => app!.seen.events.filter((e) => e.name === 'alertRaised' && (e.payload as Alert).severity === 'warning').map((e) => (e.payload as Alert).title);
    app.fake.account.setPermissions({ [permission]: true });
    app.scheduler.tick?.();
    await vi.waitFor(() => { expect(app!.core.tradingState.snapshot().state).toBe('PAUSED'); });
    expect(app.core.tradingState.snapshot().cause.code).toBe('KEY_FUTURES_OR_MARGIN_ENABLED');
    app.scheduler.tick?.();
    await vi.waitFor(() => { expect(app!.fake.inspect.requests().filter((r) => r.path === '/sapi/v1/account/apiRestrictions').length).toBeGreaterThanOrEqual(3); });
    expect(warnings()).toEqual(['Live key can now trade futures or margin']);
    expect((await app.value<LiveStatusView>('getLiveStatus')).mode).toBe('live');
  });

  it('stops live trading on request and goes back to paper', async () => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    await app.value('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    expect(await app.value<LiveStatusView>('stopLive')).toMatchObject({ mode: 'paper' });
    expect(app.scheduler.tick).toBeUndefined();
  });

  it('refuses to start while the bot is killed, and refuses test-network keys', async () => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    await app.value('kill', { confirmed: true });
    expect(await app.call('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE }))
      .toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW', message: expect.stringContaining('Re-arm it first') as unknown } });

    // Binance's test network has no key-permission endpoint, so the wizard cannot save such a key; the keystore can.
    const testnetKey = await app.core.keys.ciphers.writer.save({
      exchange: 'binance', environment: 'testnet', label: 'Test', credentials: { apiKey: makeSecret(CANARY.apiKey), secret: makeSecret(CANARY.secret) },
    });
    expect(await app.call('getLiveGate', { keyId: testnetKey.id, typedConfirmation: '' }))
      .toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('test-network key') as unknown } });
  });

  it.each([
    ['Kill', (under: KeysCoreUnderTest) => under.value('kill', { confirmed: true }), 'Re-arm it first'],
    ['Stop', (under: KeysCoreUnderTest) => under.value('stopLive'), 'stopped while Ballast was checking'],
  ] as const)('%s pressed while the exchange is being read wins: live mode does not start afterwards', async (_name, press, words) => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    const under = app;
    // The permission read answers late: the person presses the button in that window.
    under.fake.faults.add({ path: '/sapi/v1/account/apiRestrictions', fault: { kind: 'latency', ms: 400 }, times: 1 });
    const starting = under.call('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    await vi.waitFor(() => {
      expect(under.fake.inspect.requests().some((request) => request.path === '/sapi/v1/account/apiRestrictions')).toBe(true);
    });
    await press(under);
    expect(await starting).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW', message: expect.stringContaining(words) as unknown } });
    expect((await under.value<LiveStatusView>('getLiveStatus')).mode).toBe('paper');
    expect(under.scheduler.tick).toBeUndefined();
  });

  it('refuses to replace the key live mode trades with, before the check and at Save', async () => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    const rotation = { exchange: 'binance', environment: 'live', label: 'Main', apiKey: CANARY.apiKey, secret: CANARY.secret, replacesKeyId: key.id };
    // A rotation checked before live mode started cannot be saved once it runs.
    const checkedBefore = await app.value<PendingKeyView>('verifyNewKey', rotation);
    await app.value('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    const refusal = { ok: false, error: { code: 'NOT_ALLOWED_NOW', message: expect.stringContaining('Stop live trading first, replace the key') as unknown } };
    expect(await app.call('saveVerifiedKey', { verificationId: checkedBefore.verificationId, ipAllowlistChoice: 'allowlist-set' })).toMatchObject(refusal);
    expect(await app.call('verifyNewKey', rotation)).toMatchObject(refusal);
    expect((await app.value<LiveStatusView>('getLiveStatus')).mode).toBe('live');
  });

  it('records the IP allowlist as the exchange reports it, whatever the screen sent', async () => {
    app = await startKeysCore();
    app.fake.account.setPermissions({ ipRestrict: false });
    const key = await savedKey(app); // the screen says "allowlist-set"
    expect(key.ipAllowlistDecision).toMatchObject({ choice: 'declined', source: 'exchange' });
    app.fake.account.setPermissions({ ipRestrict: true });
    await app.value('reverifyKey', { keyId: key.id });
    expect(await app.value<KeyView>('setIpAllowlistDecision', { keyId: key.id, choice: 'declined' })).toMatchObject({ ipAllowlistDecision: { choice: 'allowlist-set', source: 'exchange' } });
  });

  it('a check of the live key from the key list gets the same reaction as the watch', async () => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    await app.value('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    app.fake.account.setPermissions({ enableWithdrawals: true });
    await app.value('reverifyKey', { keyId: key.id });
    expect(app.core.tradingState.snapshot().state).toBe('KILLED');
    expect((await app.value<LiveStatusView>('getLiveStatus')).mode).toBe('paper');
  });
});

describe('the protective-stops item on the live gate', () => {
  it('needs nothing accepted on Binance, whose spot API holds Ballast’s stop orders; every other exchange must be accepted', async () => {
    app = await startKeysCore();
    const key = await readyForLive(app);
    const gate = await app.value<LiveGateView>('getLiveGate', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    expect(gate).toMatchObject({ allowed: true, mustAcceptWatchedStops: false });
    expect(statusOf(gate)['exchange-stops']).toBe('pass');
    expect(exchangeHoldsSpotStops('binance')).toBe(true);
    for (const exchange of ['kraken', 'bybit', 'coinbase', 'okx']) expect(exchangeHoldsSpotStops(exchange)).toBe(false);
  });
});
