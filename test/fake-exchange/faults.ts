/**
 * What can go wrong between Ballast and an exchange, on demand. A rule picks requests by method
 * and path and injects one fault, optionally only some of the time (seeded, so a failing run can
 * be replayed exactly).
 */
export type LostConnection = 'hold' | 'reset';

export type Fault =
  /** answer late */
  | { kind: 'latency'; ms: number }
  /** process the request (an order IS placed), then never answer: hold past the client's timeout, or reset the connection */
  | { kind: 'timeoutAfterAccept'; connection?: LostConnection; holdMs?: number }
  /** never process the request (no order), and never answer */
  | { kind: 'timeoutBeforeAccept'; connection?: LostConnection; holdMs?: number }
  /** a 5xx; `afterAccept` processes the request first (Binance: "execution status UNKNOWN") */
  | { kind: 'serverError'; status: 500 | 502 | 503 | 504; body?: ServerErrorBody; afterAccept?: boolean }
  /** 503 with Binance's maintenance message */
  | { kind: 'maintenance' }
  /** 429 as if the weight limit were exceeded */
  | { kind: 'rateLimited'; retryAfterS?: number }
  /** 418 as if the IP were banned */
  | { kind: 'ipBanned'; retryAfterS?: number }
  /** a new order executes at most this fraction of its quantity on arrival */
  | { kind: 'partialFill'; fraction: number }
  /** a new order is refused with "Duplicate order sent." */
  | { kind: 'duplicateClientOrderId' }
  /** an order query answers -2013 and a cancel -2011, even when the order exists */
  | { kind: 'unknownOrder' }
  /** the server's clock is off by this much for the matched requests */
  | { kind: 'clockSkew'; offsetMs: number }
  /** refuse the request unprocessed with this Binance error body (default HTTP 400), e.g. -2010 insufficient balance */
  | { kind: 'binanceError'; code: number; msg: string; httpStatus?: number };

/** `binanceJson`: {"code":-1001,...}; `html`: a gateway page; `text`: Binance's plain 5xx texts. */
export type ServerErrorBody = 'binanceJson' | 'html' | 'text';

export interface FaultRule {
  fault: Fault;
  method?: string | undefined;
  /** a RegExp tested against the URL path, or an exact path such as `/api/v3/order` */
  path?: RegExp | string | undefined;
  /** fire at most this many times (default: every match) */
  times?: number | undefined;
  /** let this many matching requests through first (e.g. fail midway through a backfill) */
  skip?: number | undefined;
  /** fire with this probability (0..1), drawn from the seeded generator */
  probability?: number | undefined;
  /** fire only for requests carrying every one of these parameters with exactly this value (e.g. one order's `origClientOrderId`) */
  params?: Readonly<Record<string, string>> | undefined;
}

/** A stricter request budget than the weight limit, over a short sliding window (e.g. 40 requests a second). */
export interface RequestLimit {
  maxRequests: number;
  windowMs: number;
}

export interface FiredFault {
  ruleId: number;
  fault: Fault;
}

interface ActiveRule {
  id: number;
  rule: FaultRule;
  seen: number;
  fired: number;
}

export class FaultPlan {
  readonly #rules: ActiveRule[] = [];
  readonly #random: () => number;
  #nextId = 1;
  #clockSkewMs = 0;
  #requestLimit: RequestLimit | null = null;
  #recentRequestsMs: number[] = [];

  constructor(seed: number, rules: readonly FaultRule[] = []) {
    this.#random = seededRandom(seed);
    for (const rule of rules) this.add(rule);
  }

  add(rule: FaultRule): number {
    const id = this.#nextId++;
    this.#rules.push({ id, rule, seen: 0, fired: 0 });
    return id;
  }

  remove(ruleId: number): void {
    const index = this.#rules.findIndex((active) => active.id === ruleId);
    if (index >= 0) this.#rules.splice(index, 1);
  }

  clear(): void {
    this.#rules.length = 0;
    this.#clockSkewMs = 0;
    this.setRequestLimit(null);
  }

  /**
   * Over `maxRequests` in any `windowMs` (wall clock), a request is answered 429 with a
   * Retry-After of the time until the window has room again (whole seconds, at least 1, as Binance sends it).
   */
  setRequestLimit(limit: RequestLimit | null): void {
    this.#requestLimit = limit;
    this.#recentRequestsMs = [];
  }

  /** How many times a rule has fired so far. */
  firedCount(ruleId: number): number {
    return this.#rules.find((active) => active.id === ruleId)?.fired ?? 0;
  }

  /** Shifts the server's clock for every request (the whole exchange runs fast or slow). */
  setClockSkewMs(offsetMs: number): void {
    this.#clockSkewMs = offsetMs;
  }

  clockSkewMs(): number {
    return this.#clockSkewMs;
  }

  /** The faults that fire for this request, in the order the rules were added (the request limit first). */
  faultsFor(method: string, path: string, params: Readonly<Record<string, string>> = {}, nowMs = Date.now()): FiredFault[] {
    const fired: FiredFault[] = [];
    const limited = this.#overRequestLimit(nowMs);
    if (limited !== null) fired.push({ ruleId: 0, fault: limited });
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue;
      if (rule.path !== undefined && !(typeof rule.path === 'string' ? rule.path === path : rule.path.test(path))) continue;
      if (rule.params !== undefined && !Object.entries(rule.params).every(([name, value]) => params[name] === value)) continue;
      active.seen += 1;
      if (active.seen <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      if (rule.probability !== undefined && this.#random() >= rule.probability) continue;
      active.fired += 1;
      fired.push({ ruleId: active.id, fault: rule.fault });
    }
    return fired;
  }

  #overRequestLimit(nowMs: number): Fault | null {
    const limit = this.#requestLimit;
    if (limit === null) return null;
    const recent = this.#recentRequestsMs.filter((atMs) => atMs > nowMs - limit.windowMs);
    this.#recentRequestsMs = recent;
    if (recent.length >= limit.maxRequests) {
      const waitMs = (recent[0] ?? nowMs) + limit.windowMs - nowMs;
      return { kind: 'rateLimited', retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    recent.push(nowMs);
    return null;
  }
}

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
