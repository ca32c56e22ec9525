import { describe, expect, it, vi } from 'vitest';
import { bridgeKeys, commandNames, createBridge, type BridgeTransport } from '../../../core/contract/index.ts';

function fakeTransport(answer: unknown = { ok: true, value: 'x' }) {
  const listeners = new Set<(message: unknown) => void>();
  const invoke = vi.fn((_command: string, _input: unknown) => Promise.resolve(answer));
  const transport: BridgeTransport = {
    invoke,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const deliver = (message: unknown) => { for (const listener of listeners) listener(message); };
  return { transport, invoke, deliver, listeners };
}

describe('createBridge', () => {
  it('exposes exactly one function per command plus on, and nothing else', () => {
    const api = createBridge(fakeTransport().transport);
    expect(Object.keys(api).sort()).toEqual([...bridgeKeys].sort());
    expect(bridgeKeys).toEqual([...commandNames, 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends the command name and input over the transport', async () => {
    const { transport, invoke } = fakeTransport();
    const api = createBridge(transport);
    await api.rearm({ confirmation: 'RE-ARM' });
    expect(invoke).toHaveBeenCalledWith('rearm', { confirmation: 'RE-ARM' });
  });

  it('turns a transport failure or an unreadable answer into a typed error', async () => {
    const broken: BridgeTransport = { invoke: () => Promise.reject(new Error('channel closed')), subscribe: () => () => undefined };
    await expect(createBridge(broken).getAppStatus()).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await expect(createBridge(fakeTransport('nonsense').transport).getAppStatus()).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('passes only the payload of the subscribed event to listeners', () => {
    const { transport, deliver, listeners } = fakeTransport();
    const api = createBridge(transport);
    const listener = vi.fn();
    const off = api.on('alertRaised', listener);
    deliver({ name: 'tradingStateChanged', payload: { state: 'PAUSED' } });
    deliver({ name: 'alertRaised', payload: { id: 'a1' }, sender: 'electron-event-object' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ id: 'a1' });
    off();
    expect(listeners.size).toBe(0);
  });

  it('refuses to subscribe to events that are not in the contract', () => {
    const api = createBridge(fakeTransport().transport);
    expect(() => api.on('secretChannel' as never, () => undefined)).toThrow(TypeError);
  });
});
