import { type FormEvent, useState } from 'react';
import { useChoiceDialogKeys } from '../../keyboard/useChoiceDialogKeys';
import { OverlayDialog } from '../../ui/OverlayDialog';

interface Props<T extends string> {
  /** The dialog's title, its accessible name and its key scope's name. */
  readonly title: string;
  /** Test ids: `${id}-dialog` and `${id}-confirm`. */
  readonly id: string;
  readonly legend: string;
  /** Checkboxes (any number of choices) or radio buttons (one). */
  readonly kind: 'checkbox' | 'radio';
  /** The inputs' name, and their test ids' prefix (`${name}-${option}`). */
  readonly name: string;
  readonly options: readonly T[];
  readonly labels: Readonly<Record<T, string>>;
  readonly isChosen: (option: T) => boolean;
  /** The option's input changed (ticked, unticked or selected). */
  readonly onChoose: (option: T) => void;
  /** What the dialog says when confirmed with nothing chosen. */
  readonly nothingChosen: string;
  /** A line under the choices, above the buttons. */
  readonly note?: string;
  /** The confirm button's word, and the Enter key's label in the key help. */
  readonly confirmText: string;
  readonly confirmKeyLabel: string;
  /** Confirmed with these options chosen (never none), in the options' order. */
  readonly onConfirm: (chosen: T[]) => void;
  readonly onCancel: () => void;
}

/**
 * The shell of a dialog that asks for a choice from a closed list (declining a case, counselling):
 * the choices, a problem line when confirmed with none, the Confirm and Cancel buttons, and the
 * keys and focus of useChoiceDialogKeys (Enter confirms, Esc cancels, focus starts on the first
 * choice and goes back on closing). The dialogs say only what is chosen and what it is for.
 */
export function ChoiceDialog<T extends string>(p: Props<T>) {
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const chosen = p.options.filter(p.isChosen);
    if (chosen.length === 0) {
      setProblem(p.nothingChosen);
      return;
    }
    p.onConfirm(chosen);
  };
  const first = useChoiceDialogKeys(p.title, p.confirmKeyLabel, submit, p.onCancel);

  return (
    <OverlayDialog
      title={p.title}
      label={p.title}
      className="decline-dialog"
      testId={`${p.id}-dialog`}
      onClose={p.onCancel}
    >
      <form onSubmit={submit}>
        <fieldset>
          <legend>{p.legend}</legend>
          {p.options.map((o, i) => (
            <label key={o} className="decline-reason">
              <input
                ref={i === 0 ? first : undefined}
                type={p.kind}
                name={p.name}
                value={o}
                checked={p.isChosen(o)}
                data-testid={`${p.name}-${o}`}
                onChange={() => {
                  p.onChoose(o);
                  setProblem(null);
                }}
              />
              {p.labels[o]}
            </label>
          ))}
        </fieldset>
        {problem && (
          <p className="status-warn" role="alert">
            {problem}
          </p>
        )}
        {p.note && <p className="muted">{p.note}</p>}
        <div className="decline-buttons">
          <button type="submit" className="primary" data-testid={`${p.id}-confirm`}>
            {p.confirmText} <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={p.onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </OverlayDialog>
  );
}
