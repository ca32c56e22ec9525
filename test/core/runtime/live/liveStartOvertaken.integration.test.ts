import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';
import type { KeyView, LiveBotView, LiveStatusView, PendingKeyView } from '../../../../core/contract/index.ts';
import { LIVE_CONFIRMATION_PHRASE } from '../../../../core/keys/index.ts';
import { startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';
import { StandInOsCipher } from '../../keys/support/testCiphers.ts';
import { CANARY, startKeysCore, type KeysCoreUnderTest } from '../support/keysCore.ts';

const START = '2021-01-23T04:00:00Z';

const opened: KeysCoreUnderTest[] = [];
const fakes: FakeExchange[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const fake of fakes.splice(0)) await fake.close();
  removeTempDirs(); // after the cores that write there are closed
});

async function readyCore(): Promise<{ app: KeysCoreUnderTest; fake: FakeExchange; key: KeyView }> {
  const fake = await startFakeExchange({ startAt: START, account: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret } } });
  fakes.push(fake);
  const app = await startKeysCore({
    fake,
    osCipher: new StandInOsCipher('gnome_libsecret'),
    core: { dataDir: tempDir('overtaken'), nowMs: () => fake.clock.nowMs(), liveBotPollMs: 20 },
  });
  opened.push(app);
  app.readiness.strategyId = 'trend-follower';
  app.readiness.paper = { paperDays: 8, paperTrades: 25 };
  app.readiness.riskLimitsSet = true;
  const checked = await app.value<PendingKeyView>('verifyNewKey', { exchange: 'binance', environment: 'live', label: 'Main', apiKey: CANARY.apiKey, secret: CANARY.secret });
  const key = await app.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
  return { app, fake, key };
}

describe('a live start overtaken by Stop or Kill while the bot reads the exchange (after the gate passed)', () => {
  it.each([
    ['Kill', (app: KeysCoreUnderTest) => app.value('kill', { confirmed: true })],
    ['Stop', (app: KeysCoreUnderTest) => app.value('stopLive')],
  ] as const)('%s pressed while the bot fetches its price history wins: the start is refused in words and the bot never trades', async (_name, press) => {
    const { app, fake, key } = await readyCore();
    // The history read answers late; the person presses the button in that window.
    fake.faults.add({ path: '/api/v3/klines', fault: { kind: 'latency', ms: 600 }, times: 1 });
    const starting = app.call('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    await vi.waitFor(() => { expect(fake.inspect.requests().some((request) => request.path === '/api/v3/klines')).toBe(true); }, { timeout: 10_000, interval: 5 });
    await press(app);
    expect(await starting).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
    expect((await app.value<LiveStatusView>('getLiveStatus')).mode).toBe('paper');
    const bot = await app.value<LiveBotView>('getLiveBot');
    expect(['running', 'not_trading', 'starting']).not.toContain(bot.phase);
    expect(app.core.liveBot.isOpen() && bot.phase !== 'killed').toBe(false);
  }, 60_000);
});
