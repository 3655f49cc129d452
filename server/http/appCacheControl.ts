import { basename } from 'node:path';

/**
 * The Cache-Control of a file of the built app that must be asked for again on every use: the
 * service worker (sw.js) and the Workbox runtime it imports, the web app manifest and the page.
 * A browser compares the service worker byte for byte to find a new version; if sw.js were cached
 * like a hashed asset, a new build would reach the stations only after that cache expired. The
 * others name the files of the current build (index.html its scripts, the manifest its icons).
 * `no-cache` still lets the browser keep a copy, but it revalidates (ETag, Last-Modified) before
 * each use. Every other file keeps @fastify/static's default (`public, max-age=0`); the hashed
 * files under assets/ never change under one name, and the service worker caches them anyway.
 */
const ALWAYS_REVALIDATED = /^(sw\.js|workbox-[\w-]+\.js|manifest\.webmanifest|index\.html)$/;

export const REVALIDATE = 'no-cache';

/** The Cache-Control to set for a file of dist/ (its path on disk), or null to keep the default. */
export function appCacheControl(path: string): string | null {
  return ALWAYS_REVALIDATED.test(basename(path)) ? REVALIDATE : null;
}
