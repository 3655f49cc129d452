import type { VitePWAOptions } from 'vite-plugin-pwa';

/**
 * What the service worker precaches, for Workbox's generateSW (vite.config.ts). The rule is
 * "everything a case needs, with no network": after the first visit has installed the worker, the
 * menu, every scenario, the procedure, the debrief and the history play from the cache.
 *
 * - Every built script: the entry, the lazily loaded screens (procedure, debrief, editor...), the
 *   scenario plans (levels/plans/*.json, which import.meta.glob turns into lazy chunks; the
 *   scenarios themselves are bundled into the entry), and the web workers (projection, replay,
 *   pre-op film, editor preview), which Vite emits as their own files under assets/. Globbing the
 *   built folder rather than listing them means a new lazy chunk or worker is cached without
 *   anyone remembering to add it.
 * - The styles, the page, the manifest and the icons (assets/icons/, served from the site root).
 * - wasm and woff2, should the app ever ship either (it ships neither today: no web fonts, and
 *   the only wasm, PGlite's, belongs to the lab server, not to the browser bundle).
 *
 * Not cached: source maps (for developers, several MB), and bench.html with its entry script,
 * the X-ray benchmark and pixel-test page, which is not part of the app. The lab server's API
 * (/api/) is never cached: it carries one user's data, and the app already tells "no lab server"
 * (offline) from a lab server's answers.
 *
 * Workbox skips, with only a warning, any file over maximumFileSizeToCacheInBytes (2 MiB by
 * default), and vite-plugin-pwa turns that warning into a build error: a chunk that grows past the
 * limit fails the build instead of silently leaving the app unplayable offline. The largest file
 * today is the procedure chunk (pixi.js, matter-js, the simulation); the limit leaves it room.
 */
export const PRECACHE: Partial<VitePWAOptions['workbox']> = {
  globPatterns: ['**/*.{js,css,html,webmanifest,svg,png,ico,json,wasm,woff2}'],
  globIgnores: ['bench.html', 'assets/bench-*.js', '**/*.map'],
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  // Any page address but a file's or the API's is the app (it routes itself): answer index.html
  // from the cache, as the lab server does from dist/ (server/http/staticApp.ts).
  navigateFallback: 'index.html',
  navigateFallbackDenylist: [/^\/api\//, /^\/bench\.html/],
  // Caches of an older Workbox precache format are deleted when the new worker activates.
  cleanupOutdatedCaches: true,
  // The first install takes over the page that installed it, so the lazy chunks it loads next come
  // through the worker too. Later versions wait for Reload (registerType 'prompt').
  clientsClaim: true,
};
