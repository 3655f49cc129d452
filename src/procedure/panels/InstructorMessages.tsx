import { useMemo } from 'react';
import { useKeyScope } from '../../keyboard/useKeyScope';
import type { StationMessages } from '../../labClient/stationMessages';
import './instructorMessages.css';

/**
 * What the instructor watching this attempt sent (src/labClient/stationMessages.ts): a note, shown
 * with their name and announced to screen readers until the trainee dismisses it (Enter or Esc,
 * or its button), and "Paused by your instructor" over the OR while the clock is paused. The note
 * takes Enter and Esc only while it shows; every other key still reaches the procedure.
 */
export function InstructorMessages({ messages }: { messages: StationMessages }) {
  const { note, pausedBy, dismissNote } = messages;
  const bindings = useMemo(
    () => [
      { id: 'note.dismiss', keys: ['Enter', 'Escape'], label: 'Dismiss the note', onDown: dismissNote, repeat: false },
    ],
    [dismissNote],
  );
  useKeyScope('Instructor note', bindings, { enabled: note !== null });
  return (
    <>
      {/* Always in the page, so screen readers announce what appears in it. */}
      <div className="instructor-note-region" aria-live="assertive" aria-atomic="true">
        {note && (
          <section className="instructor-note" data-testid="instructor-note" aria-label="Note from your instructor">
            <p className="instructor-note-from">Note from {note.from.displayName}</p>
            <p className="instructor-note-text" data-testid="instructor-note-text">
              {note.text}
            </p>
            <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={dismissNote}>
              Dismiss <kbd>Enter</kbd>
            </button>
          </section>
        )}
      </div>
      <div className="instructor-pause-region" aria-live="assertive">
        {pausedBy && (
          <div className="instructor-paused" data-testid="instructor-paused">
            <p>Paused by your instructor</p>
            <p className="instructor-paused-who">{pausedBy} stopped the clock: the case goes on when they resume it.</p>
          </div>
        )}
      </div>
    </>
  );
}

/** The refusal of a command while paused, on the status line. */
export const PAUSED_REASON = 'Paused by your instructor: wait until they resume the case.';
