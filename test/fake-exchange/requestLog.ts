/**
 * What the fake exchange saw, for tests to assert on. It never holds key material: the API key
 * header and the `signature` parameter are not recorded (the secret never reaches a server).
 */
export interface RequestLogEntry {
  /** wall-clock time the request arrived */
  atMs: number;
  method: string;
  path: string;
  /** HTTP status sent, or 0 when the response was deliberately lost */
  status: number;
  /** Binance error code in the body, when there was one */
  code?: number | undefined;
  weight: number;
  usedWeight: number;
  params: Record<string, string>;
  faults: string[];
  durationMs: number;
}

export interface ExchangeCounters {
  requests: number;
  byStatus: Record<string, number>;
  byPath: Record<string, number>;
  ordersAccepted: number;
  ordersRejected: number;
  faultsFired: number;
}

export class RequestLog {
  readonly #entries: RequestLogEntry[] = [];
  readonly #counters: ExchangeCounters = { requests: 0, byStatus: {}, byPath: {}, ordersAccepted: 0, ordersRejected: 0, faultsFired: 0 };

  record(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    const counters = this.#counters;
    counters.requests += 1;
    counters.byStatus[String(entry.status)] = (counters.byStatus[String(entry.status)] ?? 0) + 1;
    const key = `${entry.method} ${entry.path}`;
    counters.byPath[key] = (counters.byPath[key] ?? 0) + 1;
    counters.faultsFired += entry.faults.length;
    if (entry.method === 'POST' && entry.path === '/api/v3/order') {
      if (entry.code === undefined && entry.status !== 0 && entry.status < 400) counters.ordersAccepted += 1;
      else if (entry.code !== undefined) counters.ordersRejected += 1;
    }
  }

  entries(): RequestLogEntry[] {
    return this.#entries.map((entry) => ({ ...entry, params: { ...entry.params }, faults: [...entry.faults] }));
  }

  counters(): ExchangeCounters {
    return structuredClone(this.#counters);
  }
}

/** The parameters worth keeping: everything except the signature. */
export function loggableParams(params: Readonly<Record<string, string>>): Record<string, string> {
  const { signature: _signature, ...rest } = params;
  return rest;
}
