import type { ChecklistItem } from '../../../sim/core';
import { CHECKLIST_ORDER } from '../input/keymap';
import { CHECKLIST_LABELS } from '../../ui/labels';
import { Panel } from '../../ui/Panel';

interface Props {
  readonly checklist: Readonly<Record<string, boolean>>;
  readonly canTick: boolean;
  readonly onTick: (item: ChecklistItem) => void;
  /** The antibiotic the antibiotics tick gives (or gave), shown beside it: chosen with the allergies in mind. */
  readonly antibiotic?: string;
}

const GROUPS: readonly { title: string; items: readonly ChecklistItem[] }[] = [
  { title: 'Case review', items: CHECKLIST_ORDER.slice(0, 3) },
  { title: 'Pre-op', items: CHECKLIST_ORDER.slice(3) },
];

/** The case checklist: keys 1-8 or a click tick an item; the machine decides whether it may be ticked now. */
export function ChecklistPanel({ checklist, canTick, onTick, antibiotic }: Props) {
  return (
    <Panel title="Checklist" testId="checklist">
      {GROUPS.map((g) => (
        <div key={g.title} className="checklist-group">
          <h4>{g.title}</h4>
          <ul className="checklist">
            {g.items.map((item) => {
              const done = Boolean(checklist[item]);
              return (
                <li key={item}>
                  <button
                    type="button"
                    tabIndex={-1}
                    className={done ? 'done' : ''}
                    disabled={!canTick || done}
                    data-testid={`checklist-${item}`}
                    data-done={done}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => onTick(item)}
                  >
                    <span className="check" aria-hidden>
                      {done ? '✓' : ''}
                    </span>
                    <kbd>{CHECKLIST_ORDER.indexOf(item) + 1}</kbd>
                    {CHECKLIST_LABELS[item]}
                    {item === 'antibiotics' && antibiotic && (
                      <span data-testid="checklist-antibiotic"> ({antibiotic})</span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </Panel>
  );
}
