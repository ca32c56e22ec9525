import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LIVE_CONFIRMATION_PHRASE } from '../../../core/keys/index.ts';
import type { AppStatus, KeyView, PendingKeyView, StartLiveResult } from '../../../core/contract/index.ts';
import { paperOnlyRefusal } from '../../../core/runtime/live/paperOnlyStrategies.ts';
import { CANARY, startKeysCore, type KeysCoreUnderTest } from './support/keysCore.ts';
import { removeTempDirs } from '../../support/tempDirs.ts';

afterAll(removeTempDirs);

let app: KeysCoreUnderTest | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  removeTempDirs();
});

/** A key and readiness where everything passes except, perhaps, the strategy. */
async function readyWith(under: KeysCoreUnderTest, strategyId: string): Promise<KeyView> {
  const checked = await under.value<PendingKeyView>('verifyNewKey', {
    exchange: 'binance', environment: 'live', label: 'Main', apiKey: CANARY.apiKey, secret: CANARY.secret,
  });
  const key = await under.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
  under.readiness.strategyId = strategyId;
  // Even a long paper record does not let the AI's own strategies go live in this version.
  under.readiness.paper = { paperDays: 30, paperTrades: 200 };
  under.readiness.riskLimitsSet = true;
  return key;
}

describe('live trading and the AI’s own strategies', () => {
  it.each(['llm-advisor', 'ai-model'])('the gate refuses a paper bot running %s, in plain words, and live mode stays off', async (strategyId) => {
    app = await startKeysCore();
    const key = await readyWith(app, strategyId);
    const result = await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    expect(result.started).toBe(false);
    const refusal = paperOnlyRefusal(strategyId);
    expect(result.gate.items.find((item) => item.id === 'paper-record')).toEqual({ id: 'paper-record', status: 'fail', reason: refusal?.reason, fix: refusal?.fix });
    // Every other item passes: the strategy alone keeps live mode off.
    expect(result.gate.items.filter((item) => item.status !== 'pass').map((item) => item.id)).toEqual(['paper-record']);
    expect((await app.value<AppStatus>('getAppStatus')).mode).toBe('paper');
  });

  it('says why in words a person can act on, and leaves rule strategies to the paper record', () => {
    const llm = paperOnlyRefusal('llm-advisor');
    expect(llm?.reason).toContain('paper only');
    expect(llm?.reason).toContain('own paper record');
    expect(llm?.fix).toContain('rule strategy');
    expect(paperOnlyRefusal('ai-model')?.reason).toContain('paper only');
    for (const id of ['trend-follower', 'rsi-mean-reversion', 'do-nothing', undefined]) expect(paperOnlyRefusal(id)).toBeNull();
  });

  it('the same checklist with a rule strategy and that record starts live (the refusal above is the strategy’s alone)', async () => {
    app = await startKeysCore();
    const key = await readyWith(app, 'trend-follower');
    const result = await app.value<StartLiveResult>('startLive', { keyId: key.id, typedConfirmation: LIVE_CONFIRMATION_PHRASE });
    expect(result.started).toBe(true);
  });
});
