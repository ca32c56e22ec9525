import { describe, expect, it } from 'vitest';
import {
  KeysError, LIVE_CONFIRMATION_PHRASE, evaluateLiveGate,
  type GateItemId, type LiveGateInputs, type PermissionReport,
} from '../../../core/keys/index.ts';
import { firstLiveSizingMultiplier } from '../../../core/risk/index.ts';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12);

function report(overrides: Partial<PermissionReport> = {}): PermissionReport {
  return {
    exchange: 'binance', endpoint: 'GET /sapi/v1/account/apiRestrictions', checkedAtMs: NOW,
    canWithdraw: false, canTrade: true, marginEnabled: false, futuresEnabled: false, ipRestricted: true,
    problems: [], fieldsConsulted: ['enableWithdrawals'], ...overrides,
  };
}

function inputs(overrides: Partial<LiveGateInputs> = {}): LiveGateInputs {
  return {
    strategyId: 'trend-follow-btc',
    readPermissions: () => Promise.resolve(report()),
    nowMs: NOW,
    keyCreatedAtMs: NOW - 10 * DAY_MS,
    riskLimits: { configured: true },
    typedConfirmation: LIVE_CONFIRMATION_PHRASE,
    paperRecord: { strategyId: 'trend-follow-btc', paperDays: 8, paperTrades: 3 },
    ...overrides,
  };
}

async function onlyFailing(overrides: Partial<LiveGateInputs>): Promise<{ id: GateItemId; status: string; reason: string; fix: string }> {
  const result = await evaluateLiveGate(inputs(overrides));
  expect(result.allowed).toBe(false);
  const failing = result.items.filter((item) => item.status !== 'pass');
  expect(failing).toHaveLength(1);
  const item = failing[0]!;
  expect(item.reason.length).toBeGreaterThan(10);
  expect(item.fix.length).toBeGreaterThan(10);
  return item;
}

describe('the AI model item of the live gate', () => {
  it('is absent while the model does not filter entries', async () => {
    const result = await evaluateLiveGate(inputs());
    expect(result.items.map((item) => item.id)).not.toContain('ai-model');
    expect(result.allowed).toBe(true);
  });

  it('refuses a filtering model whose card shows no reliable edge, with the card\'s own words', async () => {
    const item = await onlyFailing({ aiModel: { present: true, usableLive: false, reasons: ['This model shows no reliable edge.'] } });
    expect(item.id).toBe('ai-model');
    expect(item.reason).toContain('This model shows no reliable edge.');
  });

  it('refuses when the filter is on but no model is in use', async () => {
    expect((await onlyFailing({ aiModel: { present: false, usableLive: false, reasons: [] } })).id).toBe('ai-model');
  });

  it('passes a model whose card shows an edge', async () => {
    const result = await evaluateLiveGate(inputs({ aiModel: { present: true, usableLive: true, reasons: [] } }));
    expect(result.allowed).toBe(true);
    expect(result.items.find((item) => item.id === 'ai-model')?.status).toBe('pass');
  });
});

