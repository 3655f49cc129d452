import { OverlayDialog } from '../../ui/OverlayDialog';
import type { ActionGroup, KeyAction } from '../input/actionTypes';
import { GROUP_LABELS } from '../input/actionLabels';
import { comboLabel } from '../../keyboard/keyCombo';
import { KEYMAP } from '../input/keymap';

interface Props {
  readonly pedalKey: string;
  readonly onClose: () => void;
}

function keysOf(a: KeyAction, pedalKey: string): string {
  const keys = a.held ? [pedalKey] : a.keys;
  return keys.map(comboLabel).join(' / ');
}

/** Every key of the keymap, grouped by phase, with the pedal's current key. F1, ? or Esc closes it. */
export function HelpOverlay({ pedalKey, onClose }: Props) {
  const groups = Object.keys(GROUP_LABELS) as ActionGroup[];
  return (
    <OverlayDialog title="Keys" label="Keyboard help" className="help" testId="help-overlay" onClose={onClose}>
      <div className="help-columns">
        {groups.map((g) => (
          <section key={g}>
            <h3>{GROUP_LABELS[g]}</h3>
            <table>
              <tbody>
                {KEYMAP.filter((a) => a.group === g).map((a) => (
                  <tr key={a.id}>
                    <td>
                      <kbd>{keysOf(a, pedalKey)}</kbd>
                    </td>
                    <td>{a.label}</td>
                  </tr>
                ))}
                {g === 'general' && (
                  <tr>
                    <td>
                      <kbd>Esc</kbd>
                    </td>
                    <td>Close this help or the settings</td>
                  </tr>
                )}
              </tbody>
            </table>
          </section>
        ))}
        <section>
          <h3>Menu and debrief</h3>
          <table>
            <tbody>
              <tr>
                <td>
                  <kbd>↑ / ↓</kbd>
                </td>
                <td>Select a scenario</td>
              </tr>
              <tr>
                <td>
                  <kbd>M</kbd>
                </td>
                <td>Practice / exam</td>
              </tr>
              <tr>
                <td>
                  <kbd>Enter</kbd>
                </td>
                <td>Start the selected case</td>
              </tr>
              <tr>
                <td>
                  <kbd>D</kbd>
                </td>
                <td>Debrief: download the attempt</td>
              </tr>
              <tr>
                <td>
                  <kbd>Esc / M</kbd>
                </td>
                <td>Debrief: back to the menu</td>
              </tr>
            </tbody>
          </table>
        </section>
      </div>
      <p className="muted">
        The fluoro pedal is held: the beam is on while the key is down and goes off when you release it or leave the
        window.
      </p>
    </OverlayDialog>
  );
}
