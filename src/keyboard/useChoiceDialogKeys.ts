import { type RefObject, useEffect, useMemo, useRef } from 'react';
import { useKeyScope } from './useKeyScope';

/**
 * The keys and focus of a dialog that asks for a choice (declining a case, counselling): a modal
 * key scope, so the procedure's keys do nothing while it is open; Enter confirms from a choice (an
 * input) or the page, while Enter on a button stays that button's (Cancel cancels); Esc cancels.
 * Focus starts on the first choice (the returned ref) and goes back to where it was on closing.
 */
export function useChoiceDialogKeys(
  name: string,
  confirmLabel: string,
  onConfirm: () => void,
  onCancel: () => void,
): RefObject<HTMLInputElement | null> {
  const first = useRef<HTMLInputElement>(null);
  // Its OverlayDialog keeps Tab inside and gives the focus back on closing (src/ui/useDialogFocus.ts).
  useEffect(() => {
    first.current?.focus();
  }, []);
  // The latest confirm (it reads the dialog's state) without re-registering the scope each render.
  const confirmRef = useRef(onConfirm);
  confirmRef.current = onConfirm;
  const id = name.toLowerCase().replaceAll(' ', '-');
  const bindings = useMemo(
    () => [
      { id: `${id}.cancel`, keys: ['Escape'], label: 'Cancel', onDown: onCancel, inForms: 'always' as const },
      {
        id: `${id}.confirm`,
        keys: ['Enter'],
        label: confirmLabel,
        onDown: () => confirmRef.current(),
        inForms: 'inputs' as const,
        repeat: false,
      },
    ],
    [id, confirmLabel, onCancel],
  );
  useKeyScope(name, bindings, { modal: true });
  return first;
}
