import { useCallback, useEffect, useState } from 'react';
import { LabApiError } from './labApiError';
import { type AttemptMessage, liveApi } from './liveApi';

/** How often a station asks for its instructor's messages while an attempt is played. */
export const STATION_POLL_MS = 2_000;
/** Notes kept waiting to be read: a burst beyond this keeps the newest. */
const MAX_WAITING_NOTES = 20;

/** What the station shows of its instructor's messages. */
export interface StationMessages {
  /** The oldest note not yet dismissed, or null. */
  readonly note: AttemptMessage | null;
  /** Who paused the attempt (their name) while it is paused, else null. */
  readonly pausedBy: string | null;
  /** Mark the shown note read (Esc, Enter or its button). */
  dismissNote(): void;
}

export interface MessagesState {
  readonly lastSeq: number;
  readonly notes: readonly AttemptMessage[];
  readonly pausedBy: string | null;
}

export const NO_MESSAGES: MessagesState = { lastSeq: 0, notes: [], pausedBy: null };

/**
 * Fold newly fetched messages into what the station shows: notes queue up to be read, and the
 * clock is paused by the latest pause that no resume followed. Messages at or below the seq
 * already seen are ignored, so a repeated answer changes nothing.
 */
export function foldMessages(state: MessagesState, messages: readonly AttemptMessage[]): MessagesState {
  let { lastSeq, notes, pausedBy } = state;
  for (const m of messages) {
    if (m.seq <= lastSeq) continue;
    lastSeq = m.seq;
    if (m.kind === 'note') notes = [...notes, m].slice(-MAX_WAITING_NOTES);
    else if (m.kind === 'pause') pausedBy = m.from.displayName;
    else pausedBy = null;
  }
  return { lastSeq, notes, pausedBy };
}

/**
 * The station's side of "watch live": while `attemptId` is set (a lab trainee playing an attempt
 * the lab server has), ask for new messages every STATION_POLL_MS; stop when it is unset or the
 * component goes. Until the first upload lands the server does not know the attempt (404): the
 * station keeps asking. A 401/403 (signed out, not theirs) stops the polling.
 */
export function useStationMessages(attemptId: string | null, pollMs = STATION_POLL_MS): StationMessages {
  const [state, setState] = useState<MessagesState>(NO_MESSAGES);

  useEffect(() => {
    setState(NO_MESSAGES);
    if (!attemptId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastSeq = 0;
    const poll = async () => {
      timer = null;
      try {
        const api = await liveApi();
        const messages = await api.messagesAfter(attemptId, lastSeq);
        if (stopped) return;
        if (messages.length > 0) {
          setState((s) => {
            const next = foldMessages(s, messages);
            lastSeq = next.lastSeq;
            return next;
          });
          lastSeq = Math.max(lastSeq, ...messages.map((m) => m.seq));
        }
      } catch (err) {
        if (stopped) return;
        if (err instanceof LabApiError && (err.status === 401 || err.status === 403)) return;
        // Anything else (the attempt not uploaded yet, the network): ask again next time.
      }
      if (!stopped) timer = setTimeout(poll, pollMs);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [attemptId, pollMs]);

  const dismissNote = useCallback(() => setState((s) => ({ ...s, notes: s.notes.slice(1) })), []);
  return { note: state.notes[0] ?? null, pausedBy: state.pausedBy, dismissNote };
}
