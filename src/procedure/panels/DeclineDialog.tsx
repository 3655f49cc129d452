import { useState } from 'react';
import { DECLINE_REASON_LABELS, DECLINE_REASONS, type DeclineReason } from '../../../sim/core';
import { ChoiceDialog } from './ChoiceDialog';

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
  return (
    <ChoiceDialog
      title="Decline the procedure"
      id="decline"
      legend="Why is the procedure not indicated for this patient?"
      kind="radio"
      name="decline-reason"
      options={DECLINE_REASONS}
      labels={DECLINE_REASON_LABELS}
      isChosen={(r) => reason === r}
      onChoose={setReason}
      nothingChosen="Choose why the procedure is not indicated."
      note="Declining ends the attempt: the decision and its reason are what it is scored on."
      confirmText="Decline"
      confirmKeyLabel="Decline for the chosen reason"
      onConfirm={([chosen]) => onDecline(chosen)}
      onCancel={onCancel}
    />
  );
}
