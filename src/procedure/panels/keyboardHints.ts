import { createContext, useContext } from 'react';

/**
 * Whether the panels print the keys that work them (the trocar panel's entry keys, the key on an
 * action button). On at the station; the live viewer turns it off: an instructor watching a station
 * has no keys to press, so the station's keys mean nothing there.
 */
export const KeyboardHintsContext = createContext(true);

export const useKeyboardHints = (): boolean => useContext(KeyboardHintsContext);
