import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';
import type { KeyView, LiveBotView, PendingKeyView, StartLiveResult } from '../../../../core/contract/index.ts';
import { LIVE_CONFIRMATION_PHRASE } from '../../../../core/keys/index.ts';
import { startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';
import { StandInOsCipher } from '../../keys/support/testCiphers.ts';
import { CANARY, CANARY_VALUES, everythingSeen, startKeysCore, type KeysCoreUnderTest } from '../support/keysCore.ts';

const HOUR_MS = 3_600_000;
/** The real BTC/USDT hours: the trend follower turns bullish on the bar of 2021-01-23 04:00 UTC (it closes at 05:00). */
const START = '2021-01-23T04:00:00Z';
const LOT_STEP_BASE = 0.00001;
const SHARE_QUOTE = 5_000;

const opened: KeysCoreUnderTest[] = [];
const fakes: FakeExchange[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const fake of fakes.splice(0)) await fake.close();
  removeTempDirs(); // after the cores that write there are closed
});

/** The computer's keychain outlives the process: both runs decrypt with the same one. */
const osCipher = new StandInOsCipher('gnome_libsecret');

async function liveCore(fake: FakeExchange, dataDir: string, storePath?: string): Promise<KeysCoreUnderTest> {
  const app = await startKeysCore({
    fake,
    osCipher,
    ...(storePath === undefined ? {} : { storePath }),
    core: { dataDir, nowMs: () => fake.clock.nowMs(), liveBotPollMs: 20 },
  });
  opened.push(app);
  // The gate's other inputs (paper record, limits) are covered by their own tests.
  app.readiness.strategyId = 'trend-follower';
  app.readiness.paper = { paperDays: 8, paperTrades: 25 };
  app.readiness.riskLimitsSet = true;
  return app;
}

async function savedKey(app: KeysCoreUnderTest): Promise<KeyView> {
  const checked = await app.value<PendingKeyView>('verifyNewKey', { exchange: 'binance', environment: 'live', label: 'Main', apiKey: CANARY.apiKey, secret: CANARY.secret });
  return app.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
}

const view = (app: KeysCoreUnderTest): Promise<LiveBotView> => app.value<LiveBotView>('getLiveBot');

/** Moves market time on by `hours` and waits until the bot has acted on the bar that closed last. */
async function nextBars(app: KeysCoreUnderTest, fake: FakeExchange, hours = 1): Promise<LiveBotView> {
  fake.clock.advance(hours * HOUR_MS);
  const expected = Math.floor(fake.clock.nowMs() / HOUR_MS) * HOUR_MS - HOUR_MS;
  await vi.waitFor(async () => { expect((await view(app)).lastBarOpenTimeMs).toBe(expected); }, { timeout: 20_000, interval: 20 });
  await app.core.liveBot.settled();
  return view(app);
}

const ballastOpen = (fake: FakeExchange) => fake.inspect.openOrders('BTCUSDT').filter((order) => !order.clientOrderId.startsWith('web_'));
const requestsTo = (fake: FakeExchange, method: string, path: string) => fake.inspect.requests().filter((r) => r.method === method && r.path === path).length;

/** Every position of Ballast's of at least one lot has exactly one stop resting on the exchange, covering what can be sold. */
function expectEveryPositionProtected(fake: FakeExchange, bot: LiveBotView): void {
  const position = bot.positions.find((p) => p.symbol === 'BTC/USDT');
  const stops = ballastOpen(fake).filter((order) => order.type === 'STOP_LOSS_LIMIT' && order.side === 'SELL');
  if (position === undefined || position.amountBase < LOT_STEP_BASE) {
    expect(stops).toEqual([]);
    return;
  }
  expect(position.protection).toBe('protected');
  expect(stops).toHaveLength(1);
  expect(stops[0]!.origAmountBase).toBeCloseTo(Math.floor(position.amountBase / LOT_STEP_BASE + 1e-9) * LOT_STEP_BASE, 8);
  expect(stops[0]!.stopPriceQuote).toBe(position.stopPriceQuote);
}

