import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeyView, LiveBotView, MonitoringView, PendingKeyView, StartLiveResult } from '../../../../core/contract/index.ts';
import { LIVE_CONFIRMATION_PHRASE } from '../../../../core/keys/index.ts';
import { startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';
import { StandInOsCipher } from '../../keys/support/testCiphers.ts';
import { CANARY, startKeysCore, type KeysCoreUnderTest } from '../support/keysCore.ts';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';

const HOUR_MS = 3_600_000;
/** The real BTC/USDT hours: the trend follower enters on the bar of 2021-01-23 04:00 UTC. */
const START = '2021-01-23T04:00:00Z';
const SHARE_QUOTE = 5_000;

let app: KeysCoreUnderTest | undefined;
let fake: FakeExchange | undefined;
afterEach(async () => {
  await app?.close();
  await fake?.close();
  app = undefined;
  fake = undefined;
  removeTempDirs();
});

const view = (core: KeysCoreUnderTest): Promise<LiveBotView> => core.value<LiveBotView>('getLiveBot');

describe('Monitoring while the live bot runs', () => {
  it('shows the live share of the real account (not the paper bot): its value as the risk layer reads it, what is in the market, and the limits', async () => {
    fake = await startFakeExchange({ startAt: START, account: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret } } });
    const market = fake;
    const dataDir = tempDir('live-monitoring');
    app = await startKeysCore({ fake: market, osCipher: new StandInOsCipher('gnome_libsecret'), core: { dataDir, nowMs: () => market.clock.nowMs(), liveBotPollMs: 20 } });
    const core = app;
    core.readiness.strategyId = 'trend-follower';
    core.readiness.paper = { paperDays: 8, paperTrades: 25 };
    core.readiness.riskLimitsSet = true;

    expect(await core.value<MonitoringView>('getMonitoring')).toMatchObject({ mode: 'paper' });

    const checked = await core.value<PendingKeyView>('verifyNewKey', { exchange: 'binance', environment: 'live', label: 'Main', apiKey: CANARY.apiKey, secret: CANARY.secret });
    const key = await core.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
    expect(await core.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE, shareQuote: SHARE_QUOTE })).toMatchObject({ started: true });

    const monitored: MonitoringView[] = [];
    for (let hour = 0; hour < 3; hour += 1) {
      market.clock.advance(HOUR_MS);
      const expected = Math.floor(market.clock.nowMs() / HOUR_MS) * HOUR_MS - HOUR_MS;
      await vi.waitFor(async () => { expect((await view(core)).lastBarOpenTimeMs).toBe(expected); }, { timeout: 20_000, interval: 20 });
      await core.core.liveBot.settled();
      monitored.push(await core.value<MonitoringView>('getMonitoring'));
    }
    const last = monitored.at(-1)!;
    const reading = core.core.liveBot.shareReading();
    expect(reading).not.toBeNull();
    expect(last).toMatchObject({ mode: 'live', quoteAsset: 'USDT', samples: [] });
    expect(last.basis).toContain('real account');
    expect(last.points.length).toBeGreaterThanOrEqual(2);
    // The chart's latest value is the share's equity as the risk layer reads it, about the share itself.
    expect(last.points.at(-1)!.equityQuote).toBe(reading!.account.equityQuote);
    expect(last.points.at(-1)!.equityQuote).toBeGreaterThan(SHARE_QUOTE * 0.9);
    expect(last.points.at(-1)!.equityQuote).toBeLessThan(SHARE_QUOTE * 1.1);
    // The bot bought on the first bar: part of the share is in the market, and the first point is its own buy-and-hold.
    expect((await view(core)).ordersSent).toBeGreaterThanOrEqual(1);
    expect(last.points.at(-1)!.exposureFraction).toBeGreaterThan(0);
    expect(last.points[0]!.buyAndHoldQuote).toBe(last.points[0]!.equityQuote);
    expect(last.limits.maxDrawdownFraction).toBeGreaterThan(0);

    await core.value('stopLive');
    expect(await core.value<MonitoringView>('getMonitoring')).toMatchObject({ mode: 'paper' });
  });
});
