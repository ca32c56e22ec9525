import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FakeAccount } from './account.ts';
import { reject } from './rejections.ts';

export type SecurityType = 'NONE' | 'API_KEY' | 'SIGNED';

export interface IncomingAuth {
  rawQuery: string;
  rawBody: string;
  apiKeyHeader: string | undefined;
  params: Readonly<Record<string, string>>;
}

const DEFAULT_RECV_WINDOW_MS = 5000;
const MAX_RECV_WINDOW_MS = 60_000;
/** Binance refuses a timestamp this far ahead of its own clock, whatever the recvWindow. */
const MAX_AHEAD_MS = 1000;

/**
 * Binance's rules for keyed and SIGNED endpoints: the key in `X-MBX-APIKEY`, an HMAC-SHA256 (hex,
 * case-insensitive) of query string + body keyed with the secret, and
 * `timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow`.
 */
export function authenticate(request: IncomingAuth, account: FakeAccount, security: SecurityType, serverTimeMs: number): void {
  if (security === 'NONE') return;
  const apiKey = request.apiKeyHeader;
  if (apiKey === undefined || apiKey === '') throw reject.apiKeyFormatInvalid();
  if (!constantTimeEquals(apiKey, account.credentials.apiKey) || !account.requestIpAllowed()) throw reject.rejectedApiKey();
  if (security === 'API_KEY') return;

  const signature = request.params.signature;
  if (signature === undefined || signature === '') throw reject.mandatoryParameter('signature');
  const timestampText = request.params.timestamp;
  if (timestampText === undefined || !/^\d+$/.test(timestampText)) throw reject.mandatoryParameter('timestamp');
  const recvWindowText = request.params.recvWindow;
  if (recvWindowText !== undefined && !/^\d+$/.test(recvWindowText)) throw reject.invalidParameter('recvWindow');
  const recvWindowMs = recvWindowText === undefined ? DEFAULT_RECV_WINDOW_MS : Number(recvWindowText);
  if (recvWindowMs > MAX_RECV_WINDOW_MS) throw reject.recvWindowTooLarge();

  const totalParams = withoutSignature(request.rawQuery) + withoutSignature(request.rawBody);
  const expected = createHmac('sha256', account.credentials.secret).update(totalParams).digest('hex');
  if (!constantTimeEquals(signature.toLowerCase(), expected)) throw reject.invalidSignature();

  const timestampMs = Number(timestampText);
  if (timestampMs >= serverTimeMs + MAX_AHEAD_MS) throw reject.timestampAheadOfServer();
  if (serverTimeMs - timestampMs > recvWindowMs) throw reject.timestampOutsideRecvWindow();
}

/** The signature is computed over everything except itself, byte for byte as sent. */
function withoutSignature(raw: string): string {
  if (raw === '') return '';
  return raw
    .split('&')
    .filter((pair) => !pair.startsWith('signature='))
    .join('&');
}

function constantTimeEquals(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How a client signs (used by tests that must speak raw HTTP where ccxt cannot express a case). */
export function signQuery(query: string, secret: string): string {
  return createHmac('sha256', secret).update(query).digest('hex');
}
