import { type FormEvent, useState } from 'react';
import { COUNSEL_TOPIC_LABELS, COUNSEL_TOPICS, type CounselTopic } from '../../../sim/core';
import { useChoiceDialogKeys } from '../../keyboard/useChoiceDialogKeys';
import { OverlayDialog } from '../../ui/OverlayDialog';

interface Props {
  /** Counsel on these topics (one counsel.give command). */
  readonly onCounsel: (topics: readonly CounselTopic[]) => void;
  readonly onCancel: () => void;
}

/**
 * Recovery: what the patient is told before going home (the closed list of sim/core/counselTopics.ts).
 * A modal key scope: the procedure's keys do nothing while it is open; Tab and Space tick the topics
 * (native checkboxes), Enter counsels on the ticked ones, Esc cancels. Focus starts on the first
 * topic and goes back to where it was when the dialog closes.
 */
export function CounselDialog({ onCounsel, onCancel }: Props) {
  const [topics, setTopics] = useState<ReadonlySet<CounselTopic>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (topics.size === 0) {
      setProblem('Tick what you discussed with the patient.');
      return;
    }
    onCounsel(COUNSEL_TOPICS.filter((t) => topics.has(t)));
  };
  const first = useChoiceDialogKeys('Counsel the patient', 'Counsel on the ticked topics', submit, onCancel);

  const toggle = (t: CounselTopic) => {
    const next = new Set(topics);
    if (next.has(t)) next.delete(t);
    else next.add(t);
    setTopics(next);
    setProblem(null);
  };

  return (
    <OverlayDialog
      title="Counsel the patient"
      label="Counsel the patient"
      className="decline-dialog"
      testId="counsel-dialog"
      onClose={onCancel}
    >
      <form onSubmit={submit}>
        <fieldset>
          <legend>What do you tell the patient before they go home?</legend>
          {COUNSEL_TOPICS.map((t, i) => (
            <label key={t} className="decline-reason">
              <input
                ref={i === 0 ? first : undefined}
                type="checkbox"
                name="counsel-topic"
                value={t}
                checked={topics.has(t)}
                data-testid={`counsel-topic-${t}`}
                onChange={() => toggle(t)}
              />
              {COUNSEL_TOPIC_LABELS[t]}
            </label>
          ))}
        </fieldset>
        {problem && (
          <p className="status-warn" role="alert">
            {problem}
          </p>
        )}
        <div className="decline-buttons">
          <button type="submit" className="primary" data-testid="counsel-confirm">
            Counsel <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </OverlayDialog>
  );
}
