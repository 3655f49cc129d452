import { useMemo } from 'react';
import { useKeyScope } from '../../keyboard/useKeyScope';
import type { SaveFailure } from '../loop/useAutosave';

const EXPORT_KEY = 'Shift+e';

function why(failure: SaveFailure): string {
  if (failure.name === 'QuotaExceededError') return 'the browser has no storage left for this site';
  return `the browser refused to store it (${failure.name}: ${failure.message})`;
}

/**
 * Shown, and kept, while the autosave fails: the attempt is not being saved, and the way out is the
 * attempt file (Shift+E or the button), which the history's Import brings back, replayed and scored.
 */
export function SaveWarning({ failure, onExport }: { failure: SaveFailure; onExport: () => void }) {
  // Memoized: the procedure screen (and so this warning) renders every frame.
  const bindings = useMemo(
    () => [
      {
        id: 'save.export',
        keys: [EXPORT_KEY],
        label: 'Download the attempt file now',
        onDown: onExport,
        repeat: false,
      },
    ],
    [onExport],
  );
  useKeyScope('Saving', bindings);
  return (
    <div className="save-warning" role="alert" data-testid="save-failed" data-error={failure.name}>
      <p>
        <strong>This attempt is not being saved:</strong> {why(failure)}. Download the attempt file now and keep it; it
        can be imported again from the History, replayed and scored. Freeing space for this site (or leaving private
        browsing) lets saving resume.
      </p>
      <button
        type="button"
        className="primary"
        data-testid="save-failed-export"
        tabIndex={-1}
        onMouseDown={(e) => e.preventDefault()}
        onClick={onExport}
      >
        Download attempt file <kbd>Shift+E</kbd>
      </button>
    </div>
  );
}