describe('evaluateLiveGate', () => {
  it('allows live trading when every item passes, and lists them all', async () => {
    const result = await evaluateLiveGate(inputs());
    expect(result.allowed).toBe(true);
    expect(result.items.map((item) => item.id)).toEqual([
      'withdraw-off', 'trade-permission', 'no-futures-or-margin', 'risk-limits', 'key-age', 'confirmation', 'paper-record',
    ]);
    expect(result.items.every((item) => item.status === 'pass' && item.fix === '')).toBe(true);
  });

  it('re-reads the permissions on every evaluation', async () => {
    let reads = 0;
    const readPermissions = () => { reads += 1; return Promise.resolve(report()); };
    await evaluateLiveGate(inputs({ readPermissions }));
    await evaluateLiveGate(inputs({ readPermissions }));
    expect(reads).toBe(2);
  });

  it('refuses when the key can withdraw', async () => {
    const item = await onlyFailing({ readPermissions: () => Promise.resolve(report({ canWithdraw: true })) });
    expect(item).toMatchObject({ id: 'withdraw-off', status: 'fail' });
    expect(item.fix).toMatch(/Turn off withdrawals/);
  });

  it('refuses as unknown when the exchange did not confirm withdrawals off', async () => {
    const item = await onlyFailing({ readPermissions: () => Promise.resolve(report({ canWithdraw: 'unknown', problems: ['Field missing.'] })) });
    expect(item).toMatchObject({ id: 'withdraw-off', status: 'unknown' });
    expect(item.reason).toContain('Field missing.');
  });

  it('refuses without a trade permission', async () => {
    expect(await onlyFailing({ readPermissions: () => Promise.resolve(report({ canTrade: false })) }))
      .toMatchObject({ id: 'trade-permission', status: 'fail' });
  });

  it('refuses when futures are on', async () => {
    expect(await onlyFailing({ readPermissions: () => Promise.resolve(report({ futuresEnabled: true })) }))
      .toMatchObject({ id: 'no-futures-or-margin', status: 'fail' });
  });

  it('refuses when margin is on', async () => {
    expect(await onlyFailing({ readPermissions: () => Promise.resolve(report({ marginEnabled: true })) }))
      .toMatchObject({ id: 'no-futures-or-margin', status: 'fail' });
  });

  it('refuses as unknown when the exchange does not say whether margin is on', async () => {
    expect(await onlyFailing({ readPermissions: () => Promise.resolve(report({ marginEnabled: 'unknown' })) }))
      .toMatchObject({ id: 'no-futures-or-margin', status: 'unknown' });
  });

  it('lets the person confirm a spot-only key only where the exchange cannot tell futures or margin (Kraken, Bybit, Coinbase)', async () => {
    const cannotTell = () => Promise.resolve(report({ futuresEnabled: 'unknown', marginEnabled: 'unknown' }));
    const confirmed = await evaluateLiveGate(inputs({ readPermissions: cannotTell, spotOnlyConfirmed: true }));
    expect(confirmed.allowed).toBe(true);
    expect(confirmed.items.find((item) => item.id === 'no-futures-or-margin')?.reason).toMatch(/you confirmed that you created it for spot trading only/);
    // The confirmation never outweighs what the exchange reports, and withdrawals stay a hard refusal.
    expect(await onlyFailing({ readPermissions: () => Promise.resolve(report({ futuresEnabled: true, marginEnabled: 'unknown' })), spotOnlyConfirmed: true }))
      .toMatchObject({ id: 'no-futures-or-margin', status: 'fail' });
    expect(await onlyFailing({ readPermissions: () => Promise.resolve(report({ canWithdraw: 'unknown', futuresEnabled: 'unknown' })), spotOnlyConfirmed: true }))
      .toMatchObject({ id: 'withdraw-off', status: 'unknown' });
  });

  it('refuses without risk limits and names the missing ones', async () => {
    const item = await onlyFailing({ riskLimits: { configured: false, missing: ['daily loss limit'] } });
    expect(item).toMatchObject({ id: 'risk-limits', status: 'fail' });
    expect(item.reason).toContain('daily loss limit');
  });

  it('refuses a key older than the rotation limit and passes with a reminder from day 30', async () => {
    expect(await onlyFailing({ keyCreatedAtMs: NOW - 90 * DAY_MS })).toMatchObject({ id: 'key-age', status: 'fail' });
    const result = await evaluateLiveGate(inputs({ keyCreatedAtMs: NOW - 45 * DAY_MS }));
    expect(result.allowed).toBe(true);
    expect(result.items.find((item) => item.id === 'key-age')?.reason).toMatch(/Plan to replace it/);
  });

  it('ages the key from the exchange-reported creation date when that is earlier', async () => {
    const item = await onlyFailing({ readPermissions: () => Promise.resolve(report({ keyCreatedAtMs: NOW - 120 * DAY_MS })) });
    expect(item).toMatchObject({ id: 'key-age', status: 'fail' });
  });

  it('refuses without the exact confirmation phrase', async () => {
    const item = await onlyFailing({ typedConfirmation: LIVE_CONFIRMATION_PHRASE.toLowerCase() });
    expect(item).toMatchObject({ id: 'confirmation', status: 'fail' });
    expect(item.fix).toContain(LIVE_CONFIRMATION_PHRASE);
    const pasted = await evaluateLiveGate(inputs({ typedConfirmation: `  ${LIVE_CONFIRMATION_PHRASE}\n` }));
    expect(pasted.allowed).toBe(true);
  });

  it('refuses without a paper record for the same strategy', async () => {
    expect(await onlyFailing({ paperRecord: undefined })).toMatchObject({ id: 'paper-record', status: 'fail' });
    expect(await onlyFailing({ paperRecord: { strategyId: 'other', paperDays: 30, paperTrades: 100 } }))
      .toMatchObject({ id: 'paper-record', status: 'fail' });
  });

  it('needs 7 paper days or 20 paper trades', async () => {
    expect(await onlyFailing({ paperRecord: { strategyId: 'trend-follow-btc', paperDays: 6, paperTrades: 19 } }))
      .toMatchObject({ id: 'paper-record', status: 'fail' });
    expect((await evaluateLiveGate(inputs({ paperRecord: { strategyId: 'trend-follow-btc', paperDays: 1, paperTrades: 20 } }))).allowed).toBe(true);
  });

  it('treats a report that is not from just now as unknown', async () => {
    const result = await evaluateLiveGate(inputs({ readPermissions: () => Promise.resolve(report({ checkedAtMs: NOW - 10 * 60_000 })) }));
    expect(result.allowed).toBe(false);
    expect(result.items.slice(0, 3).every((item) => item.status === 'unknown')).toBe(true);
  });

  it('treats a failing permission read as unknown, keeping only plain messages', async () => {
    const thrown = await evaluateLiveGate(inputs({ readPermissions: () => Promise.reject(new Error('GET https://x?signature=FAKE-SECRET-CANARY')) }));
    expect(thrown.allowed).toBe(false);
    expect(thrown.items[0]).toMatchObject({ id: 'withdraw-off', status: 'unknown' });
    expect(JSON.stringify(thrown)).not.toContain('CANARY');
    const ours = await evaluateLiveGate(inputs({ readPermissions: () => Promise.reject(new KeysError('BACKEND_CHANGED', 'Enter the key again.')) }));
    expect(ours.items[0]?.reason).toBe('Enter the key again.');
  });
});

