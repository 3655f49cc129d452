import { OverlayDialog } from '../../ui/OverlayDialog';
import { useState } from 'react';
import { baseKey, comboLabel } from '../../keyboard/keyCombo';
import { ANY_KEY, type KeyBinding } from '../../keyboard/keyScopes';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { KEYMAP, keyConflicts } from '../input/keymap';
import { DEFAULT_PEDAL_KEY, updateSettings, useSettings } from '../../settings/settingsStore';
import { setStation, useStation } from '../../settings/stationStore';

interface Props {
  readonly onClose: () => void;
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'Escape', 'Enter', 'Tab']);

/** Why a key cannot be the pedal, or null when it can. */
export function pedalKeyProblem(key: string): string | null {
  if (MODIFIERS.has(key)) return `${comboLabel(key)} cannot be the pedal.`;
  if (keyConflicts([key, `Shift+${key}`]).length === 0) return null;
  const users = KEYMAP.filter((a) => a.keys.includes(key) || a.keys.includes(`Shift+${key}`)).map((a) => a.label);
  return `${comboLabel(key)} is already used${users.length ? ` (${users.join(', ')})` : ''}.`;
}

/** Settings: remap the fluoro pedal (persisted in localStorage), invert the image, name this station. */
export function SettingsPanel({ onClose }: Props) {
  const settings = useSettings();
  const station = useStation();
  const [stationText, setStationText] = useState(station);
  const [stationProblem, setStationProblem] = useState<string | null>(null);
  const saveStation = () => setStationProblem(stationText.trim() === station ? null : setStation(stationText));
  const [capturing, setCapturing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // A dialog: it captures every key while open. Esc closes it; while "Change" waits, the next key
  // (anything but Esc, wherever the focus is) becomes the pedal if it is free.
  const bindings: KeyBinding[] = [
    { id: 'settings.close', keys: ['Escape'], label: 'Close the settings', onDown: onClose },
  ];
  if (capturing) {
    bindings.push({
      id: 'settings.pedalKey',
      keys: [ANY_KEY],
      inForms: 'always',
      onDown: (press) => {
        const key = baseKey(press.key);
        const why = pedalKeyProblem(key);
        setProblem(why);
        if (!why) updateSettings({ pedalKey: key });
        setCapturing(false);
      },
    });
  }
  useKeyScope('Settings', bindings, { modal: true });

  return (
    <OverlayDialog title="Settings" label="Settings" className="settings" testId="settings" onClose={onClose}>
      <div className="setting-row">
        <span>Fluoro pedal</span>
        <kbd data-testid="pedal-key">{comboLabel(settings.pedalKey)}</kbd>
        <button type="button" onClick={() => setCapturing(true)} disabled={capturing}>
          {capturing ? 'Press a key…' : 'Change'}
        </button>
        <button type="button" onClick={() => updateSettings({ pedalKey: DEFAULT_PEDAL_KEY })}>
          Reset to Space
        </button>
      </div>
      {problem && <p className="status-warn">{problem}</p>}
      <label className="setting-row">
        <span>Invert image (bone light on dark)</span>
        <input
          type="checkbox"
          checked={settings.inverted}
          onChange={(e) => updateSettings({ inverted: e.target.checked })}
        />
      </label>
      <label className="setting-row">
        <span>Station name (recorded with each attempt; applies to the next one)</span>
        <input
          type="text"
          data-testid="settings-station"
          value={stationText}
          maxLength={120}
          aria-invalid={stationProblem !== null}
          onChange={(e) => setStationText(e.target.value)}
          onBlur={saveStation}
        />
      </label>
      {stationProblem && <p className="status-warn">{stationProblem}</p>}
    </OverlayDialog>
  );
}
