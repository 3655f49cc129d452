import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { type DistServer, startDistServer } from './distServer';
import { monitorGrey, num, openL1AtCArmSetup, SEED, SHOTS_DIR, swing } from './playHelpers';

/**
 * Installable, and offline after one visit (src/pwa/): the first visit installs the service worker,
 * which precaches the whole build; then the server is stopped for real (nothing listens on its
 * port any more) and a reload still opens the menu and plays a case to its first X-ray image, with
 * the procedure's chunks and the projection workers all coming from the cache. The test serves
 * dist/ itself (tests/e2e/distServer.ts), with the header policy, so the worker runs under it.
 * Then "a new version" is published (sw.js changed by a byte): it waits while the case runs, and
 * the menu offers it; its Reload, pressed from the keyboard, brings it in.
 */

/** Every file of the built app, as site paths. */
function builtFiles(dir = 'dist'): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `/${relative(dir, join(e.parentPath, e.name)).split('\\').join('/')}`);
}

/** What the service worker and the page need not cache: source maps, the worker itself, the bench page. */
const NOT_PRECACHED = /\.map$|^\/sw\.js$|^\/workbox-[\w-]+\.js$|^\/bench\.html$|^\/assets\/bench-[\w-]+\.js$/;

/** The paths in the page's Cache Storage (Workbox's precache), without its revision queries. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    return paths;
  });

const registration = (page: Page) =>
  page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return {
      active: r?.active?.state ?? null,
      waiting: Boolean(r?.waiting),
      controlled: Boolean(navigator.serviceWorker.controller),
    };
  });

async function expectInstallable(page: Page, origin: string): Promise<void> {
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  const response = await page.request.get(`${origin}/manifest.webmanifest`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  const manifest = await response.json();
  expect(manifest).toMatchObject({ short_name: 'KyphoSim', start_url: '/', scope: '/', display: 'standalone' });
  expect(manifest.name).toMatch(/KyphoSim/);
  const icons: { src: string; sizes: string; type: string }[] = manifest.icons;
  expect(icons.filter((i) => i.type === 'image/png').map((i) => i.sizes)).toEqual(
    expect.arrayContaining(['192x192', '512x512']),
  );
  for (const icon of icons) {
    const r = await page.request.get(origin + icon.src);
    expect(r.status(), icon.src).toBe(200);
    expect(r.headers()['content-type']).toBe(icon.type);
  }
  // The tab icon, and /favicon.ico for whatever does not read the link.
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/icons/icon.svg');
  const ico = await page.request.get(`${origin}/favicon.ico`);
  expect(ico.status()).toBe(200);
  expect((await ico.body()).readUInt16LE(2)).toBe(1);
}

/** Menu -> the L1 case -> checklists -> positioning -> C-arm set-up -> one lateral shot on the monitor. */
async function playToFirstImage(page: Page): Promise<void> {
  await openL1AtCArmSetup(page);
  await swing(page, 'lateral');
  const centre = page.getByTestId('xray-lateral').locator('[data-slot="centre"]');
  await expect(centre).toHaveText('NO IMAGE');
  const before = await num(page, 'dose-shots-lateral');
  await page.keyboard.down('Space');
  await expect.poll(() => num(page, 'dose-shots-lateral'), { timeout: 10_000 }).toBeGreaterThan(before);
  await page.keyboard.up('Space');
  await expect(centre).toHaveText('', { timeout: 20_000 });
  // A real image: the centre of the monitor is far brighter than a dark screen.
  await expect
    .poll(async () => {
      const { width, height, grey } = await monitorGrey(page, 'lateral', `${SHOTS_DIR}/offline-first-image.png`);
      let sum = 0;
      let n = 0;
      for (let y = Math.floor(height / 4); y < (3 * height) / 4; y++)
        for (let x = Math.floor(width / 4); x < (3 * width) / 4; x++, n++) sum += grey[y * width + x];
      return sum / n;
    })
    .toBeGreaterThan(30);
}

let server: DistServer | undefined;
test.afterEach(async () => server?.stop());

test('after one visit a case plays to its first X-ray with the server stopped; a new version waits for the menu', async ({
  page,
}) => {
  test.setTimeout(6 * 60_000);
  server = await startDistServer();
  const { origin } = server;
  page.on('dialog', (d) => void d.accept());
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });

  // The one visit: the worker installs (precaching everything) and takes the page over.
  await page.goto(`${origin}/?seed=${SEED}`);
  await expectInstallable(page, origin);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => registration(page)).toEqual({ active: 'activated', waiting: false, controlled: true });
  await expect(page.getByTestId('update-notice')).toHaveAttribute('data-ready', 'false');

  // Everything the app can load is in the precache: every chunk (lazy ones too), every worker, the
  // styles, the manifest and its icons.
  const built = builtFiles().filter((p) => !NOT_PRECACHED.test(p));
  expect(built.filter((p) => /Worker-[\w-]+\.js$/.test(p)).length).toBeGreaterThanOrEqual(4);
  const cached = await cachedPaths(page);
  expect(built.filter((p) => !cached.includes(p))).toEqual([]);

  // The server goes away for real: nothing listens on its port.
  await server.stop();
  await expect(fetch(origin)).rejects.toThrow();
  const served = server.requests.length;

  await page.reload();
  await expect(page.locator('[data-testid="scenario-item"]').first()).toBeVisible({ timeout: 30_000 });
  await playToFirstImage(page);
  // The icons, from the cache.
  const icon = await page.evaluate(async () => {
    const [svg, ico] = await Promise.all([fetch('/icons/icon.svg'), fetch('/favicon.ico')]);
    return { svg: svg.status, isSvg: (await svg.text()).includes('<svg'), ico: ico.status };
  });
  expect(icon).toEqual({ svg: 200, isSvg: true, ico: 200 });
  expect(server.requests.length).toBe(served);
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);

  // A new version is published while the case runs: it installs and waits; no notice mid-case.
  await server.restart({ swTail: '\n// the next version\n' });
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  await expect.poll(async () => (await registration(page)).waiting, { timeout: 30_000 }).toBe(true);
  const notice = page.getByTestId('update-notice');
  await expect(notice).toHaveAttribute('data-ready', 'true');
  await expect(notice).toHaveAttribute('data-shown', 'false');
  await expect(page.getByTestId('update-reload')).toHaveCount(0);
  expect(await page.getByTestId('phase').getAttribute('data-phase')).toBe('cArmSetup');

  // Back on the menu it is offered; Reload is a button in the tab order, and Enter on it reloads
  // into the new version (and does not start the selected case).
  await page.getByRole('button', { name: 'Menu' }).click();
  // Leaving a case asks first (an in-app dialog; Stay has the focus).
  await page.getByTestId('leave-confirm').click();
  await expect(page.getByTestId('record-panel')).toBeVisible();
  await expect(notice).toHaveAttribute('data-shown', 'true');
  await expect(notice).toContainText('A new version is ready');
  await page.screenshot({ path: `${SHOTS_DIR}/offline-update-notice.png` });
  const reload = page.getByTestId('update-reload');
  expect(await reload.evaluate((b) => b.tabIndex)).toBe(0);
  await reload.focus();
  const reloaded = page.waitForEvent('load');
  await page.keyboard.press('Enter');
  await reloaded;
  await expect(page.getByTestId('record-panel')).toBeVisible();
  await expect.poll(() => registration(page)).toEqual({ active: 'activated', waiting: false, controlled: true });
  await expect(notice).toHaveAttribute('data-ready', 'false');
});
