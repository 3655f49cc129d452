import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
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
