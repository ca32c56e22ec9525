import type { Fault } from './faults.ts';
import { bannedMessage } from './weights.ts';

export interface CannedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Binance error code in the body, for the request log */
  code?: number | undefined;
}

const JSON_TYPE = { 'Content-Type': 'application/json;charset=UTF-8' };

function binanceJson(status: number, code: number, msg: string, headers: Record<string, string> = {}): CannedResponse {
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify({ code, msg }), code };
}

/** Bodies Binance's servers send with a 5xx (codes from its error list). */
const SERVER_ERROR_JSON: Readonly<Record<number, readonly [number, string]>> = {
  500: [-1000, 'An unknown error occurred while processing the request.'],
  502: [-1001, 'Internal error; unable to process your request. Please try again.'],
  503: [-1008, 'Server is currently overloaded with other requests. Please try again in a few minutes.'],
  504: [-1007, 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.'],
};

const STATUS_TEXT: Readonly<Record<number, string>> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

export function serverErrorResponse(fault: Extract<Fault, { kind: 'serverError' }>): CannedResponse {
  const body = fault.body ?? (fault.status === 502 || fault.status === 504 ? 'html' : 'binanceJson');
  const statusText = STATUS_TEXT[fault.status] ?? 'Server Error';
  if (body === 'binanceJson') {
    const [code, msg] = SERVER_ERROR_JSON[fault.status] ?? [-1000, 'An unknown error occurred while processing the request.'];
    return binanceJson(fault.status, code, msg);
  }
  if (body === 'text') return { status: fault.status, headers: { 'Content-Type': 'text/plain' }, body: `${statusText}.` };
  return {
    status: fault.status,
    headers: { 'Content-Type': 'text/html' },
    body: `<html><head><title>${fault.status} ${statusText}</title></head><body><center><h1>${fault.status} ${statusText}</h1></center></body></html>`,
  };
}

/** The message ccxt (from observed Binance answers) recognises as maintenance. */
export function maintenanceResponse(): CannedResponse {
  return binanceJson(503, 1, 'System is under maintenance.');
}

export function rateLimitedResponse(retryAfterS: number, message: string): CannedResponse {
  return binanceJson(429, -1003, message, { 'Retry-After': String(retryAfterS) });
}

export function bannedResponse(retryAfterS: number, bannedUntilMs: number): CannedResponse {
  return binanceJson(418, -1003, bannedMessage(bannedUntilMs), { 'Retry-After': String(retryAfterS) });
}

export function jsonResponse(status: number, value: unknown, code?: number): CannedResponse {
  return { status, headers: JSON_TYPE, body: JSON.stringify(value), code };
}
