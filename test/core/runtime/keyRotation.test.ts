import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { KeyList, KeyView, OldKeyCheckView, PendingKeyView } from '../../../core/contract/index.ts';
import type { AlertDraft } from '../../../core/alerts/index.ts';
import type { KeySummary } from '../../../core/keys/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { AlertRuleFeed, type AlertRuleFeedOptions } from '../../../core/runtime/alerts/alertRuleFeed.ts';
import { CANARY, CANARY_VALUES, everythingSeen, startKeysCore, type KeysCoreUnderTest } from './support/keysCore.ts';
import { removeTempDirs } from '../../support/tempDirs.ts';

afterAll(removeTempDirs);

let app: KeysCoreUnderTest | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  removeTempDirs();
});

const DAY_MS = 86_400_000;
const OLD = { exchange: 'binance', environment: 'live', label: 'Main account', apiKey: CANARY.apiKey, secret: CANARY.secret } as const;
const NEW_KEY = { apiKey: 'FAKE-KEY-CANARY-rotated-1111111111wxyz', secret: 'FAKE-SECRET-CANARY-rotated-9c2b' };

async function saveKey(core: KeysCoreUnderTest, input: Record<string, unknown>): Promise<KeyView> {
  const checked = await core.value<PendingKeyView>('verifyNewKey', input);
  expect(checked.canSave).toBe(true);
  return core.value<KeyView>('saveVerifiedKey', { verificationId: checked.verificationId, ipAllowlistChoice: 'allowlist-set' });
}

describe('key rotation: the old key is confirmed dead before Ballast forgets it', () => {
  it('keeps the old key while the exchange still accepts it, then deletes its copy once the exchange refuses it', async () => {
    app = await startKeysCore();
    const old = await saveKey(app, OLD);

    // Before the person deletes it on the exchange, the old key still works: said plainly, nothing deleted.
    const early = await app.value<OldKeyCheckView>('checkOldKeyStopped', { keyId: old.id });
    expect(early).toMatchObject({ keyId: old.id, outcome: 'still-works', deleted: false, maskedKeyId: old.maskedKeyId });
    expect(early.reason).toContain('Binance still accepts the old key');
    expect((await app.value<KeyList>('listKeys')).keys.map((key) => key.id)).toEqual([old.id]);

    // On the exchange: a new key is created and the old one deleted (the fake now refuses it with -2015).
    app.fake.account.replaceCredentials(NEW_KEY);
    const fresh = await saveKey(app, { ...OLD, label: 'Main account (new)', ...NEW_KEY });
    expect(fresh.id).not.toBe(old.id);

    const confirmed = await app.value<OldKeyCheckView>('checkOldKeyStopped', { keyId: old.id });
    expect(confirmed).toMatchObject({ keyId: old.id, label: 'Main account', outcome: 'refused', deleted: true });
    expect(confirmed.reason).toBe('Binance refuses the old key, as it refuses a deleted one: it no longer works. Ballast deleted its copy.');
    expect((await app.value<KeyList>('listKeys')).keys.map((key) => key.id)).toEqual([fresh.id]);
    // The new key still works.
    expect(await app.value<{ check: { verdict: string } }>('reverifyKey', { keyId: fresh.id })).toMatchObject({ check: { verdict: 'safe' } });

    const everything = everythingSeen(app.seen);
    for (const canary of [...CANARY_VALUES, NEW_KEY.apiKey, NEW_KEY.secret]) expect(everything).not.toContain(canary);
  });

  it('never reads "no answer" as deleted: an exchange error or an unreachable exchange leaves the key in place', async () => {
    app = await startKeysCore();
    const old = await saveKey(app, OLD);
    app.fake.account.replaceCredentials(NEW_KEY);
    app.fake.faults.add({ method: 'GET', path: '/sapi/v1/account/apiRestrictions', times: 1, fault: { kind: 'serverError', status: 500 } });
    const answer = await app.value<OldKeyCheckView>('checkOldKeyStopped', { keyId: old.id });
    expect(answer).toMatchObject({ outcome: 'unknown', deleted: false });
    expect(answer.reason).toContain('cannot tell whether the old key still works');
    expect((await app.value<KeyList>('listKeys')).keys.map((key) => key.id)).toEqual([old.id]);
  });

  it('refuses to check a key that does not exist', async () => {
    app = await startKeysCore();
    expect(await app.call('checkOldKeyStopped', { keyId: 'no-such-key' })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED_NOW' } });
  });
});

describe('key expiry read from the exchange', () => {
  it('keeps the date Binance switches trading off for the key and shows it on the key', async () => {
    app = await startKeysCore();
    const expiresAtMs = Date.UTC(2031, 0, 15);
    app.fake.account.setPermissions({ tradingAuthorityExpirationTime: expiresAtMs });
    const saved = await saveKey(app, OLD);
    expect(saved.permissions?.keyExpiresAtMs).toBe(expiresAtMs);
    // Counted on the core's clock, so the card's colour never depends on the page's.
    const daysLeft = Math.floor((expiresAtMs - Date.now()) / DAY_MS);
    expect(saved.expiresInDays).toBeGreaterThanOrEqual(daysLeft - 1);
    expect(saved.expiresInDays).toBeLessThanOrEqual(daysLeft);
    expect((await app.value<KeyList>('listKeys')).keys[0]?.permissions?.keyExpiresAtMs).toBe(expiresAtMs);
  });

  it('sends the expiry reminder from the saved date, and none for a key whose exchange reports no date', async () => {
    const nowMs = Date.UTC(2030, 5, 1);
    const raised: AlertDraft[] = [];
    const summary = (expires: number | undefined): KeySummary => ({
      id: 'k1', exchange: 'binance', environment: 'live', label: 'Main account', maskedKeyId: 'FAKE…abcd', savedAtMs: nowMs - DAY_MS, ageDays: 1,
      rotation: 'fresh', cipherBackend: 'gnome_libsecret',
      permissions: {
        checkedAtMs: nowMs, withdrawOff: true, canWithdraw: false, canTrade: true, marginEnabled: false, futuresEnabled: false, ipRestricted: true, problems: [],
        ...(expires === undefined ? {} : { keyExpiresAtMs: expires }),
      },
    });
    let keys: KeySummary[] = [summary(nowMs + 5 * DAY_MS)];
    const feed = new AlertRuleFeed({
      raise: (drafts: readonly AlertDraft[]) => { raised.push(...drafts); },
      listKeys: () => Promise.resolve(keys),
      rotationPeriodDays: () => 90,
      nowMs: () => nowMs,
      log: createLogger({ level: 'silent' }),
    } as unknown as AlertRuleFeedOptions);
    await feed.checkKeys();
    const expiring = raised.filter((draft) => draft.code === 'KEY_EXPIRES_SOON');
    expect(expiring).toHaveLength(1);
    expect(expiring[0]).toMatchObject({ severity: 'warning', params: { daysLeft: 5, expiresAtMs: nowMs + 5 * DAY_MS, keyLabel: 'Main account' } });
    raised.length = 0;
    keys = [summary(undefined)];
    await feed.checkKeys();
    expect(raised.filter((draft) => draft.code === 'KEY_EXPIRES_SOON')).toEqual([]);
  });
});
