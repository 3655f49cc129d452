import { useEffect } from 'react';
import { updateSettings, useSettings } from '../settings/settingsStore';
import { KeyHelpDialog } from '../ui/KeyHelpDialog';
import { closeKeyHelp, toggleKeyHelp, useKeyHelpOpen } from './keyHelp';
import { listenForKeys } from './keyboardLayer';
import type { KeyBinding } from './keyScopes';
import { keyboard, useHelpListing, useKeyScope } from './useKeyScope';

// F1 types nothing, so it opens the help from a text field too (the menu's name and seed fields,
// a form on the history or the editor); ? stays typing there.
const OPEN_HELP: readonly KeyBinding[] = [
  {
    id: 'help.toggle',
    keys: ['F1'],
    label: 'Help: all keys (? too, outside a text field)',
    group: 'General',
    repeat: false,
    inForms: 'always',
    onDown: toggleKeyHelp,
  },
  // Listed with F1's row.
  { id: 'help.toggleQuestion', keys: ['?'], repeat: false, onDown: toggleKeyHelp },
];

const CLOSE_HELP: readonly KeyBinding[] = [
  {
    id: 'help.close',
    keys: ['F1', '?', 'Escape'],
    label: 'Close this help',
    repeat: false,
    inForms: 'always',
    onDown: closeKeyHelp,
  },
];

/**
 * The help itself: a modal scope (F1, ? or Esc close it) over the listing of the scopes below it,
 * with the switch for single-character shortcuts, so it can be found from every screen (F1).
 */
function KeyHelp() {
  useKeyScope('Help', CLOSE_HELP, { modal: true });
  const { sections, notes } = useHelpListing();
  const { characterKeys } = useSettings();
  return (
    <KeyHelpDialog
      sections={sections}
      notes={[
        ...notes,
        characterKeys
          ? 'F1, ? or Esc closes this help.'
          : 'Single-key shortcuts are off outside the procedure: F1 or Esc closes this help.',
      ]}
      onClose={closeKeyHelp}
      characterKeys={{ on: characterKeys, onChange: (on) => updateSettings({ characterKeys: on }) }}
    />
  );
}

/**
 * The keyboard layer, mounted once by the app shell: the one window key listener feeding the
 * scope registry, F1 / ? on every screen (a fallback scope, so a screen may bind them itself) and
 * the help overlay generated from the scopes that are active.
 */
export function KeyboardProvider() {
  useEffect(() => listenForKeys(keyboard), []);
  useKeyScope('App', OPEN_HELP, { fallback: true });
  const open = useKeyHelpOpen();
  return open ? <KeyHelp /> : null;
}
