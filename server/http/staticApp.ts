import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { appCacheControl } from './appCacheControl';
import { HttpError } from './httpError';

/**
 * Serve the built app (dist/) with a single-page fallback: a GET for a path that is no file and
 * not under /api/ answers index.html, so a reload on any screen works. Unknown /api/ paths are 404 JSON.
 * The service worker, the manifest and the page are revalidated on each use (appCacheControl.ts),
 * so a new build reaches the stations at their next visit.
 */
export async function serveApp(app: FastifyInstance, distDir: string | undefined): Promise<void> {
  const hasApp = distDir !== undefined && existsSync(join(distDir, 'index.html'));
  if (hasApp)
    await app.register(fastifyStatic, {
      root: distDir,
      index: 'index.html',
      wildcard: false,
      setHeaders: (reply, path) => {
        const cacheControl = appCacheControl(path);
        if (cacheControl) reply.header('Cache-Control', cacheControl);
      },
    });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    if (hasApp && req.method === 'GET' && !path.startsWith('/api/')) return reply.sendFile('index.html');
    throw new HttpError(404, 'not-found', `There is no ${req.method} ${path.slice(0, 200)} on this server.`);
  });
}
