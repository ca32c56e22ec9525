import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { commandNames, commands, CONTRACT_ERROR_CODES, isCommandName } from '../../core/contract/index.ts';
import { createLogger } from '../../core/log/index.ts';
import { createBallastCore } from '../../core/runtime/index.ts';
import { createGuardedInvoke } from '../../electron/main/ipcGuard.ts';
import { APP_ENTRY_URL, isTrustedSender } from '../../electron/main/security.ts';
import { removeTempDirs, tempDir } from '../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);

const SEED = Number(process.env.BALLAST_PROPERTY_SEED ?? 20_261_125);
const PAYLOADS = 10_000;

/** Values shaped like what a hostile or buggy page could send through IPC, and worse. */
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }),
  fc.record({ confirmation: fc.anything(), confirmed: fc.anything(), note: fc.anything() }, { requiredKeys: [] }),
  fc.constantFrom(
    { confirmed: true, extra: 1 },
    { confirmation: 'RE-ARM', __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"isAdmin": true}, "confirmed": true}') as unknown,
    { note: 'x'.repeat(100_000) },
    Object.defineProperty({}, 'confirmed', { enumerable: true, get: () => { throw new Error('getter bomb'); } }),
    new Proxy({}, { ownKeys: () => { throw new Error('proxy bomb'); } }),
  ),
);

const commandName = fc.oneof(
  fc.constantFrom(...commandNames),
  fc.constantFrom('constructor', '__proto__', 'hasOwnProperty', 'on', 'eval', ''),
  fc.string(),
  fc.anything(),
);

const untrustedUrl = fc.oneof(
  fc.constantFrom('app://ballast.evil.com/index.html', 'app://ballast@evil/', 'https://evil.example/', 'file:///index.html', 'about:blank', 'http://localhost:5173/', ''),
  fc.webUrl(),
  fc.string(),
);

describe('IPC fuzz through the main-process handler', () => {
  it(`answers ${PAYLOADS} random and malformed payloads with typed results and never crashes`, async () => {
    const core = createBallastCore({ dataDir: tempDir('core'), version: 'fuzz', log: createLogger({ level: 'silent' }) });
    const invoke = createGuardedInvoke(core.dispatch, (url) => isTrustedSender(url));
    const codes = new Set<string>(CONTRACT_ERROR_CODES);
    let answered = 0;
    let accepted = 0;

    await fc.assert(
      fc.asyncProperty(commandName, hostileValue, async (name, input) => {
        const result = await invoke({ url: APP_ENTRY_URL }, name, input);
        answered += 1;
        if (result.ok) {
          // Only a payload that really matches the command's schema may succeed.
          expect(isCommandName(name)).toBe(true);
          if (isCommandName(name)) expect(commands[name].input.safeParse(input).success).toBe(true);
          accepted += 1;
        } else {
          expect(codes.has(result.error.code)).toBe(true);
          expect(result.error.message.length).toBeLessThan(600);
        }
      }),
      { numRuns: PAYLOADS, seed: SEED },
    );
    expect(answered).toBe(PAYLOADS);
    // A fuzz run that almost never reaches a handler would prove little either way.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(PAYLOADS / 2);
  }, 120_000);

  it(`refuses every call from an untrusted sender without reaching core (${PAYLOADS} calls)`, async () => {
    const dispatch = vi.fn(() => Promise.resolve({ ok: true as const, value: 'should never happen' }));
    const invoke = createGuardedInvoke(dispatch, (url) => isTrustedSender(url));
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.option(untrustedUrl, { nil: undefined }), commandName, hostileValue, async (url, name, input) => {
        const sender = url === undefined ? null : { url };
        const result = await invoke(sender, name, input);
        expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
        refused += 1;
      }),
      { numRuns: PAYLOADS, seed: SEED + 1 },
    );
    expect(refused).toBe(PAYLOADS);
    expect(dispatch).not.toHaveBeenCalled();
  }, 120_000);
});
