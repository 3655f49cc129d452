import { useEffect, useRef, useState } from 'react';
import type { Scenario } from '../../levels/scenarioSchema';
import type { PreviewRequest, PreviewResponse } from './previewProtocol';

/** How long the form must be still before a new preview is made. */
export const PREVIEW_DEBOUNCE_MS = 400;

export interface PreviewState {
  /** The newest images made, with the number of the request that made them (the preview's generation). */
  readonly image: { readonly ap: Uint8Array; readonly lateral: Uint8Array; readonly generation: number } | null;
  /** A newer preview is asked for and not back yet. */
  readonly pending: boolean;
  readonly error: string | null;
}

/**
 * The AP and lateral previews of the edited scenario for `seed`, remade (debounced) in the preview
 * worker whenever the valid scenario or the seed changes. An invalid scenario keeps the last image.
 */
export function usePreview(scenario: Scenario | null, seed: number | null): PreviewState {
  const [state, setState] = useState<PreviewState>({ image: null, pending: false, error: null });
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const w = new Worker(new URL('./previewWorker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<PreviewResponse>) => {
      // Only the newest request's image is shown: an older one may arrive after it.
      const reply = e.data;
      if (reply.requestId !== latest.current) return;
      setState((s) =>
        reply.ok
          ? {
              image: { ap: reply.ap, lateral: reply.lateral, generation: reply.requestId },
              pending: false,
              error: null,
            }
          : { ...s, pending: false, error: reply.error },
      );
    };
    w.onerror = (e) => setState((s) => ({ ...s, pending: false, error: e.message || 'the preview worker failed' }));
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  const key = scenario && seed !== null ? JSON.stringify(scenario) : null;
  useEffect(() => {
    if (key === null || seed === null) return;
    setState((s) => ({ ...s, pending: true }));
    const timer = window.setTimeout(() => {
      const request: PreviewRequest = { requestId: ++latest.current, scenario: JSON.parse(key), seed };
      worker.current?.postMessage(request);
    }, PREVIEW_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [key, seed]);

  return state;
}
