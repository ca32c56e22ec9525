import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';
import type { KeyView, LiveBotView, PendingKeyView, StartLiveResult } from '../../../../core/contract/index.ts';
import { LIVE_CONFIRMATION_PHRASE } from '../../../../core/keys/index.ts';
import { startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';
import { answerFollowingBrief, startFakeLlm, type FakeLlm } from '../../../fake-llm/index.ts';
import { StandInOsCipher } from '../../keys/support/testCiphers.ts';
import { CANARY, startKeysCore, type KeysCoreUnderTest } from '../support/keysCore.ts';

const HOUR_MS = 3_600_000;
/** The real BTC/USDT hours: the trend follower turns bullish on the bar of 2021-01-23 04:00 UTC (it closes at 05:00). */
const START = '2021-01-23T04:00:00Z';

const opened: KeysCoreUnderTest[] = [];
const fakes: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const fake of fakes.splice(0)) await fake.close();
  removeTempDirs(); // after the cores that write there are closed
});

const view = (app: KeysCoreUnderTest): Promise<LiveBotView> => app.value<LiveBotView>('getLiveBot');
const buysBySent = (fake: FakeExchange): number => fake.inspect.orders().filter((order) => order.side === 'BUY').length;

/** Live on the fake Binance with the LLM second opinion on (the AI screen's choice), until the bullish bar has been acted on. */
async function liveWithSecondOpinion(stance: 'bullish' | 'bearish'): Promise<{ app: KeysCoreUnderTest; fake: FakeExchange; llm: FakeLlm; bot: LiveBotView }> {
  const fake = await startFakeExchange({ startAt: START, account: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret } } });
  fakes.push(fake);
  const llm = await startFakeLlm({ models: ['fake-model'], fallback: answerFollowingBrief(stance) });
  fakes.push(llm);
  const dataDir = tempDir('live-ai');
  const app = await startKeysCore({ fake, osCipher: new StandInOsCipher('gnome_libsecret'), core: { dataDir, nowMs: () => fake.clock.nowMs(), liveBotPollMs: 20 } });
  opened.push(app);
  app.readiness.strategyId = 'trend-follower';
  app.readiness.paper = { paperDays: 8, paperTrades: 25 };
  app.readiness.riskLimitsSet = true;
  await app.value('saveLlmProvider', { presetId: 'llama-cpp', baseUrl: llm.baseUrl, model: 'fake-model' });
  await app.value('setLlmRole', { role: 'second-opinion' });
  const checked = await app.value<PendingKeyView>('verifyNewKey', { exchange: 'binance', environment: 'live', label: 'Main', apiKey: CANARY.apiKey, secret: CANARY.secret });
  const key = await app.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
  const started = await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE, shareQuote: 5_000 });
  expect(started.started).toBe(true);
  // 04:00 closes bullish: the trend follower proposes an entry.
  fake.clock.advance(HOUR_MS);
  const expected = Math.floor(fake.clock.nowMs() / HOUR_MS) * HOUR_MS - HOUR_MS;
  await vi.waitFor(async () => { expect((await view(app)).lastBarOpenTimeMs).toBe(expected); }, { timeout: 20_000, interval: 20 });
  await app.core.liveBot.settled();
  return { app, fake, llm, bot: await view(app) };
}

describe('the AI review chosen on the AI screen applies to the live bot too', () => {
  it('a bearish second opinion vetoes the live entry: nothing is sent, and the live screen says why', async () => {
    const { fake, llm, bot } = await liveWithSecondOpinion('bearish');
    expect(llm.requests.filter((request) => request.path.endsWith('/chat/completions'))).toHaveLength(1);
    expect(bot.ordersSent).toBe(0);
    expect(buysBySent(fake)).toBe(0);
    expect(bot.notices.map((notice) => notice.code)).toContain('LIVE_AI_SKIPPED');
  }, 60_000);

  it('a bullish one keeps it: the entry goes to the exchange as without the AI, no larger', async () => {
    const { fake, llm, bot } = await liveWithSecondOpinion('bullish');
    expect(llm.requests.filter((request) => request.path.endsWith('/chat/completions'))).toHaveLength(1);
    expect(bot.ordersSent).toBe(1);
    expect(buysBySent(fake)).toBe(1);
    expect(bot.notices.map((notice) => notice.code)).toContain('LIVE_AI_REVIEWED');
    // First week: 5,000 × 1 % × 0.5 = 25 USDT at most, as without the review.
    const entry = fake.inspect.orders().find((order) => order.side === 'BUY');
    expect(entry!.cumulativeQuote).toBeLessThanOrEqual(25 + 1e-6);
  }, 60_000);
});
