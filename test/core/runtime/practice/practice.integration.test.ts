import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppStatus, KeyView, LiveBotView, PendingKeyView, PracticeGateView, PracticeStatusView, StartLiveResult, StartPracticeResult } from '../../../../core/contract/index.ts';
import { LIVE_CONFIRMATION_PHRASE } from '../../../../core/keys/index.ts';
import { startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';
import { CANARY, CANARY_VALUES, everythingSeen, startKeysCore, type KeysCoreUnderTest } from '../support/keysCore.ts';

const HOUR_MS = 3_600_000;
/** The real BTC/USDT hours: the trend follower turns bullish on the bar of 2021-01-23 04:00 UTC. */
const START = '2021-01-23T04:00:00Z';
const LOT_STEP_BASE = 0.00001;
const SHARE_QUOTE = 5_000;

const opened: KeysCoreUnderTest[] = [];
const fakes: FakeExchange[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const fake of fakes.splice(0)) await fake.close();
  removeTempDirs();
});

async function fakeExchange(testnet: boolean): Promise<FakeExchange> {
  const fake = await startFakeExchange({ startAt: START, testnet, account: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret } } });
  fakes.push(fake);
  return fake;
}

async function practiceCore(fake: FakeExchange, dataDir = tempDir('practice')): Promise<KeysCoreUnderTest> {
  const app = await startKeysCore({ fake, core: { dataDir, nowMs: () => fake.clock.nowMs(), liveBotPollMs: 20 } });
  opened.push(app);
  app.readiness.strategyId = 'trend-follower';
  app.readiness.paper = { paperDays: 8, paperTrades: 25 };
  app.readiness.riskLimitsSet = true;
  return app;
}

async function saveKey(app: KeysCoreUnderTest, environment: 'testnet' | 'live', label: string): Promise<KeyView> {
  const checked = await app.value<PendingKeyView>('verifyNewKey', { exchange: 'binance', environment, label, apiKey: CANARY.apiKey, secret: CANARY.secret });
  return app.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
}

const practiceBot = async (app: KeysCoreUnderTest): Promise<LiveBotView> => (await app.value<PracticeStatusView>('getPracticeStatus')).bot;
const sapiRequests = (fake: FakeExchange) => fake.inspect.requests().filter((r) => r.path.startsWith('/sapi')).length;
const ballastOpen = (fake: FakeExchange) => fake.inspect.openOrders('BTCUSDT').filter((order) => !order.clientOrderId.startsWith('web_'));

async function nextBars(app: KeysCoreUnderTest, fake: FakeExchange, hours = 1): Promise<LiveBotView> {
  fake.clock.advance(hours * HOUR_MS);
  const expected = Math.floor(fake.clock.nowMs() / HOUR_MS) * HOUR_MS - HOUR_MS;
  await vi.waitFor(async () => { expect((await practiceBot(app)).lastBarOpenTimeMs).toBe(expected); }, { timeout: 20_000, interval: 20 });
  await app.core.practiceBot.settled();
  return practiceBot(app);
}

