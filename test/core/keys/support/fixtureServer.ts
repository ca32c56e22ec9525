import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** Raw query string without '?', '' when none. */
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface FixtureReply {
  readonly status: number;
  readonly body: unknown;
  /** Hold the answer this long (to provoke timeouts). */
  readonly delayMs?: number;
}

export interface FixtureServer {
  readonly origin: string;
  readonly requests: FixtureRequest[];
  close(): Promise<void>;
}

/** A tiny HTTP server on 127.0.0.1, port 0, answering every request through `reply`. */
export async function startFixtureServer(reply: (request: FixtureRequest) => FixtureReply): Promise<FixtureServer> {
  const requests: FixtureRequest[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: FixtureRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.search.replace(/^\?/, ''),
        headers: req.headers,
        body,
      };
      requests.push(request);
      const answer = reply(request);
      const send = (): void => {
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(text);
      };
      if (answer.delayMs === undefined) {
        send();
      } else {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, answer.delayMs);
        timers.add(timer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => { resolve(); });
      }),
  };
}
