// First: zod must know it may not compile parsers before any schema is built (src/security/csp.ts).
import './security/zodJitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startServiceWorker } from './pwa/serviceWorkerUpdate';
import './ui/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// The service worker that keeps the app playable offline (src/pwa/). Not in `npm run dev`, where a
// worker caching the build would serve stale modules instead of the dev server's.
if (import.meta.env.PROD) startServiceWorker();
