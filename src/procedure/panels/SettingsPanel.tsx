import { OverlayDialog } from '../../ui/OverlayDialog';
import { useState } from 'react';
import { comboLabel } from '../../keyboard/keyCombo';
import { ANY_KEY, type KeyBinding, type KeyPress } from '../../keyboard/keyScopes';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { PEDAL_ACTION_ID } from '../input/keymap';
import { useKeymap } from '../input/useKeymap';
import { baseKey } from '../../keyboard/keyCombo';
import { pedalKeyProblem, remapProblem, withOverride } from '../input/keyRemap';
import { DEFAULT_PEDAL_KEY, getSettings, updateSettings, useSettings } from '../../settings/settingsStore';
import { setStation, useStation } from '../../settings/stationStore';
import { KeyRemapTable } from './KeyRemapTable';

interface Props {
  readonly onClose: () => void;
}

/** What the last key change did: a refusal says why (WCAG 3.3.1), a change says what the key does now. */
interface Outcome {
  readonly text: string;
  readonly refused: boolean;
}

/**
 * Settings: remap the fluoro pedal and every procedure key (or turn a key off), invert the image,
 * name this station. Keys are persisted in localStorage (settingsStore.ts) and apply at once and
 * after a reload; a key that would run two things is refused with the action that has it.
 */
export function SettingsPanel({ onClose }: Props) {
  const settings = useSettings();
  const keymap = useKeymap();
  const station = useStation();
  const [stationText, setStationText] = useState(station);
  const [stationProblem, setStationProblem] = useState<string | null>(null);
  const saveStation = () => setStationProblem(stationText.trim() === station ? null : setStation(stationText));
  // The action whose key "Change" waits for (the pedal's id for the pedal), or null.
  const [capturing, setCapturing] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const labelOf = (id: string) => keymap.find((a) => a.id === id)?.label ?? id;

  const capture = (press: KeyPress) => {
    const id = capturing;
    setCapturing(null);
    if (id === null) return;
    if (id === PEDAL_ACTION_ID) {
      const key = baseKey(press.key);
      const why = pedalKeyProblem(key, keymap, PEDAL_ACTION_ID);
      if (why) setOutcome({ text: why, refused: true });
      else {
        updateSettings({ pedalKey: key });
        setOutcome({ text: `The fluoro pedal is now ${comboLabel(key)}.`, refused: false });
      }
      return;
    }
    const why = remapProblem(id, press.combo, keymap, getSettings().pedalKey);
    if (why || press.combo === null) {
      setOutcome({ text: why ?? '', refused: true });
      return;
    }
    updateSettings({ keyOverrides: withOverride(getSettings().keyOverrides, id, [press.combo]) });
    setOutcome({ text: `${comboLabel(press.combo)} now does: ${labelOf(id)}.`, refused: false });
  };

  // A dialog: it captures every key while open. Esc closes it (or stops a key change); while
  // "Change" waits, the next key (anything but Esc, wherever the focus is) becomes that key if it is free.
  const bindings: KeyBinding[] = [
    {
      id: 'settings.close',
      keys: ['Escape'],
      label: 'Close the settings',
      inForms: 'always',
      onDown: () => (capturing === null ? onClose() : setCapturing(null)),
    },
  ];
  if (capturing !== null) bindings.push({ id: 'settings.key', keys: [ANY_KEY], inForms: 'always', onDown: capture });
  useKeyScope('Settings', bindings, { modal: true });

  const setKeys = (id: string, keys: readonly string[] | null, text: string) => {
    updateSettings({ keyOverrides: withOverride(getSettings().keyOverrides, id, keys) });
    setOutcome({ text, refused: false });
  };

  return (
    <OverlayDialog title="Settings" label="Settings" className="settings" testId="settings" onClose={onClose}>
      <div className="setting-row">
        <span>Fluoro pedal (held)</span>
        <kbd data-testid="pedal-key">{comboLabel(settings.pedalKey)}</kbd>
        <button
          type="button"
          data-testid="pedal-change"
          aria-pressed={capturing === PEDAL_ACTION_ID}
          onClick={() => setCapturing(PEDAL_ACTION_ID)}
        >
          {capturing === PEDAL_ACTION_ID ? 'Press a key…' : 'Change'}
        </button>
        <button type="button" onClick={() => updateSettings({ pedalKey: DEFAULT_PEDAL_KEY })}>
          Reset to Space
        </button>
      </div>
      <p className={outcome?.refused ? 'status-warn' : 'muted'} role="status" data-testid="key-outcome">
        {outcome?.text ?? ''}
      </p>
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
      <KeyRemapTable
        keymap={keymap}
        overridden={settings.keyOverrides}
        capturing={capturing}
        onChange={(id) => {
          setOutcome(null);
          setCapturing(id);
        }}
        onOff={(id) => setKeys(id, [], `${labelOf(id)}: no key now (its button still works).`)}
        onDefault={(id) => setKeys(id, null, `${labelOf(id)}: back to its own key.`)}
        onResetAll={() => {
          updateSettings({ keyOverrides: {} });
          setOutcome({ text: 'Every key is back to the keymap.', refused: false });
        }}
      />
    </OverlayDialog>
  );
}
