// Locate a Chromium for Playwright: an explicit environment variable, a system browser on the usual
// paths, or Playwright's own download. Shared by ensure-chromium.mjs and playwright.config.ts.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const ENV_VARS = ['CHROMIUM_PATH', 'CHROME_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'];
const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Returns { path, source } for the first usable Chromium, or null. */
export async function findChromium() {
  for (const name of ENV_VARS) {
    const p = process.env[name];
    if (p && existsSync(p)) return { path: p, source: `$${name}` };
  }
  for (const p of SYSTEM_PATHS) if (existsSync(p)) return { path: p, source: 'system' };
  try {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    if (p && existsSync(p)) return { path: p, source: 'playwright' };
  } catch {
    // Playwright's registry has no browser for this platform: fall through.
  }
  try {
    const p = execFileSync(
      'sh',
      ['-c', 'command -v chromium || command -v chromium-browser || command -v google-chrome'],
      {
        encoding: 'utf8',
      },
    ).trim();
    if (p) return { path: p, source: 'PATH' };
  } catch {
    // none on PATH
  }
  return null;
}
