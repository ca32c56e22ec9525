import { describe, expect, it } from 'vitest';
import { EXCHANGE_IDS } from '../../core/keys/index.ts';
import { EXCHANGES_WITH_PASSPHRASE } from '../../core/runtime/keys/keysCredentialInput.ts';
import { newWindowDecision } from '../../electron/main/security.ts';
import { EXCHANGE_GUIDES } from '../../renderer/src/screens/keys/exchangeGuides.ts';

describe('the key wizard’s help links', () => {
  it('has a guide for every exchange whose permissions Ballast can read', () => {
    expect(EXCHANGE_GUIDES.map((guide) => guide.id).sort()).toEqual([...EXCHANGE_IDS].sort());
  });

  it('links only to pages the main process will open in the system browser', () => {
    for (const guide of EXCHANGE_GUIDES) {
      expect(newWindowDecision(guide.helpUrl), guide.helpUrl).toBe('open-in-system-browser');
    }
  });

  it('asks for a passphrase exactly where main expects one', () => {
    const withPassphrase = EXCHANGE_GUIDES.filter((guide) => guide.fields.passphrase !== undefined).map((guide) => guide.id).sort();
    expect(withPassphrase).toEqual([...EXCHANGES_WITH_PASSPHRASE].sort());
  });
});
