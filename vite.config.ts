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
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
