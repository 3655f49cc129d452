import { useMemo } from 'react';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { OverlayDialog } from '../../ui/OverlayDialog';

/**
 * Another tab took this attempt over (src/record/attemptLock.ts): this tab has stopped saving it and
 * stopped its clock and controls; the trainee carries on in the other tab or goes back to the menu
 * (Enter or Esc). A modal scope: the procedure's keys do nothing here any more.
 */
export function TakenOverDialog({ onLeave }: { onLeave: () => void }) {
  const bindings = useMemo(
    () => [
      { id: 'takenOver.leave', keys: ['Enter', 'Escape'], label: 'Back to the menu', onDown: onLeave, repeat: false },
    ],
    [onLeave],
  );
  useKeyScope('Taken over', bindings, { modal: true });
  return (
    <OverlayDialog
      title="Open in another tab"
      label="Attempt taken over"
      className="taken-over"
      testId="taken-over"
      onClose={onLeave}
    >
      <p>
        This attempt was taken over in another tab of this browser. This tab has stopped playing and saving it, so the
        two cannot overwrite each other: carry on in the other tab.
      </p>
      <button type="button" className="primary" data-testid="taken-over-leave" onClick={onLeave}>
        Back to the menu <kbd>Enter</kbd>
      </button>
    </OverlayDialog>
  );
}
