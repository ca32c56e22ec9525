import { commandNames, type CommandInput, type CommandName, type CommandOutput } from './commands.ts';
import { isEventName, type EventName, type EventPayload } from './events.ts';
import { failure, type Result } from './result.ts';

/**
 * How a bridge reaches main. The Electron preload carries it over ipcRenderer; the E2E harness
 * over a Playwright binding. Both build `window.ballast` with `createBridge`, so they cannot drift.
 */
export interface BridgeTransport {
  invoke(command: CommandName, input: unknown): Promise<unknown>;
  /** Receives raw `{ name, payload }` event messages; returns an unsubscribe function. */
  subscribe(listener: (message: unknown) => void): () => void;
}

type CommandFunction<K extends CommandName> = [CommandInput<K>] extends [undefined]
  ? () => Promise<Result<CommandOutput<K>>>
  : (input: CommandInput<K>) => Promise<Result<CommandOutput<K>>>;

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

/** The one global object the renderer sees. */
export type BallastApi = { readonly [K in CommandName]: CommandFunction<K> } & {
  readonly on: <E extends EventName>(event: E, listener: EventListener<E>) => () => void;
};

/** Names of every key of `window.ballast`: the contract's commands plus `on`. */
export const bridgeKeys: readonly string[] = [...commandNames, 'on'];

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return value.ok === true ? 'value' in value : 'error' in value;
}

function isEventMessage(message: unknown): message is { name: string; payload: unknown } {
  return typeof message === 'object' && message !== null && 'name' in message && 'payload' in message;
}

export function createBridge(transport: BridgeTransport): BallastApi {
  const api: Record<string, unknown> = {};
  for (const name of commandNames) {
    api[name] = async (input?: unknown): Promise<Result<unknown>> => {
      try {
        const result = await transport.invoke(name, input);
        return isResult(result) ? result : failure('INTERNAL', 'Ballast received an answer it could not read.');
      } catch {
        return failure('INTERNAL', 'Ballast could not reach its trading core. Restart the app if this persists.');
      }
    };
  }
  api.on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`Unknown Ballast event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('A Ballast event listener must be a function.');
    // Only the payload is passed on: the transport's own event object never reaches the page.
    return transport.subscribe((message) => {
      if (isEventMessage(message) && message.name === event) (listener as (payload: unknown) => void)(message.payload);
    });
  };
  return Object.freeze(api) as BallastApi;
}
