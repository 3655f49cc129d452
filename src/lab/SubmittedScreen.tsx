import { useKeyScope } from '../keyboard/useKeyScope';
import './assignments.css';

interface Props {
  readonly onMenu: () => void;
}

/**
 * The end of an assigned attempt whose scores the instructor has not released: no debrief, no
 * score; the lab server scores it and the assignment list shows the result once released.
 * Enter or Esc goes back to the menu.
 */
export function SubmittedScreen({ onMenu }: Props) {
  useKeyScope('Submitted', [
    { id: 'submitted.menu', keys: ['Enter', 'Escape'], label: 'Back to the menu', onDown: onMenu, repeat: false },
  ]);
  return (
    // The page's one main landmark, its title the h1 (WCAG 1.3.1, 2.4.6).
    <main className="submitted" data-testid="submitted">
      <h1>Attempt submitted</h1>
      <p>
        Your attempt is saved and sent to the lab server, which scores it. Your instructor releases the scores; they
        then appear in your assignment list.
      </p>
      <button type="button" className="primary" onClick={onMenu}>
        Back to the menu <kbd>Enter</kbd>
      </button>
    </main>
  );
}
