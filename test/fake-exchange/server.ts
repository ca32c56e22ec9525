import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  bannedResponse,
  jsonResponse,
  maintenanceResponse,
  rateLimitedResponse,
  serverErrorResponse,
  type CannedResponse,
} from './faultResponses.ts';
import type { Fault, FaultPlan, FiredFault } from './faults.ts';
import { BinanceRejection, reject } from './rejections.ts';
import { loggableParams, type RequestLog } from './requestLog.ts';
import type { ExchangeState, Route } from './routes/route.ts';
import { authenticate } from './signing.ts';
import { tooMuchWeightMessage, type RequestWeightTracker } from './weights.ts';

export interface ServerParts {
  state: ExchangeState;
  routes: readonly Route[];
  faults: FaultPlan;
  weights: RequestWeightTracker;
  log: RequestLog;
  /** While offline, every request's connection is reset unanswered and unprocessed (a lost network). */
  network: { offline: boolean };
}

export interface RunningServer {
  url: string;
  /** Ends every open connection (keep-alive sockets die when a computer sleeps or changes network). */
  dropConnections: () => void;
  close: () => Promise<void>;
}

/** A lost response is held this long at most before the connection is dropped. */
const DEFAULT_HOLD_MS = 60_000;

type Outcome = CannedResponse | { lost: Extract<Fault, { kind: 'timeoutAfterAccept' | 'timeoutBeforeAccept' }> };