describe('firstLiveSizingMultiplier', () => {
  const start = Date.UTC(2026, 5, 1);
  it('halves the per-trade limit for the first 7 days of live trading', () => {
    expect(firstLiveSizingMultiplier(undefined, start)).toBe(0.5);
    expect(firstLiveSizingMultiplier(start, start)).toBe(0.5);
    expect(firstLiveSizingMultiplier(start, start + 7 * DAY_MS - 1)).toBe(0.5);
    expect(firstLiveSizingMultiplier(start, start + 7 * DAY_MS)).toBe(1);
    expect(firstLiveSizingMultiplier(start, start - DAY_MS)).toBe(0.5);
    expect(firstLiveSizingMultiplier(start, start + DAY_MS, { reducedDays: 3, multiplier: 0.25 })).toBe(0.25);
  });
});

describe('the protective-stops item of the live gate', () => {
  const kraken = { exchangeName: 'Kraken', heldByExchange: false, watchedStopsAccepted: false };

  it('refuses an exchange that holds no stop orders until the person accepts that positions are protected only while Ballast runs', async () => {
    const item = await onlyFailing({ exchangeStops: kraken });
    expect(item.id).toBe('exchange-stops');
    expect(item.reason).toContain('protected only while Ballast runs');
    const accepted = await evaluateLiveGate(inputs({ exchangeStops: { ...kraken, watchedStopsAccepted: true } }));
    expect(accepted.allowed).toBe(true);
    expect(accepted.items.find((entry) => entry.id === 'exchange-stops')).toMatchObject({ status: 'pass', reason: expect.stringContaining('protected only while Ballast runs') as unknown });
  });

  it('passes an exchange that holds the stops, with nothing to accept', async () => {
    const result = await evaluateLiveGate(inputs({ exchangeStops: { exchangeName: 'Binance', heldByExchange: true, watchedStopsAccepted: false } }));
    expect(result.allowed).toBe(true);
    expect(result.items.find((entry) => entry.id === 'exchange-stops')).toMatchObject({ status: 'pass', reason: expect.stringContaining('even when this computer is off') as unknown });
  });
});
