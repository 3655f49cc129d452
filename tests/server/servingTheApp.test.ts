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

  it('does not serve files outside dist/', async () => {
    const r = await get('/..%2f..%2fpackage.json');
    expect(await r.text()).not.toMatch(/"name": "kyphosim"/);
  });
});
