import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeTempDirs, tempDir } from '../../../support/tempDirs.ts';
import type { KeyView, LiveBotView, LiveLadderView, LiveShareStepResult, PendingKeyView, StartLiveResult } from '../../../../core/contract/index.ts';
import { openJournal } from '../../../../core/journal/index.ts';
import { LIVE_CONFIRMATION_PHRASE } from '../../../../core/keys/index.ts';
import { DEFAULT_LADDER_POLICY, type LadderPolicy } from '../../../../core/risk/index.ts';
import { startFakeExchange, type FakeExchange } from '../../../fake-exchange/index.ts';
import { StandInOsCipher } from '../../keys/support/testCiphers.ts';
import { CANARY, startKeysCore, type KeysCoreUnderTest } from '../support/keysCore.ts';

const HOUR_MS = 3_600_000;
/** The real BTC/USDT hours: the trend follower buys on the bar of 2021-01-23 04:00 UTC; the price falls through its stop within two days. */
const START = '2021-01-23T04:00:00Z';
const SHARE_QUOTE = 4_000;
/** The ladder's rules, shortened so one day and one round trip of real prices can earn a raise (the defaults are 14 days and 20 round trips). */
const QUICK_LADDER: LadderPolicy = { ...DEFAULT_LADDER_POLICY, minDaysLiveToRaise: 1, minRoundTripsToRaise: 1, minDaysBetweenRaises: 1 };

const opened: KeysCoreUnderTest[] = [];
const fakes: FakeExchange[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  for (const fake of fakes.splice(0)) await fake.close();
  removeTempDirs(); // after the cores that write there are closed
});

const osCipher = new StandInOsCipher('gnome_libsecret');

async function liveCore(fake: FakeExchange, dataDir: string, storePath?: string): Promise<KeysCoreUnderTest> {
  const app = await startKeysCore({
    fake,
    osCipher,
    ...(storePath === undefined ? {} : { storePath }),
    core: { dataDir, nowMs: () => fake.clock.nowMs(), liveBotPollMs: 20, liveLadderPolicy: QUICK_LADDER },
  });
  opened.push(app);
  app.readiness.strategyId = 'trend-follower';
  app.readiness.paper = { paperDays: 8, paperTrades: 25 };
  app.readiness.riskLimitsSet = true;
  return app;
}

async function savedKey(app: KeysCoreUnderTest): Promise<KeyView> {
  const checked = await app.value<PendingKeyView>('verifyNewKey', { exchange: 'binance', environment: 'live', label: 'Main', apiKey: CANARY.apiKey, secret: CANARY.secret });
  return app.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
}

const bot = (app: KeysCoreUnderTest): Promise<LiveBotView> => app.value<LiveBotView>('getLiveBot');
const ladder = (app: KeysCoreUnderTest, newShareQuote?: number): Promise<LiveLadderView> => app.value<LiveLadderView>('getLiveLadder', newShareQuote === undefined ? {} : { newShareQuote });
const codes = (reasons: readonly { code: string }[] | undefined): string[] => (reasons ?? []).map((reason) => reason.code);

async function nextBars(app: KeysCoreUnderTest, fake: FakeExchange, hours = 1): Promise<LiveBotView> {
  fake.clock.advance(hours * HOUR_MS);
  const expected = Math.floor(fake.clock.nowMs() / HOUR_MS) * HOUR_MS - HOUR_MS;
  await vi.waitFor(async () => { expect((await bot(app)).lastBarOpenTimeMs).toBe(expected); }, { timeout: 20_000, interval: 20 });
  await app.core.liveBot.settled();
  return bot(app);
}

