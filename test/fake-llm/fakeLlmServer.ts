import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server for the LLM advisor's tests: `POST /v1/chat/completions`
 * (non-streaming) and `GET /v1/models`, on 127.0.0.1. Each test scripts what the "model" says
 * next; every request is recorded so tests can check the headers (the API key as a Bearer
 * token) and that nothing was retried.
 */
export type FakeReply =
  /** A chat completion whose message content is `content` (null: no content). */
  | {
    readonly kind: 'answer';
    readonly content: string | null;
    readonly finishReason?: string;
    readonly refusal?: string;
    /** null: the server reports no usage. */
    readonly usage?: { readonly prompt_tokens: number; readonly completion_tokens: number; readonly total_tokens: number } | null;
    readonly delayMs?: number;
  }
  /** Any status and body, e.g. a 429 with Retry-After or an HTML error page. */
  | {
    readonly kind: 'http';
    readonly status: number;
    readonly body: string;
    readonly contentType?: string;
    readonly headers?: Readonly<Record<string, string>>;
    /** Appends the request's Authorization header to the body, like a careless debug page. */
    readonly echoAuthorization?: boolean;
    readonly delayMs?: number;
  }
  /** The connection is cut without a response. */
  | { readonly kind: 'drop' }
  /** A JSON response that keeps coming: `bytes` of body, sent in chunks without a length. */
  | { readonly kind: 'endless'; readonly bytes: number; readonly chunkDelayMs?: number }
  /** A reply made from the request itself (e.g. an answer that fits the brief it was sent). */
  | { readonly kind: 'from-request'; readonly reply: (body: unknown) => FakeReply };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface FakeLlm {
  /** e.g. `http://127.0.0.1:40123/v1` */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Replies for the next chat requests, in order; after them, `fallback`. */
  script(...replies: FakeReply[]): void;
  /** What every chat request gets once the script is used up. */
  setFallback(reply: FakeReply): void;
  close(): Promise<void>;
}

export interface FakeLlmOptions {
  readonly models?: readonly string[];
  readonly fallback?: FakeReply;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
}

const NOTHING_SCRIPTED: FakeReply = { kind: 'http', status: 500, body: '{"error":{"message":"nothing scripted"}}' };
const DEFAULT_USAGE = { prompt_tokens: 420, completion_tokens: 80, total_tokens: 500 };

export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const queue: FakeReply[] = [];
  let fallback = options.fallback ?? NOTHING_SCRIPTED;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let completions = 0;

  const later = (delayMs: number | undefined, action: () => void): void => {
    if (delayMs === undefined || delayMs <= 0) {
      action();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, delayMs);
    timers.add(timer);
  };

  const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text.length > 0 ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      const path = (request.url ?? '').split('?')[0] ?? '';
      requests.push({ method: request.method ?? '', path, headers: request.headers, body });
      if (request.method === 'GET' && path === '/v1/models') {
        sendJson(response, 200, { object: 'list', data: (options.models ?? ['fake-model']).map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) });
        return;
      }
      if (request.method !== 'POST' || path !== '/v1/chat/completions') {
        sendJson(response, 404, { error: { message: 'not found' } });
        return;
      }
      const next = queue.shift() ?? fallback;
      const reply = next.kind === 'from-request' ? next.reply(body) : next;
      const model = typeof body === 'object' && body !== null && 'model' in body ? String(body.model) : 'unknown';
      completions++;
      switch (reply.kind) {
        case 'answer':
          later(reply.delayMs, () => {
            sendJson(response, 200, {
              id: `chatcmpl-fake-${completions}`,
              object: 'chat.completion',
              created: 1_700_000_000,
              model,
              system_fingerprint: 'fake',
              choices: [{ index: 0, message: { role: 'assistant', content: reply.content, refusal: reply.refusal ?? null }, logprobs: null, finish_reason: reply.finishReason ?? 'stop' }],
              ...(reply.usage === null ? {} : { usage: reply.usage ?? DEFAULT_USAGE }),
            });
          });
          return;
        case 'http':
          later(reply.delayMs, () => {
            const echoed = reply.echoAuthorization ? `\nAuthorization: ${request.headers.authorization ?? ''}` : '';
            const out = reply.body + echoed;
            response.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json', 'content-length': Buffer.byteLength(out), ...reply.headers });
            response.end(out);
          });
          return;
        case 'drop':
          request.socket.destroy();
          return;
        case 'from-request':
          sendJson(response, 500, { error: { message: 'a reply made from a request must not be another one' } });
          return;
        case 'endless': {
          response.writeHead(200, { 'content-type': 'application/json' });
          const chunk = ' '.repeat(16_384);
          let sent = 0;
          const pump = (): void => {
            while (sent < reply.bytes && !response.destroyed) {
              sent += chunk.length;
              const flushed = response.write(chunk);
              // A slow drip: the headers came at once, the body takes its time.
              if (reply.chunkDelayMs !== undefined) {
                later(reply.chunkDelayMs, pump);
                return;
              }
              if (!flushed) {
                response.once('drain', pump);
                return;
              }
            }
            response.end();
          };
          response.write('{"choices":[{"message":{"content":"');
          pump();
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => queue.push(...replies),
    setFallback: (reply) => {
      fallback = reply;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
