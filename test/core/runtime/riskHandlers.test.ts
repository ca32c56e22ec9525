import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityJournal, ActivityPage, HighWaterMarkReset, ManualOrderResult, RiskLimitsProposal, RiskLimitsView, TradingStatusView } from '../../../core/contract/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { createBallastCore, type BallastCore } from '../../../core/runtime/index.ts';
import { LOOSEN_PHRASE } from '../../../core/runtime/riskLimits/riskHandlers.ts';
import { removeTempDirs, tempDir } from '../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);

const log = createLogger({ level: 'silent' });
const cores: BallastCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.dispose();
});

function startCore(dataDir = tempDir('risk')): BallastCore {
  const core = createBallastCore({ version: 't', log, dataDir });
  cores.push(core);
  return core;
}

async function call<T>(core: BallastCore, command: string, input?: unknown): Promise<T> {
  const result = await core.dispatch(command, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const PAPER = { source: { kind: 'synthetic' }, symbol: 'DEMO/USDT', strategyId: 'do-nothing', barsPerSecond: 1_000_000, startingBalanceQuote: 10_000, leaveSafeModeAutomatically: false };

async function coreWithStoppedPaperBot(): Promise<BallastCore> {
  const core = startCore();
  await call(core, 'startPaperBot', PAPER);
  await core.bot.whenIdle();
  return core;
}

describe('the risk limits commands', () => {
  it('list every limit with its label, unit and value, and say honestly that nothing is in use without an account', async () => {
    const core = startCore();
    const view = await call<RiskLimitsView>(core, 'getRiskLimits');
    expect(view.source).toBe('defaults');
    expect(view.account).toBeNull();
    expect(view.useNote).toMatch(/No paper account yet/);
    expect(view.limits).toHaveLength(20);
    expect(view.limits.find((row) => row.field === 'dailyLossFractionOfEquity')).toEqual({ field: 'dailyLossFractionOfEquity', label: 'Daily loss limit', unit: 'fraction', value: 0.03, use: null });
    expect(view.limits.every((row) => row.use === null)).toBe(true);
  });

  it('show the current use measured on the paper account once a bot has run', async () => {
    const core = await coreWithStoppedPaperBot();
    const view = await call<RiskLimitsView>(core, 'getRiskLimits');
    expect(view.account?.quoteAsset).toBe('USDT');
    const daily = view.limits.find((row) => row.field === 'dailyLossFractionOfEquity');
    expect(daily?.use?.text).toMatch(/^Daily loss \d+\.\d\d% of 3\.00% \(/);
    expect(view.limits.find((row) => row.field === 'maxOpenPositions')?.use?.text).toBe('Open positions 0 of 3');
  });

  it('apply a tightening at once and the bot’s risk gate uses it', async () => {
    const core = await coreWithStoppedPaperBot();
    const proposal = await call<RiskLimitsProposal>(core, 'proposeRiskLimits', { changes: { perTradeFractionOfEquity: 0.005 } });
    expect(proposal).toMatchObject({ needsConfirmation: false, confirmationText: '', changes: [{ field: 'perTradeFractionOfEquity', direction: 'tighten', from: 0.01, to: 0.005 }] });
    const view = await call<RiskLimitsView>(core, 'applyRiskLimits', { changes: { perTradeFractionOfEquity: 0.005 } });
    expect(view.source).toBe('saved');
    expect(view.limits.find((row) => row.field === 'perTradeFractionOfEquity')?.value).toBe(0.005);
    const close = core.bot.dashboard().candles.close.at(-1) ?? Number.NaN;
    const order = await call<ManualOrderResult>(core, 'placeManualOrder', { symbol: 'DEMO/USDT', side: 'buy', fractionOfEquity: 0.02, limitPriceQuote: Math.round(close * 100) / 100 });
    expect(order.decision).toBe('shrunk');
    expect(order.order?.notionalQuote).toBeLessThanOrEqual(0.005 * 10_000 + 1e-6);
    expect(order.reasons.map((reason) => reason.code)).toContain('PER_TRADE_SIZE');
  });

  it('loosen only with the exact confirmation text, stating the consequence in money', async () => {
    const core = await coreWithStoppedPaperBot();
    const changes = { dailyLossFractionOfEquity: 0.05, maxOpenPositions: 2 };
    const proposal = await call<RiskLimitsProposal>(core, 'proposeRiskLimits', { changes });
    expect(proposal.needsConfirmation).toBe(true);
    expect(proposal.confirmationText).toBe(LOOSEN_PHRASE);
    expect(proposal.consequence).toMatch(/Daily loss limit goes from \d[\d.]* USDT \(3\.00%\) to \d[\d.]* USDT \(5\.00%\)/);
    expect(proposal.consequence).not.toMatch(/Positions open at once/);
    expect(proposal.changes.map((change) => [change.field, change.direction])).toEqual([['dailyLossFractionOfEquity', 'loosen'], ['maxOpenPositions', 'tighten']]);
    expect(proposal.basis).toMatch(/paper account’s equity now/);

    for (const confirmation of [undefined, '', 'allow more risk please', 'yes']) {
      const refused = await core.dispatch('applyRiskLimits', { changes, ...(confirmation === undefined ? {} : { confirmation }) });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_MISMATCH' } });
    }
    expect(core.handlers.getRiskLimits(undefined)).toMatchObject({ source: 'defaults' });
    const view = await call<RiskLimitsView>(core, 'applyRiskLimits', { changes, confirmation: proposal.confirmationText });
    expect(view.limits.find((row) => row.field === 'dailyLossFractionOfEquity')?.value).toBe(0.05);
    expect(view.limits.find((row) => row.field === 'maxOpenPositions')?.value).toBe(2);
  });

  it('refuse unknown limits and values out of range with plain words', async () => {
    const core = startCore();
    const tooBig = await core.dispatch('proposeRiskLimits', { changes: { dailyLossFractionOfEquity: 2 } });
    // REFUSED, not INVALID_INPUT: the request fits the contract, and the refusal is worded for the person.
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    if (!tooBig.ok) expect(tooBig.error.message).toBe('Nothing was changed. Daily loss limit: this value is not allowed; the most allowed is 100%.');
    const unknown = await core.dispatch('applyRiskLimits', { changes: { leverage: 10 } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'REFUSED', message: 'Nothing was changed. Ballast has no limit called "leverage".' } });
  });

  it('keep the saved limits across a restart of the core', async () => {
    const dataDir = tempDir('risk-restart');
    const first = startCore(dataDir);
    await call(first, 'applyRiskLimits', { changes: { maxOrdersPerMinute: 4 } });
    first.dispose();
    cores.splice(cores.indexOf(first), 1);
    const second = startCore(dataDir);
    const view = await call<RiskLimitsView>(second, 'getRiskLimits');
    expect(view.limits.find((row) => row.field === 'maxOrdersPerMinute')?.value).toBe(4);
  });

  it('with a damaged limits file: safe mode with the cause, the trigger listed in the trading status, and saving clears it', async () => {
    const dataDir = tempDir('risk-damaged');
    writeFileSync(join(dataDir, 'risk-limits.json'), 'garbage');
    const core = startCore(dataDir);
    const status = await call<TradingStatusView>(core, 'getTradingStatus');
    expect(status.snapshot.state).toBe('SAFE_MODE');
    expect(status.safeModeCause?.code).toBe('RISK_LIMITS_UNREADABLE');
    expect(status.activeTriggers.map((trigger) => [trigger.triggerId, trigger.action])).toEqual([['risk_limits_file', 'SAFE_MODE']]);
    const view = await call<RiskLimitsView>(core, 'getRiskLimits');
    expect(view.source).toBe('damaged');
    expect(view.problem).toMatch(/not valid JSON/);
    await call(core, 'applyRiskLimits', { changes: {} });
    expect((await call<TradingStatusView>(core, 'getTradingStatus')).activeTriggers).toEqual([]);
    await call(core, 'leaveSafeMode');
    expect(core.tradingState.snapshot().state).toBe('ACTIVE');
  });
});

describe('manual orders through the contract', () => {
  it('are refused without a paper account, and while the replay runs', async () => {
    const core = startCore();
    const order = { symbol: 'DEMO/USDT', side: 'buy', amountBase: 0.001, limitPriceQuote: 30_000 };
    const noAccount = await core.dispatch('placeManualOrder', order);
    expect(noAccount).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
    if (!noAccount.ok) expect(noAccount.error.message).toMatch(/Start a paper bot/);
    await call(core, 'startPaperBot', { ...PAPER, barsPerSecond: 5 });
    const running = await core.dispatch('placeManualOrder', order);
    expect(running).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
    if (!running.ok) expect(running.error.message).toMatch(/replaying prices/);
    await call(core, 'stopPaperBot');
  });

  it('need exactly one of amount and share of equity', async () => {
    const core = startCore();
    const both = await core.dispatch('placeManualOrder', { symbol: 'DEMO/USDT', side: 'buy', amountBase: 0.001, fractionOfEquity: 0.01, limitPriceQuote: 30_000 });
    expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const neither = await core.dispatch('placeManualOrder', { symbol: 'DEMO/USDT', side: 'buy', limitPriceQuote: 30_000 });
    expect(neither).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('are refused while paused with the reason, and show up in the dashboard’s decision feed', async () => {
    const core = await coreWithStoppedPaperBot();
    await call(core, 'pause', {});
    const close = core.bot.dashboard().candles.close.at(-1) ?? Number.NaN;
    const result = await call<ManualOrderResult>(core, 'placeManualOrder', { symbol: 'DEMO/USDT', side: 'buy', fractionOfEquity: 0.005, limitPriceQuote: Math.round(close * 100) / 100 });
    expect(result.decision).toBe('rejected');
    expect(result.reasons.map((reason) => reason.code)).toEqual(['STATE_PAUSED']);
    expect(core.bot.dashboard().decisions[0]).toMatchObject({ outcome: 'rejected', reasonCodes: ['STATE_PAUSED'] });
  });
});

describe('resetting the high-water mark', () => {
  // Leaving safe mode on its own whenever the check clears, so the run goes to the end of the prices.
  const TRENDING = { ...PAPER, strategyId: 'trend-follower', leaveSafeModeAutomatically: true };

  /** A paper run that ended below its high, with the drawdown limit tightened so that the fall trips it. */
  async function coreInDrawdown(dataDir: string): Promise<BallastCore> {
    const core = startCore(dataDir);
    await call(core, 'applyRiskLimits', { changes: { maxDrawdownFraction: 0.0005 } });
    await call(core, 'startPaperBot', TRENDING);
    await core.bot.whenIdle();
    return core;
  }

  it('is refused before any paper account has prices, and when the account is at its high', async () => {
    const core = startCore();
    expect((await core.dispatch('proposeHighWaterMarkReset', undefined)).ok).toBe(false);
    const idle = await coreWithStoppedPaperBot();
    const refused = await idle.dispatch('proposeHighWaterMarkReset', undefined);
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
    expect(JSON.stringify(refused)).toMatch(/at its highest value/);
  });

  it('states the consequence in money, needs the typed words, clears the drawdown check, and is kept across a restart', async () => {
    const dataDir = tempDir('hwm');
    const core = await coreInDrawdown(dataDir);
    const before = await call<TradingStatusView>(core, 'getTradingStatus');
    expect(before.activeTriggers.map((trigger) => trigger.triggerId)).toContain('drawdown');

    const proposal = await call<HighWaterMarkReset>(core, 'proposeHighWaterMarkReset');
    expect(proposal.equityQuote).toBeLessThan(proposal.highWaterMarkQuote);
    expect(proposal.done).toBe(false);
    expect(proposal.confirmationText).toBe(LOOSEN_PHRASE);
    expect(proposal.consequence).toMatch(/below its highest value of [\d,.]+ USDT/);
    expect(proposal.consequence).toMatch(/may lose another [\d,.]+ USDT, down to [\d,.]+ USDT/);

    const wrong = await core.dispatch('resetHighWaterMark', { confirmation: 'yes' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_MISMATCH' } });
    expect((await call<TradingStatusView>(core, 'getTradingStatus')).activeTriggers.map((trigger) => trigger.triggerId)).toContain('drawdown');

    const done = await call<HighWaterMarkReset>(core, 'resetHighWaterMark', { confirmation: LOOSEN_PHRASE });
    expect(done).toMatchObject({ done: true, highWaterMarkQuote: proposal.equityQuote, equityQuote: proposal.equityQuote });
    const after = await call<TradingStatusView>(core, 'getTradingStatus');
    expect(after.activeTriggers.map((trigger) => trigger.triggerId)).not.toContain('drawdown');
    // Safe mode itself stays latched: leaving it is still the person's own step.
    expect(after.snapshot.state).toBe(before.snapshot.state);

    // The decision is in the run's journal, with what it replaced.
    const journals = await call<ActivityJournal[]>(core, 'listJournals');
    const run = journals.find((journal) => journal.kind === 'paper');
    const page = await call<ActivityPage>(core, 'queryActivity', { journal: run?.id, text: 'high_water_mark_reset', limit: 5 });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]?.kind).toBe('person_action');
    expect(page.rows[0]?.details).toContain(String(proposal.highWaterMarkQuote));

    core.dispose();
    cores.splice(cores.indexOf(core), 1);
    const restarted = startCore(dataDir);
    const again = await restarted.dispatch('proposeHighWaterMarkReset', undefined);
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
  });
});
