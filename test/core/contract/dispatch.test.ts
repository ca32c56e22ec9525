import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContractError, createDispatcher, type CommandHandlers } from '../../../core/contract/index.ts';
import { createLogger } from '../../../core/log/index.ts';
import { createBallastCore } from '../../../core/runtime/index.ts';
import { removeTempDirs, tempDir } from '../../support/tempDirs.ts';

// Runs after the hooks below (they close what uses the folders), then removes the folders.
afterEach(removeTempDirs);

const snapshot = { state: 'ACTIVE' as const, sinceMs: 1, cause: { code: 'STARTED', message: 'Ballast started.' }, rearmPhrase: 'RE-ARM' };

/** The real core's handlers (so every command has one), with the ones a test cares about replaced. */
function handlers(overrides: Partial<CommandHandlers> = {}): CommandHandlers {
  const core = createBallastCore({ dataDir: tempDir('core'), version: '1.0.0', log: createLogger({ level: 'silent' }) });
  return { ...core.handlers, getTradingState: () => snapshot, ...overrides };
}

describe('createDispatcher', () => {
  it('runs the handler with parsed input and returns its output', async () => {
    const pause = vi.fn(() => ({ ...snapshot, state: 'PAUSED' as const }));
    const dispatch = createDispatcher(handlers({ pause }));
    await expect(dispatch('pause', { note: '  lunch  ' })).resolves.toEqual({ ok: true, value: { ...snapshot, state: 'PAUSED' } });
    expect(pause).toHaveBeenCalledWith({ note: 'lunch' });
  });

  it('refuses unknown commands, including inherited property names', async () => {
    const dispatch = createDispatcher(handlers());
    for (const name of ['deleteEverything', 'constructor', '__proto__', 'toString', 42, null]) {
      await expect(dispatch(name, undefined)).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    }
  });

  it('never calls the handler with input that fails the schema', async () => {
    const kill = vi.fn(() => snapshot);
    const dispatch = createDispatcher(handlers({ kill }));
    const result = await dispatch('kill', { confirmed: 'true' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(kill).not.toHaveBeenCalled();
  });

  it('passes a ContractError through with its code and message', async () => {
    const dispatch = createDispatcher(handlers({ resume: () => { throw new ContractError('NOT_ALLOWED_NOW', 'Re-arm first.'); } }));
    await expect(dispatch('resume', undefined)).resolves.toEqual({ ok: false, error: { code: 'NOT_ALLOWED_NOW', message: 'Re-arm first.' } });
  });

  it('hides the message of unexpected errors, which may hold anything, and reports them to the log', async () => {
    const onInternalError = vi.fn();
    const dispatch = createDispatcher(
      handlers({ getTradingState: () => { throw new Error('boom with FAKE-SECRET-CANARY-1'); } }),
      { onInternalError },
    );
    const result = await dispatch('getTradingState', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('CANARY');
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('refuses to return output that breaks the contract', async () => {
    const leaky = () => ({ ...snapshot, apiSecret: 'FAKE-SECRET-CANARY-2' });
    const dispatch = createDispatcher(handlers({ getTradingState: leaky }));
    const result = await dispatch('getTradingState', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });
});
