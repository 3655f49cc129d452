import type { TimedEvent } from '../../../sim/core';
import type { TrainingMode } from '../../../sim/core';
import { describeEvent, type EventLine } from '../describeEvent';
import { tickClock } from '../../ui/format';
import { Panel } from '../../ui/Panel';
import { EventAnnouncer } from './EventAnnouncer';

interface Props {
  readonly events: readonly TimedEvent[];
  readonly mode: TrainingMode;
}

interface Row extends EventLine {
  readonly tick: number;
  readonly count: number;
}

const MAX_ROWS = 40;

/**
 * A danger or a warning is said in a mark and in words as well as in its colour (WCAG 1.4.1): the
 * mark for the eye, the word for a screen reader.
 */
const MARK: Partial<Record<EventLine['severity'], { readonly sign: string; readonly word: string }>> = {
  danger: { sign: '⚠', word: 'Danger: ' },
  warn: { sign: '!', word: 'Warning: ' },
};

/** Events in words, newest first; repeated lines collapse into one with a count. */
function rows(events: readonly TimedEvent[], mode: TrainingMode): Row[] {
  const out: Row[] = [];
  for (const e of events) {
    const line = describeEvent(e.event, mode);
    if (!line) continue;
    const last = out[out.length - 1];
    if (last && last.key === line.key) out[out.length - 1] = { ...line, tick: last.tick, count: last.count + 1 };
    else out.push({ ...line, tick: e.tick, count: 1 });
  }
  return out.slice(-MAX_ROWS).reverse();
}

/** Breaches, leaks, ruptures and milestones with their sim times, newest first; the ones that matter also read out. */
export function EventsFeed({ events, mode }: Props) {
  const list = rows(events, mode);
  return (
    <>
      <EventAnnouncer events={events} mode={mode} />
      <Panel title="Events" testId="events-feed" className="events" scrolls>
        {list.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <ol className="feed">
            {list.map((r) => (
              <li key={`${r.tick}:${r.key}`} className={r.severity}>
                <time>{tickClock(r.tick)}</time>{' '}
                {MARK[r.severity] && (
                  <>
                    <span className="feed-mark" aria-hidden="true">
                      {MARK[r.severity]?.sign}
                    </span>
                    <span className="visually-hidden">{MARK[r.severity]?.word}</span>
                  </>
                )}
                {r.text}
                {r.count > 1 && <span className="count">×{r.count}</span>}
              </li>
            ))}
          </ol>
        )}
      </Panel>
    </>
  );
}
