import { OverlayDialog } from './OverlayDialog';

/** One line of the help: the printed keys ("Shift+W", "Space") and what they do. */
export interface KeyHelpRow {
  readonly keys: readonly string[];
  readonly label: string;
}

export interface KeyHelpSection {
  readonly title: string;
  readonly rows: readonly KeyHelpRow[];
}

interface Props {
  readonly sections: readonly KeyHelpSection[];
  /** Sentences under the table (how the pedal behaves, how to close the help). */
  readonly notes: readonly string[];
  readonly onClose: () => void;
  /** The switch for single-character shortcuts outside the procedure (WCAG 2.1.4), where offered. */
  readonly characterKeys?: { readonly on: boolean; readonly onChange: (on: boolean) => void };
}

/** Every key of the current screen, by section: what the keyboard layer lists from the active key scopes. */
export function KeyHelpDialog({ sections, notes, onClose, characterKeys }: Props) {
  return (
    <OverlayDialog title="Keys" label="Keyboard help" className="help" testId="help-overlay" onClose={onClose}>
      <div className="help-columns">
        {sections.map((s) => (
          <section key={s.title}>
            <h3>{s.title}</h3>
            <table>
              <tbody>
                {s.rows.map((r) => (
                  <tr key={`${r.keys.join(' ')} ${r.label}`}>
                    <td>
                      <kbd>{r.keys.join(' / ')}</kbd>
                    </td>
                    <td>{r.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      {notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      {characterKeys && (
        <label className="help-switch">
          <input
            type="checkbox"
            checked={characterKeys.on}
            data-testid="character-keys"
            onChange={(e) => characterKeys.onChange(e.target.checked)}
          />{' '}
          Single-key shortcuts on the menu, history, debrief, lab and instructor screens and in dialogs (off: Tab and
          Enter work them; the procedure's keys are remapped or turned off one by one in Settings).
        </label>
      )}
    </OverlayDialog>
  );
}
