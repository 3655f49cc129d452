import { useMemo } from 'react';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { OverlayDialog } from '../../ui/OverlayDialog';

interface Props {
  /** What leaving means for this attempt (leaveQuestion.ts): an exam attempt left is abandoned and counts. */
  readonly question: string;
  readonly exam: boolean;
  readonly onLeave: () => void;
  readonly onStay: () => void;
}

/**
 * Asks before the case is left (Esc on the procedure, or the Menu button). Focus starts on Stay,
 * so a second Esc or a stray Enter keeps the case; leaving takes a deliberate choice. A modal
 * scope: the procedure's keys do nothing while it asks, and the clock stands still
 * (ProcedureScreen).
 */
export function LeaveDialog({ question, exam, onLeave, onStay }: Props) {
  const bindings = useMemo(
    () => [
      {
        id: 'leave.stay',
        keys: ['Escape'],
        label: 'Stay in the case',
        onDown: onStay,
        repeat: false,
        inForms: 'always' as const,
      },
    ],
    [onStay],
  );
  useKeyScope('Leave the case', bindings, { modal: true });
  return (
    <OverlayDialog
      title={exam ? 'Leave the exam' : 'Leave the case'}
      label="Leave the case"
      className="leave-dialog"
      testId="leave-dialog"
      onClose={onStay}
    >
      <p data-testid="leave-question">{question}</p>
      <div className="decline-buttons">
        <button type="button" data-autofocus="" data-testid="leave-stay" onClick={onStay}>
          Stay in the case <kbd>Esc</kbd>
        </button>
        <button type="button" className="primary" data-testid="leave-confirm" onClick={onLeave}>
          {exam ? 'Abandon the attempt' : 'Leave the case'}
        </button>
      </div>
    </OverlayDialog>
  );
}
