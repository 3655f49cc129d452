import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_HEADER } from '../../src/security/csp';
import type { LabServer } from '../../server/labServer';
import { startTestServer } from './labTestServer';
import { HOOK_TIMEOUT_MS } from './testDb';

/** A built app in miniature: what `vite build` writes to dist/ (an index.html and hashed assets). */
const INDEX = '<!doctype html><html><head><title>KyphoSim</title></head><body><div id="root"></div></body></html>';
let dist: string;
let server: LabServer;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'kyphosim-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app");');
  // What vite-plugin-pwa adds: the service worker, the Workbox runtime it imports, the manifest.
  writeFileSync(join(dist, 'sw.js'), 'importScripts("./workbox-d8ed3718.js");');
  writeFileSync(join(dist, 'workbox-d8ed3718.js'), 'self.workbox = {};');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"KyphoSim","start_url":"/"}');
  server = await startTestServer({ scoringWorkers: 0, distDir: dist });
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await server?.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (path: string) => fetch(server.url + path);

describe('serving the built app', () => {
  it('serves index.html and the assets with the strict policy as a header', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX);
    expect(page.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const js = await get('/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(CSP_HEADER);
  });

  it('answers index.html for any other page (the app routes itself), never for /api/', async () => {
    const deep = await get('/history/some-attempt');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(INDEX);
    const api = await get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'not-found' });
  });

  it('serves the service worker and the manifest with their types, revalidated on every use', async () => {
    for (const path of ['/sw.js', '/workbox-d8ed3718.js']) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
      // Never cached as is: a new build's worker must be seen at the next visit.
      expect(r.headers.get('cache-control')).toBe('no-cache');
      // The worker runs under the header policy too (a meta tag does not reach it).
      expect(r.headers.get('content-security-policy')).toBe(CSP_HEADER);
    }
    const manifest = await get('/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    expect(await manifest.json()).toMatchObject({ name: 'KyphoSim' });
    expect((await get('/')).headers.get('cache-control')).toBe('no-cache');
    // A hashed asset keeps the default: its name changes with its content.
    expect((await get('/assets/index-abc123.js')).headers.get('cache-control')).not.toBe('no-cache');
  });

  it('does not serve files outside dist/', async () => {
    const r = await get('/..%2f..%2fpackage.json');
    expect(await r.text()).not.toMatch(/"name": "kyphosim"/);
  });
});
