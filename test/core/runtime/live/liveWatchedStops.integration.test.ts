import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';
import type { KeyView, LiveBotView, PendingKeyView, StartLiveResult } from '../../../../core/contract/index.ts';
import type { ExchangePort } from '../../../../core/execution/index.ts';
import { LIVE_CONFIRMATION_PHRASE } from '../../../../core/keys/index.ts';
import { startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';
import { StandInOsCipher } from '../../keys/support/testCiphers.ts';
import { CANARY, startKeysCore, type KeysCoreUnderTest } from '../support/keysCore.ts';

const HOUR_MS = 3_600_000;
const START = '2021-01-23T04:00:00Z';

const opened: KeysCoreUnderTest[] = [];
const fakes: FakeExchange[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const fake of fakes.splice(0)) await fake.close();
  removeTempDirs(); // after the cores that write there are closed
});

/** The fake Binance as an exchange whose spot API holds no stop orders for Ballast (Kraken, Bybit, Coinbase…). */
const withoutNativeStops = (port: ExchangePort): ExchangePort => new Proxy(port, { get: (target, property) => (property === 'supportsNativeStops' ? false : Reflect.get(target, property, target) as unknown) });

describe('the live bot on an exchange that holds no stop orders for Ballast', () => {
  it('says on the live panel that positions are protected only while Ballast runs, and sends no stop order to the exchange', async () => {
    const fake = await startFakeExchange({ startAt: START, account: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret } } });
    fakes.push(fake);
    const app = await startKeysCore({
      fake,
      osCipher: new StandInOsCipher('gnome_libsecret'),
      core: { dataDir: tempDir('watched'), nowMs: () => fake.clock.nowMs(), liveBotPollMs: 20, decorateExchange: withoutNativeStops },
    });
    opened.push(app);
    app.readiness.strategyId = 'trend-follower';
    app.readiness.paper = { paperDays: 8, paperTrades: 25 };
    app.readiness.riskLimitsSet = true;
    const checked = await app.value<PendingKeyView>('verifyNewKey', { exchange: 'binance', environment: 'live', label: 'Main', apiKey: CANARY.apiKey, secret: CANARY.secret });
    const key = await app.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
    await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE, shareQuote: 5_000 });
    expect((await app.value<LiveBotView>('getLiveBot')).stopsOnExchange).toBe(false);

    // The 04:00 bar closes bullish: an entry, whose stop Ballast watches itself.
    const expected = Math.floor(fake.clock.nowMs() / HOUR_MS) * HOUR_MS;
    fake.clock.advance(HOUR_MS);
    await vi.waitFor(async () => { expect((await app.value<LiveBotView>('getLiveBot')).lastBarOpenTimeMs).toBe(expected); }, { timeout: 20_000, interval: 20 });
    await app.core.liveBot.settled();
    const bot = await app.value<LiveBotView>('getLiveBot');
    expect(bot.ordersSent).toBe(1);
    expect(bot.positions[0]).toMatchObject({ protection: 'watched_by_ballast' });
    expect(bot.notices.map((notice) => notice.code)).toContain('STOP_WATCHED_BY_BALLAST');
    expect(fake.inspect.orders().filter((order) => order.type === 'STOP_LOSS_LIMIT')).toEqual([]);
  }, 60_000);
});
