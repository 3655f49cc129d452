/// <reference lib="webworker" />
// First, before any schema is built: this worker runs under the page's policy (src/security/csp.ts).
import '../security/zodJitless';
import { parseScenario } from '../../levels/scenarioSchema';
import { renderPreview } from './previewImage';
import type { PreviewRequest, PreviewResponse } from './previewProtocol';

/**
 * Makes the editor's AP and lateral previews off the main thread (a still takes about half a
 * second), so typing in the form never waits for the image physics.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<PreviewRequest>) => {
  const { requestId, scenario, seed } = event.data;
  let response: PreviewResponse;
  try {
    // The scenario was validated before it was sent; parsed again, as whatever crosses into a worker is.
    const checked = parseScenario(scenario, 'the previewed scenario');
    response = {
      requestId,
      ok: true,
      ap: renderPreview(checked, seed, 'AP'),
      lateral: renderPreview(checked, seed, 'lateral'),
    };
  } catch (err) {
    response = { requestId, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(response, response.ok ? [response.ap.buffer, response.lateral.buffer] : []);
};
