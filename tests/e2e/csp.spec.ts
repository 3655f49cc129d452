import { expect, test, type Page } from '@playwright/test';
import { CSP_HEADER, CSP_META } from '../../src/security/csp';
import { num, playToAccess } from './playHelpers';

/**
 * The built app runs under its Content-Security-Policy (src/security/csp.ts): the page carries it as a
 * meta tag, and the test also sends CSP_HEADER on every response, as the lab server will, so the
 * workers (which a meta tag does not reach) run under it too. Playing to the first stored X-ray
 * images (pixi's shaders, the projection and replay workers, zod's parsers, the stored images'
 * data: URLs) must not trip it once: no `securitypolicyviolation` event, no CSP console error.
 * On the way it checks the patient monitor beside the images and the sedation and oxygen keys.
 * Every request the pages make must succeed (no 404 but the lab probe's), and the tab icon that
 * `<link rel="icon">` names (assets/icons/icon.svg, served from the site root) must load: without
 * it the browser asks for /favicon.ico, a small fallback (assets/favicon.ico).
 */

/** The part of bench.html's `window.__xray` this test drives (src/render/bench/benchMain.ts). */
interface BenchApi {
  init(sizePx: number): Promise<unknown>;
  probe(view: 'AP', depthMm: null, points: Record<string, never>): Promise<{ grey: string }>;
}

interface Violations {
  readonly events: string[];
  readonly console: string[];
  /** Responses with an error status (404 and the like), and requests that failed outright. */
  readonly failed: string[];
}

/**
 * Paths that answer 404 here by design: the lab probe, which a static host such as `vite preview`
 * answers 404, telling the app that it runs without a lab server (src/labClient/labApi.ts).
 */
const EXPECTED_404 = new Set(['/api/health']);

const CSP_TEXT = /Content Security Policy|Content-Security-Policy|unsafe-eval|unsafe-inline/i;

async function underPolicy(page: Page): Promise<Violations> {
  const seen: Violations = { events: [], console: [], failed: [] };
  page.on('response', (r) => {
    const expected = r.status() === 404 && EXPECTED_404.has(new URL(r.url()).pathname);
    if (r.status() >= 400 && !expected) seen.failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => seen.failed.push(`${r.failure()?.errorText ?? 'failed'} ${r.url()}`));
  // Every response of the app's origin gets the header policy as well (enforced with the meta one).
  // On the context, not the page: the service worker's own fetches (its precache of the build, from
  // which it then serves the workers and lazy chunks) go through context routes only.
  await page.context().route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP_HEADER } });
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => seen.events.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation;
      void report(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const onConsole = (where: string) => (msg: { type(): string; text(): string }) => {
    if (CSP_TEXT.test(msg.text())) seen.console.push(`${where} ${msg.type()}: ${msg.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('worker', (worker) => worker.on('console', onConsole(`worker ${worker.url()}`)));
  return seen;
}

/**
 * The page's `<link rel="icon">` is an SVG of this origin that the server sends with 200. Headless
 * Chromium fetches no tab icon (nor /favicon.ico), so the response watch above cannot see it: ask.
 */
async function expectTabIcon(page: Page): Promise<void> {
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBe('/icons/icon.svg');
  const icon = await page.request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
  expect(await icon.text()).toContain('<svg');
}

test('the procedure plays to its first X-ray images under the Content-Security-Policy', async ({ page }) => {
  test.setTimeout(6 * 60_000);
  const seen = await underPolicy(page);
  await playToAccess(page);
  // The served page carries the policy itself (the meta tag the build injects).
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP_META);
  expect(CSP_META).not.toMatch(/unsafe-eval|unsafe-inline/);
  // Images were taken and stored (stored images are data: URLs).
  expect(await num(page, 'dose-stored-AP')).toBeGreaterThan(0);
  expect(await num(page, 'dose-stored-lateral')).toBeGreaterThan(0);
  // The patient monitor shows the vital signs; the sedation and oxygen keys show on it at once.
  const monitor = page.getByTestId('patient-monitor');
  await expect(monitor).toBeVisible();
  await expect(page.getByTestId('vital-hr')).toHaveText(/^\d+ bpm/);
  await expect(page.getByTestId('vital-bp')).toHaveText(/^\d+\/\d+ mmHg/);
  await expect(page.getByTestId('vital-spo2')).toHaveText(/^\d+ %/);
  await expect(page.getByTestId('vital-oxygen')).toHaveText('room air');
  await expect(page.getByTestId('patient-alarms')).toHaveAttribute('aria-live', 'polite');
  await expect(page.getByTestId('vital-rass')).toHaveText('RASS 0');
  await page.keyboard.press('Shift+Z');
  await expect(page.getByTestId('vital-midazolam')).toHaveText('1 mg');
  await page.keyboard.press('Shift+O');
  await expect(page.getByTestId('vital-oxygen')).toHaveText('2 L/min');
  // Four minutes on (two Shift+T waits), 1 mg has reached its effect: the patient is drowsy.
  await page.keyboard.press('Shift+T');
  await page.keyboard.press('Shift+T');
  await expect(page.getByTestId('vital-rass')).toHaveText('RASS -1');
  await page.screenshot({ path: 'test-results/patient-monitor.png' });
  await expectTabIcon(page);
  expect(seen.events).toEqual([]);
  expect(seen.console).toEqual([]);
  expect(seen.failed).toEqual([]);
});

test('the X-ray bench page renders under the same policy', async ({ page }) => {
  test.setTimeout(90_000);
  const seen = await underPolicy(page);
  await page.goto('/bench.html');
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP_META);
  await page.waitForFunction(() => (window as unknown as { __xray?: unknown }).__xray !== undefined);
  // Build the renderer (pixi, the detector shader, the projection workers) and draw one AP frame.
  const grey = await page.evaluate(async () => {
    const xray = (window as unknown as { __xray: BenchApi }).__xray;
    await xray.init(256);
    return (await xray.probe('AP', null, {})).grey.length;
  });
  expect(grey).toBeGreaterThan(0);
  await expectTabIcon(page);
  expect(seen.events).toEqual([]);
  expect(seen.console).toEqual([]);
  expect(seen.failed).toEqual([]);
});