describe('practice on the exchange’s practice site, through the composed core, on the fake Binance in testnet mode (no /sapi)', () => {
  it('keeps a test-network key the practice site accepts, records "not applicable: virtual funds" for it, and runs the live bot there with confirmed stops', async () => {
    const fake = await fakeExchange(true);
    const dataDir = tempDir('practice');
    const app = await practiceCore(fake, dataDir);

    // The wizard: the permission check cannot run there (ccxt NotSupported, nothing sent); the signed balance read can.
    const checked = await app.value<PendingKeyView>('verifyNewKey', { exchange: 'binance', environment: 'testnet', label: 'Practice', apiKey: CANARY.apiKey, secret: CANARY.secret });
    expect(checked.check.permissions.canWithdraw).toBe('unknown');
    expect(checked.practiceSite).toEqual({ host: 'testnet.binance.vision', answer: 'accepted' });
    expect(checked.canSave).toBe(true);
    const key = await app.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
    expect(key.environment).toBe('testnet');

    const gate = await app.value<PracticeGateView>('getPracticeGate', { keyId: key.id });
    expect(gate).toMatchObject({ allowed: true, host: 'testnet.binance.vision' });
    const status = Object.fromEntries(gate.items.map((item) => [item.id, item.status]));
    expect(status).toEqual({
      'test-key': 'pass', 'practice-site': 'pass', 'key-works': 'pass', 'withdraw-off': 'not_applicable', 'risk-limits': 'pass', 'strategy': 'pass',
      'no-futures-or-margin': 'not_applicable', 'key-age': 'not_applicable', 'confirmation': 'not_applicable', 'paper-record': 'not_applicable',
    });

    // The same key can never start live trading, whatever was recorded for practice.
    const live = await app.call('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    expect(live).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect((await app.call('getLiveGate', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE }))).toMatchObject({ ok: false, error: { code: 'REFUSED' } });

    const started = await app.value<StartPracticeResult>('startPractice', { keyId: key.id, shareQuote: SHARE_QUOTE });
    expect(started.started).toBe(true);
    expect(started.practice).toMatchObject({
      on: true, keyId: key.id, exchange: 'binance', host: 'testnet.binance.vision',
      withdrawRecord: { verdict: 'not_applicable_virtual_funds', keyId: key.id, exchange: 'binance', host: 'testnet.binance.vision', permissionCheck: 'not_served' },
    });
    expect((await app.value<AppStatus>('getAppStatus')).mode).toBe('testnet');
    expect(await app.value('getLiveStatus')).toMatchObject({ mode: 'paper' });
    // Still not unlocked: live is refused while practice runs, and the key's record keeps withdraw unknown.
    expect(await app.call('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
    expect((await app.value<{ keys: KeyView[] }>('listKeys')).keys[0]?.permissions?.canWithdraw).toBe('unknown');
    expect(await app.call('deleteKey', { keyId: key.id, confirmed: true })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });

    let bot = await practiceBot(app);
    expect(bot).toMatchObject({ phase: 'running', symbol: 'BTC/USDT', shareQuote: SHARE_QUOTE, quoteAsset: 'USDT' });
    expect(bot.lastCheck).toMatchObject({ verdict: 'trade', reason: 'startup' });

    // The bar of 04:00 closes bullish: an entry on the practice site, and its stop resting there.
    bot = await nextBars(app, fake);
    expect(bot.ordersSent).toBe(1);
    expect(bot.positions[0]).toMatchObject({ symbol: 'BTC/USDT', protection: 'protected' });
    const stops = ballastOpen(fake).filter((order) => order.type === 'STOP_LOSS_LIMIT' && order.side === 'SELL');
    expect(stops).toHaveLength(1);
    expect(stops[0]!.origAmountBase).toBeCloseTo(Math.floor(bot.positions[0]!.amountBase / LOT_STEP_BASE + 1e-9) * LOT_STEP_BASE, 8);

    // Practice keeps its own journal: the real account's record stays untouched.
    expect(existsSync(join(dataDir, 'practice', 'binance-orders.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'live', 'binance-orders.sqlite'))).toBe(false);

    // Kill keeps the stops, as in live.
    await app.value('kill', { confirmed: true });
    bot = await practiceBot(app);
    expect(bot.lastKill).toMatchObject({ choice: 'keep_stops', done: true });
    expect(ballastOpen(fake).map((order) => order.type)).toEqual(['STOP_LOSS_LIMIT']);

    const stopped = await app.value<PracticeStatusView>('stopPractice');
    expect(stopped.on).toBe(false);
    expect((await app.value<AppStatus>('getAppStatus')).mode).toBe('paper');
    // The permission endpoint is absent there and was never reached.
    expect(sapiRequests(fake)).toBe(0);
    for (const value of CANARY_VALUES) expect(everythingSeen(app.seen)).not.toContain(value);
  }, 120_000);

  it('refuses practice with a key for the real account before sending anything with it', async () => {
    const fake = await fakeExchange(false);
    const app = await practiceCore(fake);
    const liveKey = await saveKey(app, 'live', 'Main');
    const requestsBefore = fake.inspect.requests().length;

    const gate = await app.value<PracticeGateView>('getPracticeGate', { keyId: liveKey.id });
    expect(gate.allowed).toBe(false);
    expect(gate.items.find((item) => item.id === 'test-key')).toMatchObject({ status: 'fail' });
    expect(gate.items.find((item) => item.id === 'practice-site')).toMatchObject({ status: 'fail' });
    const started = await app.value<StartPracticeResult>('startPractice', { keyId: liveKey.id });
    expect(started).toMatchObject({ started: false, practice: { on: false, withdrawRecord: null } });
    expect(fake.inspect.requests().length).toBe(requestsBefore);
    expect((await app.value<AppStatus>('getAppStatus')).mode).toBe('paper');
  }, 60_000);

  it('never runs practice and live together', async () => {
    const fake = await fakeExchange(false);
    const app = await practiceCore(fake);
    const liveKey = await saveKey(app, 'live', 'Main');
    const testKey = await saveKey(app, 'testnet', 'Practice');

    expect((await app.value<StartPracticeResult>('startPractice', { keyId: testKey.id, shareQuote: SHARE_QUOTE })).started).toBe(true);
    expect(await app.call('startLive', { keyId: liveKey.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
    await app.value('stopPractice');

    expect((await app.value<StartLiveResult>('startLive', { keyId: liveKey.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE, shareQuote: SHARE_QUOTE })).started).toBe(true);
    expect(await app.call('startPractice', { keyId: testKey.id })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
    expect((await app.value<AppStatus>('getAppStatus')).mode).toBe('live');
    await app.value('stopLive');
  }, 60_000);
});
