import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { CSP_META } from './src/security/csp';
import { PRECACHE } from './src/pwa/precache';
import { WEB_APP_MANIFEST } from './src/pwa/webAppManifest';

/** assets/README.md documents the folder for developers; the build copies all of publicDir, so drop it from dist/. */
function omitPublicReadme(): Plugin {
  let outDir = 'dist';
  return {
    name: 'kyphosim:omit-public-readme',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      rmSync(resolve(outDir, 'README.md'), { force: true });
    },
  };
}

/**
 * The Content-Security-Policy (src/security/csp.ts) as the first element of every built page's head,
 * before any script. Build only: the dev server's HMR client needs inline script and eval.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'kyphosim:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    omitPublicReadme(),
    contentSecurityPolicy(),
    // Installable and offline after one visit (src/pwa/): the manifest, linked from each built page,
    // and a service worker that precaches the build. Registered by app code (main.tsx, through
    // virtual:pwa-register), never by an injected inline script, which the policy forbids; 'prompt':
    // a new version waits for the trainee's Reload on the menu or the debrief.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: WEB_APP_MANIFEST,
      includeManifestIcons: true,
      workbox: PRECACHE,
    }),
  ],
  // Static files (icons, manifest images; later sounds and fonts) served at the site root and copied
  // into dist/ unchanged: assets/icons/icon.svg is /icons/icon.svg. See assets/README.md.
  publicDir: 'assets',
  build: {
    target: 'es2022',
    sourcemap: true,
    // The procedure chunk carries pixi.js and matter-js (~160 kB gzip); it is lazy-loaded after
    // the menu, so a large lazy chunk is expected. The initial chunk is measured by npm run bench.
    chunkSizeWarningLimit: 700,
    // bench.html: the X-ray benchmark and pixel-test page (tests/bench/xrayFrame.mjs, tests/e2e/xray-pixels.spec.ts).
    rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
