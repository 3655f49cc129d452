import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/findChromium.mjs';
import { chooseE2ePort, E2E_HOST, E2E_PORT_ENV } from './scripts/e2ePort';

const chromium = await findChromium();
// KYPHOSIM_E2E_PORT, or a free port chosen once here and handed to the workers through the
// environment (they evaluate this file again and must agree on the server's address).
const port = await chooseE2ePort();
process.env[E2E_PORT_ENV] = String(port);
const origin = `http://${E2E_HOST}:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 8 * 60_000,
  expect: { timeout: 20_000 },
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: origin,
    viewport: { width: 1600, height: 1000 },
    launchOptions: {
      executablePath: chromium?.path,
      // Debian's Chromium runs as root here; the extra flags keep it off a network it cannot reach.
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
      ],
    },
  },
  webServer: {
    command: `npx vite build && npx vite preview --host ${E2E_HOST} --port ${port} --strictPort`,
    url: origin,
    reuseExistingServer: false,
    timeout: 240_000,
  },
});
