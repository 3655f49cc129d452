import type { ReactNode } from 'react';

interface Props {
  readonly title: string;
  readonly testId?: string;
  readonly className?: string;
  readonly aside?: ReactNode;
  readonly children: ReactNode;
  /**
   * The body scrolls on its own (the events feed): it takes the focus so that a keyboard can scroll
   * it too (WCAG 2.1.1; axe's scrollable-region-focusable), named by the panel's title.
   */
  readonly scrolls?: boolean;
}

/** A titled instrument panel, as on an OR monitor. */
export function Panel({ title, testId, className, aside, children, scrolls }: Props) {
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} data-testid={testId}>
      <header className="panel-head">
        <h3>{title}</h3>
        {aside}
      </header>
      {scrolls ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable to be scrolled from the keyboard
        <section className="panel-body" aria-label={title} tabIndex={0}>
          {children}
        </section>
      ) : (
        <div className="panel-body">{children}</div>
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
