import { comboLabel } from '../../keyboard/keyCombo';
import type { KeyOverrides } from '../../settings/settingsStore';
import { GROUP_LABELS } from '../input/actionLabels';
import type { ActionGroup, KeyAction } from '../input/actionTypes';

interface Props {
  /** The keymap as remapped now (keyRemap.ts). */
  readonly keymap: readonly KeyAction[];
  readonly overridden: KeyOverrides;
  /** The action whose new key is awaited, or null. */
  readonly capturing: string | null;
  readonly onChange: (id: string) => void;
  readonly onOff: (id: string) => void;
  readonly onDefault: (id: string) => void;
  readonly onResetAll: () => void;
}

/**
 * Every procedure key, by group, with Change (the next key pressed), Off (no key: the action bar's
 * button still runs it) and Default. The pedal has its own row above it (a held key).
 */
export function KeyRemapTable({ keymap, overridden, capturing, onChange, onOff, onDefault, onResetAll }: Props) {
  const groups = new Map<ActionGroup, KeyAction[]>();
  for (const a of keymap) if (!a.held) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  return (
    <section className="key-remap" aria-label="Keys" data-testid="key-remap">
      <div className="setting-row">
        <h3>Keys</h3>
        <button type="button" data-testid="keys-reset-all" onClick={onResetAll}>
          Reset all keys
        </button>
      </div>
      <p className="muted">Change waits for the next key; Esc stops waiting. Off leaves the action to its button.</p>
      {[...groups].map(([group, actions]) => (
        <table key={group}>
          <caption>{GROUP_LABELS[group]}</caption>
          <tbody>
            {actions.map((a) => (
              <tr key={a.id} data-testid={`remap-${a.id}`}>
                <td>{a.label}</td>
                <td>
                  <kbd data-testid={`remap-key-${a.id}`}>
                    {a.keys.length ? a.keys.map(comboLabel).join(' / ') : 'off'}
                  </kbd>
                </td>
                <td>
                  <button
                    type="button"
                    aria-pressed={capturing === a.id}
                    aria-label={`Change the key of ${a.label}`}
                    data-testid={`remap-change-${a.id}`}
                    onClick={() => onChange(a.id)}
                  >
                    {capturing === a.id ? 'Press a key…' : 'Change'}
                  </button>
                  <button type="button" aria-label={`Turn off the key of ${a.label}`} onClick={() => onOff(a.id)}>
                    Off
                  </button>
                  <button
                    type="button"
                    aria-label={`Default key for ${a.label}`}
                    data-overridden={a.id in overridden}
                    onClick={() => onDefault(a.id)}
                  >
                    Default
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