export async function startServer(parts: ServerParts, host: string, port: number): Promise<RunningServer> {
  const routeTable = new Map(parts.routes.map((route) => [`${route.method} ${route.path}`, route]));
  const heldTimers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    serve(parts, routeTable, heldTimers, request, response).catch((error: unknown) => {
      // A bug in the fake must be loud: answer 500 with the reason rather than hang the client.
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`fake exchange failure: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject_) => {
    server.once('error', reject_);
    server.listen(port, host, () => { resolve(); });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    dropConnections: () => {
      server.closeAllConnections();
    },
    close: async () => {
      for (const timer of heldTimers) clearTimeout(timer);
      heldTimers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}

async function serve(parts: ServerParts, routes: Map<string, Route>, heldTimers: Set<NodeJS.Timeout>, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const arrivedAtMs = Date.now();
  const rawBody = await readBody(request);
  const url = new URL(request.url ?? '/', 'http://fake');
  const method = (request.method ?? 'GET').toUpperCase();
  if (parts.network.offline) {
    parts.log.record({ atMs: arrivedAtMs, method, path: url.pathname, status: 0, code: undefined, weight: 0, usedWeight: 0, params: {}, faults: ['offline'], durationMs: 0 });
    response.socket?.destroy();
    return;
  }
  const rawQuery = url.search.slice(1);
  // Binance: a parameter sent in both places is taken from the query string.
  const params = { ...Object.fromEntries(new URLSearchParams(rawBody)), ...Object.fromEntries(url.searchParams) };
  const route = routes.get(`${method} ${url.pathname}`);
  const weight = route === undefined ? 1 : route.weight(params);
  const verdict = parts.weights.charge(weight, arrivedAtMs);
  let fired: FiredFault[] = [];

  let outcome: Outcome;
  if (verdict.kind === 'banned') {
    outcome = bannedResponse(verdict.retryAfterS, verdict.bannedUntilMs);
  } else if (verdict.kind === 'limited') {
    outcome = rateLimitedResponse(verdict.retryAfterS, tooMuchWeightMessage(parts.weights.options.weightLimitPerMinute));
  } else if (route === undefined) {
    outcome = { status: 404, headers: { 'Content-Type': 'text/plain' }, body: `Not Found: the fake exchange does not serve ${method} ${url.pathname}` };
  } else {
    fired = parts.faults.faultsFor(method, url.pathname, params, arrivedAtMs);
    const faults = fired.map((entry) => entry.fault);
    const latencyMs = faults.reduce((sum, fault) => sum + (fault.kind === 'latency' ? fault.ms : 0), 0);
    if (latencyMs > 0) await sleep(latencyMs);
    const refused = faultBeforeProcessing(faults);
    if (refused !== undefined) {
      outcome = refused;
    } else {
      const result = processed(parts, route, faults, { rawQuery, rawBody, params, apiKeyHeader: headerValue(request, 'x-mbx-apikey') });
      outcome = faultAfterProcessing(faults) ?? result;
    }
  }

  const status = 'lost' in outcome ? 0 : outcome.status;
  parts.log.record({
    atMs: arrivedAtMs,
    method,
    path: url.pathname,
    status,
    code: 'lost' in outcome ? undefined : outcome.code,
    weight,
    usedWeight: verdict.usedWeight,
    params: loggableParams(params),
    faults: fired.map((entry) => entry.fault.kind),
    durationMs: Date.now() - arrivedAtMs,
  });
  if ('lost' in outcome) {
    loseResponse(outcome.lost, response, heldTimers);
    return;
  }
  response.writeHead(outcome.status, { ...outcome.headers, 'X-MBX-USED-WEIGHT-1M': String(verdict.usedWeight) });
  response.end(outcome.body);
}

function faultBeforeProcessing(faults: readonly Fault[]): Outcome | undefined {
  for (const fault of faults) {
    if (fault.kind === 'timeoutBeforeAccept') return { lost: fault };
    if (fault.kind === 'serverError' && fault.afterAccept !== true) return serverErrorResponse(fault);
    if (fault.kind === 'maintenance') return maintenanceResponse();
    if (fault.kind === 'binanceError') return jsonResponse(fault.httpStatus ?? 400, { code: fault.code, msg: fault.msg }, fault.code);
    if (fault.kind === 'rateLimited') return rateLimitedResponse(fault.retryAfterS ?? 60, tooMuchWeightMessage(6000));
    if (fault.kind === 'ipBanned') {
      const retryAfterS = fault.retryAfterS ?? 120;
      return bannedResponse(retryAfterS, Date.now() + retryAfterS * 1000);
    }
  }
  return undefined;
}

function faultAfterProcessing(faults: readonly Fault[]): Outcome | undefined {
  for (const fault of faults) {
    if (fault.kind === 'timeoutAfterAccept') return { lost: fault };
    if (fault.kind === 'serverError' && fault.afterAccept === true) return serverErrorResponse(fault);
  }
  return undefined;
}

interface RawRequest {
  rawQuery: string;
  rawBody: string;
  params: Record<string, string>;
  apiKeyHeader: string | undefined;
}

function processed(parts: ServerParts, route: Route, faults: readonly Fault[], raw: RawRequest): CannedResponse {
  const { state } = parts;
  const marketNowMs = state.clock.nowMs();
  state.engine.catchUpTo(marketNowMs);
  const skewMs = parts.faults.clockSkewMs() + faults.reduce((sum, fault) => sum + (fault.kind === 'clockSkew' ? fault.offsetMs : 0), 0);
  const serverTimeMs = Date.now() + skewMs;
  try {
    authenticate(raw, state.account, route.security, serverTimeMs);
    if (route.security !== 'NONE') checkPermissions(state, route, serverTimeMs);
    return jsonResponse(200, route.handle({ state, params: raw.params, marketNowMs, serverTimeMs, faults }));
  } catch (error) {
    if (error instanceof BinanceRejection) return jsonResponse(error.httpStatus, error.body(), error.code);
    throw error;
  }
}

/** Binance answers a key without the needed permission with the same -2015 as a wrong key. */
function checkPermissions(state: ExchangeState, route: Route, serverTimeMs: number): void {
  const permissions = state.account.permissions();
  if (!permissions.enableReading) throw reject.rejectedApiKey();
  if (route.trades !== true) return;
  const expiredAtMs = permissions.tradingAuthorityExpirationTime;
  if (!permissions.enableSpotAndMarginTrading || (expiredAtMs !== undefined && expiredAtMs < serverTimeMs)) throw reject.rejectedApiKey();
}

function loseResponse(fault: Extract<Fault, { kind: 'timeoutAfterAccept' | 'timeoutBeforeAccept' }>, response: ServerResponse, heldTimers: Set<NodeJS.Timeout>): void {
  const socket = response.socket;
  if (fault.connection === 'reset') {
    socket?.destroy();
    return;
  }
  const timer = setTimeout(() => {
    heldTimers.delete(timer);
    socket?.destroy();
  }, fault.holdMs ?? DEFAULT_HOLD_MS);
  heldTimers.add(timer);
  socket?.once('close', () => {
    clearTimeout(timer);
    heldTimers.delete(timer);
  });
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
