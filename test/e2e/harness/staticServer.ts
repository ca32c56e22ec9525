import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { contentTypeFor } from '../../../electron/main/appProtocol.ts';
import { securityHeaders } from '../../../electron/main/security.ts';

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on 127.0.0.1 with the production security headers, standing in for the
 * app:// protocol handler so the page runs under the same policy as in the app.
 */
export async function serveRenderer(rendererRoot: string): Promise<StaticServer> {
  const root = resolve(rendererRoot);
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const filePath = resolve(root, pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, ''));
    if (!filePath.startsWith(root + sep)) {
      response.writeHead(404).end();
      return;
    }
    readFile(filePath).then(
      (body) => {
        response.writeHead(200, { 'Content-Type': contentTypeFor(filePath), ...securityHeaders() });
        response.end(body);
      },
      () => response.writeHead(404).end('Not found'),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('renderer server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((done) => server.close(() => { done(); })),
  };
}
