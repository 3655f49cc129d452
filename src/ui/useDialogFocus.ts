import { type KeyboardEvent, type RefObject, useEffect, useState } from 'react';

/**
 * The focus of a modal dialog, as WCAG 2.2 (2.4.3 focus order, 2.1.2 no keyboard trap that cannot
 * be left) and the WAI-ARIA dialog pattern ask: on opening, focus moves into the dialog (a control
 * marked `data-autofocus`, else the first focusable control, else the dialog itself); Tab and
 * Shift+Tab cycle inside it; focus that lands outside (a click on the page behind) is brought back;
 * on closing, focus goes back to the element that had it before. Esc is each dialog's own modal key
 * scope (src/keyboard), so the way out stays in the one keyboard layer.
 *
 * A small hook rather than the native <dialog>: the overlays are rendered by React over screens
 * that keep running (the procedure's loop, the pixi canvases) and closed by their owners' state,
 * and their backdrop is a pointer-only button inside the overlay that the browser tests click.
 */

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

/** Controls that Tab reaches inside a dialog, in document order. */
export function tabbable(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && !el.closest('[aria-hidden="true"]') && el.getClientRects().length > 0,
  );
}

/** Open dialogs, the most recent last: only the top one keeps the focus (a dialog may open over another). */
const open: HTMLElement[] = [];

/**
 * Move focus into the dialog at `ref` while it is mounted and give it back on closing. Returns the
 * Tab handler for the dialog's root (onKeyDown).
 */
export function useDialogFocus(ref: RefObject<HTMLElement | null>): (e: KeyboardEvent<HTMLElement>) => void {
  // Read while rendering, before React commits the dialog (an autoFocus field inside takes focus
  // during the commit, before any effect could see where it was).
  // (No document when rendered to a string, in the unit tests.)
  const [before] = useState(() =>
    typeof document !== 'undefined' && document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    open.push(root);
    if (!root.contains(document.activeElement)) {
      (root.querySelector<HTMLElement>('[data-autofocus]') ?? tabbable(root)[0] ?? root).focus();
    }
    const onFocusIn = (e: FocusEvent) => {
      if (open[open.length - 1] !== root || !(e.target instanceof Node) || root.contains(e.target)) return;
      (tabbable(root)[0] ?? root).focus();
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      open.splice(open.indexOf(root), 1);
      // Back where it was, unless that element has gone with the screen it was on.
      if (before?.isConnected && before !== document.body) before.focus();
    };
  }, [ref, before]);

  return (e) => {
    const root = ref.current;
    if (e.key !== 'Tab' || !root || open[open.length - 1] !== root) return;
    const items = tabbable(root);
    const active = document.activeElement;
    if (items.length === 0) {
      e.preventDefault();
      root.focus();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && (active === first || active === root || !root.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !root.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };
}
