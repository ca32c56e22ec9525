import { events, type EventName, type EventPayload } from './events.ts';

export interface EventMessage<E extends EventName = EventName> {
  readonly name: E;
  readonly payload: EventPayload<E>;
}

export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Receives every event; returns an unsubscribe function. */
  subscribe(listener: (message: EventMessage) => void): () => void;
}

/** Main-side fan-out of contract events; payloads are checked against their schema before leaving. */
export function createEventHub(): EventHub {
  const listeners = new Set<(message: EventMessage) => void>();
  return {
    emit(name, payload) {
      const message = { name, payload: events[name].parse(payload) } as EventMessage;
      for (const listener of listeners) listener(message);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
