import { type ReactNode, useRef } from 'react';
import { useDialogFocus } from './useDialogFocus';

interface Props {
  readonly title: string;
  /** Accessible name of the dialog and of its close button ("Close <label>"). */
  readonly label: string;
  readonly className: string;
  readonly testId: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

/**
 * A modal card over the screen: a click outside or on Esc's button closes it. Outside the card
 * lies a backdrop button for the pointer only (out of the tab order, never takes focus, hidden
 * from assistive technology): keyboards have Esc, and screen readers the labelled Esc button.
 * It takes the focus when it opens, keeps Tab inside and gives the focus back when it closes
 * (useDialogFocus.ts); the owner's modal key scope binds Esc.
 */
export function OverlayDialog({ title, label, className, testId, onClose, children }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const onKeyDown = useDialogFocus(root);
  return (
    <div
      ref={root}
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label={label}
      data-testid={testId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <button
        type="button"
        className="overlay-backdrop"
        tabIndex={-1}
        aria-hidden="true"
        onMouseDown={(e) => e.preventDefault()}
        onClick={onClose}
      />
      <div className={`overlay-card ${className}`}>
        <header>
          <h2>{title}</h2>
          <button type="button" className="close" onClick={onClose} aria-label={`Close ${label.toLowerCase()}`}>
            Esc
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
