import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { CSP_HEADER } from '../../src/security/csp';

/**
 * A static server over the built app (dist/) that a test owns and can really stop: after stop()
 * nothing listens on the port, so a request fails as it would with the network gone, not only as
 * Playwright's offline emulation makes it fail. It serves like the lab server: every response with
 * the header policy (which a service worker's script runs under), the single-page fallback, and
 * sw.js revalidated. `swTail` is appended to sw.js, so a test can publish "a new version" (a
 * service worker that differs by one byte is a new one to the browser).
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

export interface DistServer {
  readonly origin: string;
  /** Stop listening and drop every open connection. */
  stop(): Promise<void>;
  /** Listen again on the same port (the same origin, so the same service worker registration). */
  restart(options?: { swTail?: string }): Promise<void>;
  /** Every path asked for, in order. */
  readonly requests: string[];
}

export async function startDistServer(dist = 'dist'): Promise<DistServer> {
  let swTail = '';
  const requests: string[] = [];
  const handler = (req: { url?: string }, res: import('node:http').ServerResponse) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    requests.push(path);
    let file = normalize(join(dist, path));
    if (!file.startsWith(normalize(dist)) || !existsSync(file) || statSync(file).isDirectory())
      file = path.startsWith('/api/') ? '' : join(dist, 'index.html');
    const headers: Record<string, string> = { 'content-security-policy': CSP_HEADER };
    if (!file) {
      res.writeHead(404, headers).end();
      return;
    }
    let body = readFileSync(file);
    if (path === '/sw.js') body = Buffer.concat([body, Buffer.from(swTail)]);
    headers['content-type'] = TYPES[extname(file)] ?? 'application/octet-stream';
    headers['cache-control'] = path === '/sw.js' ? 'no-cache' : 'public, max-age=0';
    res.writeHead(200, headers).end(body);
  };
  let server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    restart: async (options = {}) => {
      swTail = options.swTail ?? '';
      server = createServer(handler);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
  };
}
