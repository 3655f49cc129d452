import type { Status } from '../loop/useProcedureControls';

/** The last command's fate: what was done, or why it was refused (reason from dispatch). */
export function StatusLine({ status }: { status: Status | null }) {
  return (
    <div className="status-line" role="status" aria-live="polite" data-testid="status" data-kind={status?.kind}>
      {status && (
        <span key={status.id} className={`status-${status.kind}`}>
          {status.kind === 'refused' ? 'Refused: ' : ''}
          {status.text}
        </span>
      )}
    </div>
  );
}
