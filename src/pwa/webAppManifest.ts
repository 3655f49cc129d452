import type { ManifestOptions } from 'vite-plugin-pwa';

/**
 * The web app manifest (built to /manifest.webmanifest and linked from every built page by
 * vite-plugin-pwa, vite.config.ts): what a browser needs to offer "Install", and how the installed
 * app opens. Standalone, so an installed station shows the simulator without the browser's address
 * bar; dark like the app (src/ui/theme.css's --bg), so the splash screen and the title bar do not
 * flash white. The icons are assets/icons/ (assets/README.md says how they are drawn and
 * rendered); the maskable one keeps the mark inside the safe circle that platform masks leave.
 */
export const WEB_APP_MANIFEST: Partial<ManifestOptions> = {
  name: 'KyphoSim — kyphoplasty trainer',
  short_name: 'KyphoSim',
  description: 'Fluoroscopy-guided balloon kyphoplasty and vertebroplasty training simulator',
  id: '/',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#090d10',
  theme_color: '#090d10',
  lang: 'en',
  categories: ['education', 'medical'],
  icons: [
    { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