describe('the live bot through the composed core, on the fake Binance replaying real BTC/USDT hours', () => {
  it('reconciles first, protects every entry with a confirmed stop, survives a restart without duplicates, leaves an external order alone, and kills in two steps', async () => {
    const fake = await startFakeExchange({ startAt: START, account: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret } } });
    fakes.push(fake);
    // The person's own order, placed on the website: Ballast must report it and never touch it.
    const external = fake.anotherApp.placeOrder({ symbolId: 'BTCUSDT', side: 'BUY', type: 'LIMIT', amountBase: 0.01, priceQuote: 20_000 });
    const dataDir = tempDir('live');
    let app = await liveCore(fake, dataDir);
    const key = await savedKey(app);

    const started = await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE, shareQuote: SHARE_QUOTE });
    expect(started).toMatchObject({ started: true, live: { mode: 'live' } });
    let bot = await view(app);
    expect(bot).toMatchObject({ phase: 'running', strategyId: 'trend-follower', symbol: 'BTC/USDT', timeframe: '1h', shareQuote: SHARE_QUOTE, quoteAsset: 'USDT', entrySizeMultiplier: 0.5 });
    expect(bot.lastCheck).toMatchObject({ verdict: 'trade', reason: 'startup' });
    expect(bot.lastCheck!.findings).toContainEqual(expect.objectContaining({ code: 'EXTERNAL_ORDER', explained: true }));
    // Nothing is traded on the history the strategy warmed up on.
    expect(requestsTo(fake, 'POST', '/api/v3/order')).toBe(0);

    // 04:00 closes bullish: an entry, and its stop confirmed on the exchange before anything else.
    bot = await nextBars(app, fake);
    expect(bot.ordersSent).toBe(1);
    expect(bot.positions[0]?.amountBase ?? 0).toBeGreaterThan(LOT_STEP_BASE);
    expectEveryPositionProtected(fake, bot);
    // First week: entries at half size, on the share, never the whole account (5,000 × 1 % × 0.5 = 25 USDT at most).
    const entry = fake.inspect.orders().find((order) => order.side === 'BUY' && !order.clientOrderId.startsWith('web_'));
    expect(entry!.cumulativeQuote).toBeGreaterThan(10);
    expect(entry!.cumulativeQuote).toBeLessThanOrEqual(25 + 1e-6);
    expect(bot.inUseQuote!).toBeGreaterThan(10);

    for (let bar = 0; bar < 3; bar += 1) expectEveryPositionProtected(fake, await nextBars(app, fake));

    // The process dies mid-run; a new one starts live again on the same folder and key file.
    const orderRequests = requestsTo(fake, 'POST', '/api/v3/order');
    const openBefore = ballastOpen(fake).map((order) => order.clientOrderId);
    const storePath = app.storePath;
    opened.splice(opened.indexOf(app), 1);
    app.core.dispose();
    app = await liveCore(fake, dataDir, storePath);
    const restarted = await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    expect(restarted.gate.items.filter((item) => item.status !== 'pass')).toEqual([]);
    expect(restarted.started).toBe(true);
    bot = await view(app);
    expect(bot.lastCheck).toMatchObject({ verdict: 'trade', reason: 'startup' });
    // The share is the ladder's, kept in the journal; nothing was sent twice, the stop is the same one.
    expect(bot.shareQuote).toBe(SHARE_QUOTE);
    expect(requestsTo(fake, 'POST', '/api/v3/order')).toBe(orderRequests);
    expect(ballastOpen(fake).map((order) => order.clientOrderId)).toEqual(openBefore);
    expectEveryPositionProtected(fake, bot);

    for (let bar = 0; bar < 4; bar += 1) expectEveryPositionProtected(fake, await nextBars(app, fake));

    // Market time jumps to 2021-01-25 06:00: the price fell through the stop meanwhile and the exchange
    // sold the position by itself; the bot finds the stop's fill and holds nothing. The trend turned
    // bearish on the way, a stale signal nobody acts on.
    bot = await nextBars(app, fake, 42);
    expect(fake.inspect.orders().filter((order) => order.type === 'STOP_LOSS_LIMIT' && order.status === 'FILLED')).toHaveLength(1);
    expect(bot.ordersSent).toBe(0);
    expect(bot.positions.filter((p) => p.amountBase >= LOT_STEP_BASE)).toEqual([]);
    expect(ballastOpen(fake)).toEqual([]);
    // Then the bar of 10:00 closes bullish: a new entry with its confirmed stop.
    for (let bar = 0; bar < 5; bar += 1) {
      bot = await nextBars(app, fake);
      expectEveryPositionProtected(fake, bot);
    }
    expect(bot.ordersSent).toBe(1);
    expect(bot.positions[0]?.amountBase ?? 0).toBeGreaterThan(LOT_STEP_BASE);
    expect(ballastOpen(fake).map((order) => order.type)).toEqual(['STOP_LOSS_LIMIT']);

    // Kill, keeping the stops: only Ballast's stops remain (and the person's own order, untouched).
    await app.value('kill', { confirmed: true });
    bot = await view(app);
    expect(bot.phase).toBe('killed');
    expect(bot.lastKill).toMatchObject({ choice: 'keep_stops', done: true, externalOrders: 1 });
    expect(ballastOpen(fake).every((order) => order.type === 'STOP_LOSS_LIMIT')).toBe(true);
    expect(ballastOpen(fake)).toHaveLength(1);

    // Kill again, selling everything: no order of Ballast's and no position left.
    await app.value('kill', { confirmed: true, liveChoice: 'sell_everything' });
    bot = await view(app);
    expect(bot.lastKill).toMatchObject({ choice: 'sell_everything', done: true, remainingStops: 0, externalOrders: 1 });
    expect(ballastOpen(fake)).toEqual([]);
    expect(bot.positions.filter((p) => p.amountBase >= LOT_STEP_BASE)).toEqual([]);
    expect(fake.inspect.balances().BTC?.locked ?? 0).toBe(0);
    // The person's order was never touched.
    expect(fake.inspect.orderByClientOrderId(external.clientOrderId)).toMatchObject({ status: 'NEW', executedAmountBase: 0 });
    for (const value of CANARY_VALUES) expect(everythingSeen(app.seen)).not.toContain(value);
  }, 120_000);
});
