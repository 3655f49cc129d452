import { mayOfferUpdate } from './updatePolicy';
import { applyUpdate, useUpdateReady } from './serviceWorkerUpdate';
import './updateNotice.css';

/**
 * "A new version is ready — Reload", in a corner of the screens that allow it (updatePolicy.ts).
 * A polite status, so a screen reader announces it without taking the focus; the button is in the
 * tab order like any other and, being a focused button, Enter on it is not a simulator key
 * (src/keyboard/keyboardLayer.ts). While a case runs nothing shows and the new version waits.
 */
export function UpdateNotice({ screenKind }: { readonly screenKind: string }) {
  const ready = useUpdateReady();
  const shown = ready && mayOfferUpdate(screenKind);
  return (
    <div className="update-notice" role="status" data-testid="update-notice" data-ready={ready} data-shown={shown}>
      {shown && (
        <>
          <span>A new version is ready</span>
          <button type="button" className="primary" onClick={applyUpdate} data-testid="update-reload">
            Reload
          </button>
        </>
      )}
    </div>
  );
}
