import { useEffect, useRef, useState } from 'react';
import type { TimedEvent, TrainingMode } from '../../../sim/core';
import { describeEvent } from '../describeEvent';

interface Props {
  readonly events: readonly TimedEvent[];
  readonly mode: TrainingMode;
}

interface Announced {
  readonly polite: string;
  readonly assertive: string;
}

/**
 * The events that matter, read out by a screen reader as they happen (WCAG 4.1.3, status messages):
 * the lines the events feed marks as a danger (a breach, a leak, a rupture, an alarm, a complication)
 * go to an assertive live region, which interrupts; its warnings (the balloon's pressure limit, a
 * skive, a hand in the beam) to a polite one, which waits its turn. Milestones and routine lines
 * stay in the feed only: read aloud every frame's news would drown the ones that count. The words
 * are the feed's own (describeEvent), so an exam announces nothing the exam hides. Events present
 * when the screen opens (a resumed attempt) are not announced again. A line with the same key as
 * the one before it in the same region (a leak growing) is not repeated, as the feed collapses it.
 */
export function EventAnnouncer({ events, mode }: Props) {
  const seen = useRef(events.length);
  const lastKey = useRef<{ polite: string | null; assertive: string | null }>({ polite: null, assertive: null });
  const [said, setSaid] = useState<Announced>({ polite: '', assertive: '' });

  useEffect(() => {
    if (events.length <= seen.current) {
      seen.current = events.length;
      return;
    }
    const polite: string[] = [];
    const assertive: string[] = [];
    for (const e of events.slice(seen.current)) {
      const line = describeEvent(e.event, mode);
      if (!line || (line.severity !== 'danger' && line.severity !== 'warn')) continue;
      const region = line.severity === 'danger' ? 'assertive' : 'polite';
      if (lastKey.current[region] === line.key) continue;
      lastKey.current[region] = line.key;
      (region === 'assertive' ? assertive : polite).push(line.text);
    }
    seen.current = events.length;
    if (polite.length > 0 || assertive.length > 0)
      setSaid((s) => ({
        polite: polite.length > 0 ? polite.join('. ') : s.polite,
        assertive: assertive.length > 0 ? assertive.join('. ') : s.assertive,
      }));
  }, [events, mode]);

  return (
    <div className="visually-hidden">
      <div aria-live="polite" aria-atomic="true" data-testid="announce-polite">
        {said.polite}
      </div>
      <div aria-live="assertive" aria-atomic="true" data-testid="announce-assertive">
        {said.assertive}
      </div>
    </div>
  );
}
