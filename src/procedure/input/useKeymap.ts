import { useMemo } from 'react';
import { useSettings } from '../../settings/settingsStore';
import type { KeyAction } from './actionTypes';
import { KEYMAP } from './keymap';
import { applyKeyOverrides } from './keyRemap';

/** The keymap with the trainee's remapped keys (Settings), re-rendering when they change. */
export function useKeymap(): readonly KeyAction[] {
  const { keyOverrides } = useSettings();
  return useMemo(() => applyKeyOverrides(KEYMAP, keyOverrides), [keyOverrides]);
}
