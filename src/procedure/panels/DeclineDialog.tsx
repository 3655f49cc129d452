import { type FormEvent, useState } from 'react';
import { DECLINE_REASON_LABELS, DECLINE_REASONS, type DeclineReason } from '../../../sim/core';
import { useChoiceDialogKeys } from '../../keyboard/useChoiceDialogKeys';
import { OverlayDialog } from '../../ui/OverlayDialog';

interface Props {
  /** Decline for this reason: the attempt ends with the decision. */
  readonly onDecline: (reason: DeclineReason) => void;
  readonly onCancel: () => void;
}

/**
 * Case review: decline the procedure, choosing why (the closed list of sim/core/declineReasons.ts).
 * A modal key scope: the procedure's keys do nothing while it is open; arrows move between the
 * reasons (native radio buttons), Enter declines for the chosen one, Esc cancels. Focus starts on
 * the first reason and goes back to where it was when the dialog closes.
 */
export function DeclineDialog({ onDecline, onCancel }: Props) {
  const [reason, setReason] = useState<DeclineReason | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (reason === null) {
      setProblem('Choose why the procedure is not indicated.');
      return;
    }
    onDecline(reason);
  };
  const first = useChoiceDialogKeys('Decline the procedure', 'Decline for the chosen reason', submit, onCancel);

  return (
    <OverlayDialog
      title="Decline the procedure"
      label="Decline the procedure"
      className="decline-dialog"
      testId="decline-dialog"
      onClose={onCancel}
    >
      <form onSubmit={submit}>
        <fieldset>
          <legend>Why is the procedure not indicated for this patient?</legend>
          {DECLINE_REASONS.map((r, i) => (
            <label key={r} className="decline-reason">
              <input
                ref={i === 0 ? first : undefined}
                type="radio"
                name="decline-reason"
                value={r}
                checked={reason === r}
                data-testid={`decline-reason-${r}`}
                onChange={() => {
                  setReason(r);
                  setProblem(null);
                }}
              />
              {DECLINE_REASON_LABELS[r]}
            </label>
          ))}
        </fieldset>
        {problem && (
          <p className="status-warn" role="alert">
            {problem}
          </p>
        )}
        <p className="muted">Declining ends the attempt: the decision and its reason are what it is scored on.</p>
        <div className="decline-buttons">
          <button type="submit" className="primary" data-testid="decline-confirm">
            Decline <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </OverlayDialog>
  );
}
