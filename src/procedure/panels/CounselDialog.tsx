import { useState } from 'react';
import { COUNSEL_TOPIC_LABELS, COUNSEL_TOPICS, type CounselTopic } from '../../../sim/core';
import { ChoiceDialog } from './ChoiceDialog';

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
  const toggle = (t: CounselTopic) => {
    const next = new Set(topics);
    if (next.has(t)) next.delete(t);
    else next.add(t);
    setTopics(next);
  };
  return (
    <ChoiceDialog
      title="Counsel the patient"
      id="counsel"
      legend="What do you tell the patient before they go home?"
      kind="checkbox"
      name="counsel-topic"
      options={COUNSEL_TOPICS}
      labels={COUNSEL_TOPIC_LABELS}
      isChosen={(t) => topics.has(t)}
      onChoose={toggle}
      nothingChosen="Tick what you discussed with the patient."
      confirmText="Counsel"
      confirmKeyLabel="Counsel on the ticked topics"
      onConfirm={onCounsel}
      onCancel={onCancel}
    />
  );
}
