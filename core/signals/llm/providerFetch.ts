import { revealSecret, type Secret } from '../../keys/index.ts';

/** Thrown inside the fetch when the server sends more than the advisor will read. */
export class ResponseTooLargeError extends Error {
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    super(`The response is larger than ${maxBytes} bytes.`);
    this.name = 'ResponseTooLargeError';
    this.maxBytes = maxBytes;
  }
}

/** What went over the wire on one call, for the journal (status and the capped body text). */
export interface ProviderExchange {
  status: number | null;
  bodyText: string | null;
}

export interface ProviderFetchOptions {
  readonly apiKey: Secret | null;
  readonly maxResponseBytes: number;
  readonly exchange: ProviderExchange;
  readonly fetchImpl?: typeof fetch;
}

/**
 * The fetch the openai client uses for one call. It is the only place the API key is revealed,
 * at the moment the request leaves; the client itself holds a placeholder, so neither its
 * options nor its errors can carry the key. Without a key, no Authorization header is sent
 * (local servers need none). The body is read here with a hard byte cap, so an endless or huge
 * answer cannot fill memory before anything checks it.
 */
export function providerFetch(options: ProviderFetchOptions): typeof fetch {
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.delete('authorization');
    if (options.apiKey !== null) headers.set('authorization', `Bearer ${revealSecret(options.apiKey)}`);
    const response = await fetchImpl(input, { ...init, headers });
    options.exchange.status = response.status;
    const body = await readCapped(response, options.maxResponseBytes);
    options.exchange.bodyText = new TextDecoder('utf-8', { fatal: false }).decode(body);
    return new Response(body.byteLength === 0 ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new ResponseTooLargeError(maxBytes);
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ResponseTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
