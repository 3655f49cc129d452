// X-ray renderer benchmark in headless Chromium. Expects a build (`npx vite build`); serves dist/
// with `vite preview` on a free port, opens bench.html (src/render/bench/) and prints JSON:
// p95 frame time during live exposure with a trocar moving, the floor (a bare full-screen pass of
// the same size), their ratio, and the static re-projection time after C-arm moves (and that of
// the coarse preview shown before it).
//
//   npx vite build && node tests/bench/xrayFrame.mjs [sizePx=768] [frames=120]
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium } from '@playwright/test';
import { findChromium } from '../../scripts/findChromium.mjs';

const sizePx = Number(process.argv[2] ?? 768);
const frames = Number(process.argv[3] ?? 120);
// Same flags as playwright.config.ts.
const ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

async function waitForServer(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

const port = await freePort();
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
  stdio: 'ignore',
  detached: true,
});
const stopServer = () => {
  try {
    process.kill(-server.pid);
  } catch {
    // already gone
  }
};
let browser;
try {
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(`${base}/bench.html`, 60_000);
  const found = await findChromium();
  browser = await chromium.launch({ executablePath: found?.path, args: ARGS });
  const page = await browser.newPage({ viewport: { width: sizePx + 40, height: sizePx + 40 } });
  page.on('console', (m) => process.stderr.write(`[page] ${m.text()}\n`));
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
  await page.goto(`${base}/bench.html`);
  await page.waitForFunction(() => 'window' in globalThis && window.__xray !== undefined);
  const init = await page.evaluate((s) => window.__xray.init(s), sizePx);
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : (gl?.getParameter(gl.RENDERER) ?? 'none');
  });
  const { live, floor } = await page.evaluate((n) => window.__xray.frames(n, 'AP'), frames);
  const lateral = await page.evaluate((n) => window.__xray.frames(n, 'lateral'), Math.max(40, frames / 2));
  // The same live frames with the shutters in to the default collimation (an exam collimates at
  // each view): the field behind them is drawn without the detector shader.
  const shuttered = await page.evaluate(
    (n) => window.__xray.frames(n, 'AP', 10, { halfWidthMm: 90, halfHeightMm: 105 }),
    Math.max(40, frames / 2),
  );
  const breakdown = await page.evaluate(() => window.__xray.breakdown(60, 'AP'));
  const reprojection = [];
  for (const [view, d] of [
    ['AP', 1],
    ['AP', 2],
    ['lateral', 1],
    ['lateral', -1],
    ['AP', -1],
  ]) {
    reprojection.push({
      view,
      dOrbitDeg: d,
      ...(await page.evaluate(([v, o]) => window.__xray.reproject(v, o), [view, d])),
    });
  }
  const reprojMs = reprojection.map((r) => r.projectionMs ?? NaN);
  const previewMs = reprojection.map((r) => r.previewMs ?? NaN);
  console.log(
    JSON.stringify(
      {
        benchmark: 'x-ray frame and re-projection (headless Chromium)',
        gpu: renderer,
        viewPx: sizePx,
        mapPx: init.mapPx,
        workers: init.workers,
        frameP95Ms: live.p95,
        floorP95Ms: floor.p95,
        ratioP95: +(live.p95 / floor.p95).toFixed(2),
        ratioMean: +(live.mean / floor.mean).toFixed(2),
        shutteredRatioP95: +(shuttered.live.p95 / shuttered.floor.p95).toFixed(2),
        reprojectionMaxMs: Math.max(...reprojMs),
        reprojectionMedianMs: [...reprojMs].sort((a, b) => a - b)[Math.floor(reprojMs.length / 2)],
        previewMedianMs: [...previewMs].sort((a, b) => a - b)[Math.floor(previewMs.length / 2)],
        live,
        lateral,
        shuttered,
        floor,
        breakdown,
        reprojection,
        firstProjectionMs: init.projectionMs,
      },
      null,
      2,
    ),
  );
} finally {
  await browser?.close();
  stopServer();
}