describe('the capital ladder through the composed core, on the fake Binance replaying real BTC/USDT hours', () => {
  it('offers a raise only on a clean live record and the typed words, lowers at once, journals every step and keeps the share across a restart', async () => {
    const fake = await startFakeExchange({ startAt: START, account: { credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret } } });
    fakes.push(fake);
    const dataDir = tempDir('ladder');
    let app = await liveCore(fake, dataDir);
    const key = await savedKey(app);

    // No live run: nothing to raise, and changing the share is refused in words.
    expect(await ladder(app)).toMatchObject({ available: false, raise: null });
    expect(await app.call('lowerLiveShare', { newShareQuote: 10 })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });

    await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE, shareQuote: SHARE_QUOTE });
    // Day one: every missing condition is listed, and the money at stake is shown beside them.
    let view = await ladder(app);
    expect(view).toMatchObject({ available: true, quoteAsset: 'USDT', shareQuote: SHARE_QUOTE, stage: 1, evidence: { roundTrips: 0, averageSlippageBps: null, unresolvedFindings: 0 } });
    expect(view.raise).toMatchObject({ allowed: false, fromQuote: SHARE_QUOTE, toQuote: 8_000, extraAtStakeQuote: 4_000, confirmationPhrase: 'RAISE TO 8000 USDT' });
    expect(codes(view.raise?.blockers)).toEqual(['LADDER_TOO_EARLY', 'LADDER_TOO_FEW_ROUND_TRIPS', 'LADDER_SLIPPAGE_UNKNOWN']);
    // The exact words do not override a blocker.
    let step = await app.value<LiveShareStepResult>('raiseLiveShare', { newShareQuote: 8_000, typedConfirmation: 'RAISE TO 8000 USDT' });
    expect(step).toMatchObject({ done: false, ladder: { shareQuote: SHARE_QUOTE } });
    expect(codes(step.reasons)).toContain('LADDER_TOO_EARLY');
    expect((await bot(app)).shareQuote).toBe(SHARE_QUOTE);

    // An entry (its fill measured against the price decided on), then two days later the stop sells it: one round trip.
    await nextBars(app, fake);
    expect((await ladder(app)).evidence?.averageSlippageBps).not.toBeNull();
    await nextBars(app, fake, 42);
    expect(fake.inspect.orders().filter((order) => order.type === 'STOP_LOSS_LIMIT' && order.status === 'FILLED')).toHaveLength(1);
    view = await ladder(app, 8_000);
    expect(view.evidence).toMatchObject({ roundTrips: 1, unresolvedFindings: 0 });
    expect(Math.abs(view.evidence!.averageSlippageBps!)).toBeLessThanOrEqual(view.evidence!.slippageLimitBps);
    expect(view.raise).toMatchObject({ allowed: true, blockers: [] });
    // More than one step (double) is never offered.
    expect(codes((await ladder(app, 9_000)).raise?.blockers)).toEqual(['LADDER_RAISE_TOO_LARGE']);

    // A typo changes nothing; the exact words raise the share, and the bot sizes on the new share.
    step = await app.value<LiveShareStepResult>('raiseLiveShare', { newShareQuote: 8_000, typedConfirmation: 'raise to 8000 usdt' });
    expect(step).toMatchObject({ done: false, reasons: [{ code: 'LADDER_CONFIRMATION_MISMATCH' }], ladder: { shareQuote: SHARE_QUOTE } });
    step = await app.value<LiveShareStepResult>('raiseLiveShare', { newShareQuote: 8_000, typedConfirmation: 'RAISE TO 8000 USDT' });
    expect(step).toMatchObject({ done: true, reasons: [], ladder: { shareQuote: 8_000, stage: 2 } });
    expect((await bot(app)).shareQuote).toBe(8_000);
    // The next raise waits for its own record at this amount.
    expect(codes(step.ladder.raise?.blockers)).toEqual(expect.arrayContaining(['LADDER_TOO_SOON_AFTER_RAISE', 'LADDER_TOO_FEW_ROUND_TRIPS']));

    // Lowering takes effect at once, without a confirmation; "lowering" to more is refused.
    step = await app.value<LiveShareStepResult>('lowerLiveShare', { newShareQuote: 3_000 });
    expect(step).toMatchObject({ done: true, ladder: { shareQuote: 3_000 } });
    expect((await bot(app)).shareQuote).toBe(3_000);
    step = await app.value<LiveShareStepResult>('lowerLiveShare', { newShareQuote: 3_500 });
    expect(step).toMatchObject({ done: false, reasons: [{ code: 'LADDER_NOT_A_DECREASE' }], ladder: { shareQuote: 3_000 } });

    // A new process finds the share where the journal left it.
    const storePath = app.storePath;
    opened.splice(opened.indexOf(app), 1);
    app.core.dispose();
    app = await liveCore(fake, dataDir, storePath);
    await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    expect(await ladder(app)).toMatchObject({ shareQuote: 3_000, stage: 2 });

    // Killed: no raise is offered, whatever the record.
    await app.value('kill', { confirmed: true });
    expect(codes((await ladder(app, 4_000)).raise?.blockers)).toContain('LADDER_NOT_TRADING');
    await app.close();
    opened.splice(opened.indexOf(app), 1);

    // Every step, refusals included, is in the live journal.
    const journal = openJournal(join(dataDir, 'live', 'binance-orders.sqlite'));
    try {
      const rows = journal.readAscending({ kinds: ['system'], subject: 'capital_ladder' }, 0, journal.head()?.seq ?? 0, 100).map((row) => JSON.parse(row.payloadJson) as { event: string; toQuote: number });
      expect(rows.map((row) => `${row.event} ${String(row.toQuote)}`)).toEqual(['started 4000', 'raise_refused 8000', 'raise_refused 8000', 'raised 8000', 'lowered 3000', 'lower_refused 3500']);
    } finally {
      journal.close();
    }
  }, 120_000);
});
