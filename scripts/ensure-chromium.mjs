// Make sure a Chromium exists for the browser tests, and say what was done.
// Order: an existing browser (env var, system paths, Playwright's own); else Playwright's installer
// (works where downloads are allowed); else the OS package manager (Debian/Ubuntu apt, Fedora dnf,
// Alpine apk, macOS brew), which works on machines that only reach their package mirrors.
import { execSync } from 'node:child_process';
import { findChromium } from './findChromium.mjs';

function run(cmd) {
  console.log(`[ensure-chromium] $ ${cmd}`);
  execSync(cmd, { stdio: 'inherit', timeout: 15 * 60 * 1000 });
}

function tryRun(cmd) {
  try {
    run(cmd);
    return true;
  } catch (e) {
    console.log(`[ensure-chromium] failed: ${cmd} (${e.message.split('\n')[0]})`);
    return false;
  }
}

function has(cmd) {
  try {
    execSync(`command -v ${cmd}`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const found = await findChromium();
if (found) {
  console.log(`[ensure-chromium] using ${found.path} (${found.source})`);
  process.exit(0);
}

console.log('[ensure-chromium] no Chromium found; installing one');
const root = process.getuid?.() === 0;
const sudo = root ? '' : has('sudo') ? 'sudo -n ' : null;
const attempts = [
  () => tryRun('npx playwright install chromium'),
  () =>
    sudo !== null && has('apt-get') && tryRun(`${sudo}apt-get update`) && tryRun(`${sudo}apt-get install -y chromium`),
  () => sudo !== null && has('apt-get') && tryRun(`${sudo}apt-get install -y chromium-browser`),
  () => sudo !== null && has('dnf') && tryRun(`${sudo}dnf install -y chromium`),
  () => sudo !== null && has('apk') && tryRun(`${sudo}apk add chromium`),
  () => has('brew') && tryRun('brew install --cask chromium'),
];
for (const attempt of attempts) {
  if (attempt()) {
    const now = await findChromium();
    if (now) {
      console.log(`[ensure-chromium] installed; using ${now.path} (${now.source})`);
      process.exit(0);
    }
  }
}
console.error(
  '[ensure-chromium] could not find or install Chromium. Install it yourself and set CHROMIUM_PATH=/path/to/chromium.',
);
process.exit(1);
