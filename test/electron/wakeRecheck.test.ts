import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeTempDirs, tempDir } from '../support/tempDirs.ts';
import type { KeyView, LiveBotView, PendingKeyView, StartLiveResult } from '../../core/contract/index.ts';
import { LIVE_CONFIRMATION_PHRASE } from '../../core/keys/index.ts';
import { recheckAfterWake } from '../../electron/main/wakeRecheck.ts';
import { startFakeExchange, type FakeExchange } from '../fake-exchange/index.ts';
import { StandInOsCipher } from '../core/keys/support/testCiphers.ts';
import { CANARY, startKeysCore, type KeysCoreUnderTest } from '../core/runtime/support/keysCore.ts';

const HOUR_MS = 3_600_000;
const START = '2021-01-23T04:00:00Z';

const opened: KeysCoreUnderTest[] = [];
const fakes: FakeExchange[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const fake of fakes.splice(0)) await fake.close();
  removeTempDirs(); // after the cores that write there are closed
});

const silentLog = { info: () => undefined, error: () => undefined };
const view = (app: KeysCoreUnderTest): Promise<LiveBotView> => app.value<LiveBotView>('getLiveBot');
const externalFindings = (bot: LiveBotView): number => (bot.lastCheck?.findings ?? []).filter((finding) => finding.code === 'EXTERNAL_ORDER').length;

describe('recheckAfterWake', () => {
  it('runs the live check once per resume, keeps a failed check from throwing, and stops listening when disposed', async () => {
    const power = new EventEmitter();
    const reasons: string[] = [];
    const errors: unknown[] = [];
    let fail = false;
    const stop = recheckAfterWake(power, { recheck: (reason) => { reasons.push(reason); return fail ? Promise.reject(new Error('exchange unreachable')) : Promise.resolve(); } }, { info: () => undefined, error: (fields: unknown) => { errors.push(fields); } });
    power.emit('resume');
    fail = true;
    power.emit('resume');
    await vi.waitFor(() => { expect(errors).toHaveLength(1); });
    expect(reasons).toEqual(['wake', 'wake']);
    stop();
    power.emit('resume');
    expect(reasons).toHaveLength(2);
    expect(power.listenerCount('resume')).toBe(0);
  });
});

describe('the live bot after the computer sleeps, through the composed core on the fake Binance', () => {
  it('checks the account against its record before acting on any bar: on the system’s resume and on a gap between its polls', async () => {
    const fake = await startFakeExchange({ startAt: START, account: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret } } });
    fakes.push(fake);
    let wallMs = Date.UTC(2026, 0, 1);
    const app = await startKeysCore({
      fake,
      osCipher: new StandInOsCipher('gnome_libsecret'),
      core: { dataDir: tempDir('wake'), nowMs: () => fake.clock.nowMs(), liveBotPollMs: 20, liveBotWallNowMs: () => wallMs },
    });
    opened.push(app);
    app.readiness.strategyId = 'trend-follower';
    app.readiness.paper = { paperDays: 8, paperTrades: 25 };
    app.readiness.riskLimitsSet = true;
    const checked = await app.value<PendingKeyView>('verifyNewKey', { exchange: 'binance', environment: 'live', label: 'Main', apiKey: CANARY.apiKey, secret: CANARY.secret });
    const key = await app.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
    await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE, shareQuote: 5_000 });
    expect((await view(app)).lastCheck).toMatchObject({ reason: 'startup', verdict: 'trade' });
    expect(externalFindings(await view(app))).toBe(0);

    // The system says it woke: the check runs at once, and sees what changed on the account meanwhile.
    const power = new EventEmitter();
    const stop = recheckAfterWake(power, app.core.liveBot, silentLog);
    fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'LIMIT', amountBase: 0.01, priceQuote: 20_000 });
    power.emit('resume');
    await vi.waitFor(async () => { expect(externalFindings(await view(app))).toBe(1); }, { timeout: 10_000, interval: 20 });
    expect((await view(app)).lastCheck).toMatchObject({ reason: 'wake', verdict: 'trade' });
    stop();

    // A bar closes with the computer's clock moving normally: no new check.
    fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'LIMIT', amountBase: 0.01, priceQuote: 19_000 });
    const barAfter = async (hours: number, sleptMs: number): Promise<LiveBotView> => {
      const expected = Math.floor((fake.clock.nowMs() + hours * HOUR_MS) / HOUR_MS) * HOUR_MS - HOUR_MS;
      wallMs += sleptMs;
      fake.clock.advance(hours * HOUR_MS);
      await vi.waitFor(async () => { expect((await view(app)).lastBarOpenTimeMs).toBe(expected); }, { timeout: 20_000, interval: 20 });
      await app.core.liveBot.settled();
      return view(app);
    };
    expect(externalFindings(await barAfter(1, 50))).toBe(1);

    // The computer slept three hours without Electron saying so: the gap between polls is noticed,
    // and the check (reading open orders) comes before the bars are fetched and acted on.
    const requestsBefore = fake.inspect.requests().length;
    const bot = await barAfter(1, 3 * HOUR_MS);
    expect(bot.lastCheck).toMatchObject({ reason: 'wake', verdict: 'trade' });
    expect(externalFindings(bot)).toBe(2);
    const after = fake.inspect.requests().slice(requestsBefore).map((request) => request.path);
    const firstCheck = after.indexOf('/api/v3/openOrders');
    const firstBars = after.indexOf('/api/v3/klines');
    expect(firstCheck).toBeGreaterThanOrEqual(0);
    expect(firstBars).toBeGreaterThan(firstCheck);
  }, 60_000);
});
