import { useSyncExternalStore } from 'react';

/**
 * Whether the key help is open. Any screen opens it (F1 or ? through the app's fallback scope, or
 * a screen's own Help button or key); KeyboardProvider shows it, listing the active scopes' keys.
 */
let open = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  if (next === open) return;
  open = next;
  for (const l of listeners) l();
}

export const openKeyHelp = (): void => set(true);
export const closeKeyHelp = (): void => set(false);
export const toggleKeyHelp = (): void => set(!open);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useKeyHelpOpen(): boolean {
  return useSyncExternalStore(subscribe, () => open);
}
