import { type ReactNode, useEffect, useId, useState } from 'react';

interface Props {
  readonly title: string;
  readonly testId?: string;
  readonly className?: string;
  readonly aside?: ReactNode;
  /**
   * Absent: an open panel. true / false: a panel that folds to its title line (a disclosure button
   * whose aria-expanded tells a screen reader whether it is open), starting folded when true and
   * folded again whenever the caller says so (the procedure folds the panels of other steps).
   */
  readonly collapsed?: boolean;
  readonly children: ReactNode;
  /**
   * The body scrolls on its own (the events feed): it takes the focus so that a keyboard can scroll
   * it too (WCAG 2.1.1; axe's scrollable-region-focusable), named by the panel's title.
   */
  readonly scrolls?: boolean;
}

/** Buttons in the procedure never take focus from a click: Space and Enter stay the pedal and "next". */
const keepFocus = (e: { preventDefault: () => void }) => e.preventDefault();

/**
 * A titled instrument panel, as on an OR monitor. A foldable one keeps its body in the document
 * while folded (hidden), so what it reads out is there the moment it opens.
 */
export function Panel({ title, testId, className, aside, collapsed, children, scrolls }: Props) {
  const foldable = collapsed !== undefined;
  const [open, setOpen] = useState(!collapsed);
  useEffect(() => setOpen(!collapsed), [collapsed]);
  const bodyId = useId();
  const shown = !foldable || open;
  return (
    <section
      className={`panel${foldable ? ' foldable' : ''}${shown ? '' : ' folded'}${className ? ` ${className}` : ''}`}
      data-testid={testId}
      data-open={foldable ? open : undefined}
    >
      <header className="panel-head">
        {foldable ? (
          <h3>
            <button
              type="button"
              className="panel-fold"
              aria-expanded={open}
              aria-controls={bodyId}
              data-testid={testId ? `${testId}-fold` : undefined}
              onMouseDown={keepFocus}
              onClick={() => setOpen((o) => !o)}
            >
              <span className="panel-fold-mark" aria-hidden="true" />
              {title}
            </button>
          </h3>
        ) : (
          <h3>{title}</h3>
        )}
        {aside}
      </header>
      {scrolls ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable to be scrolled from the keyboard
        <section className="panel-body" id={bodyId} hidden={!shown} aria-label={title} tabIndex={0}>
          {children}
        </section>
      ) : (
        <div className="panel-body" id={bodyId} hidden={!shown}>
          {children}
        </div>
      )}
    </section>
  );
}

/** A label / value row with an optional unit; values are monospaced so they do not jitter. */
export function Readout(props: {
  label: string;
  value: ReactNode;
  unit?: string;
  testId?: string;
  tone?: 'warn' | 'danger' | 'good';
}) {
  return (
    <div className={`readout${props.tone ? ` ${props.tone}` : ''}`}>
      <span className="readout-label">{props.label}</span>
      <span className="readout-value" data-testid={props.testId}>
        {props.value}
        {props.unit && <span className="readout-unit"> {props.unit}</span>}
      </span>
    </div>
  );
}
