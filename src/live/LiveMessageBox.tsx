import { useCallback, useEffect, useState } from 'react';
import type { TrainingMode } from '../../sim/core';
import { type AttemptMessage, liveApi, MAX_NOTE_LENGTH, type MessageKind } from '../labClient/liveApi';
import { foldMessages, NO_MESSAGES } from '../labClient/stationMessages';

interface Props {
  readonly attemptId: string;
  readonly mode: TrainingMode;
  /** The attempt is over: there is no station to send to. */
  readonly ended: boolean;
}

const EXAM_REASON = 'An exam can be watched, not touched: no note, pause or resume reaches the trainee.';
const ENDED_REASON = 'The attempt is over: there is no station to send to.';

/**
 * The instructor's messages to the watched station: a note (at most 500 characters), pause and
 * resume of the practice clock. Disabled, with the reason shown, for an exam or an attempt that is
 * over (the server refuses them too). Lists what was sent, newest last.
 */
export function LiveMessageBox({ attemptId, mode, ended }: Props) {
  const [text, setText] = useState('');
  const [sent, setSent] = useState<readonly AttemptMessage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const disabledReason = mode === 'exam' ? EXAM_REASON : ended ? ENDED_REASON : null;
  const paused = foldMessages(NO_MESSAGES, sent).pausedBy !== null;

  // What was sent before this screen opened (another instructor, a reload): the pause state comes from it.
  useEffect(() => {
    let live = true;
    liveApi()
      .then((api) => api.messagesAfter(attemptId, 0))
      .then((messages) => live && setSent(messages))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [attemptId]);

  const send = useCallback(
    async (kind: MessageKind) => {
      setBusy(true);
      setError(null);
      try {
        const message = await (await liveApi()).send(attemptId, kind, kind === 'note' ? text.trim() : undefined);
        setSent((s) => [...s, message]);
        if (kind === 'note') setText('');
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      } finally {
        setBusy(false);
      }
    },
    [attemptId, text],
  );

  const off = disabledReason !== null || busy;
  return (
    <section className="live-messages" aria-label="Messages to the trainee" data-testid="live-messages">
      <h2>Message the trainee</h2>
      {disabledReason && (
        <p className="live-messages-reason" data-testid="live-messages-disabled">
          {disabledReason}
        </p>
      )}
      <label className="live-note-label">
        Note
        <textarea
          value={text}
          maxLength={MAX_NOTE_LENGTH}
          rows={3}
          disabled={disabledReason !== null}
          data-testid="live-note-text"
          onChange={(e) => setText(e.target.value.replace(/[\r\n]+/g, ' '))}
        />
      </label>
      <div className="live-message-buttons">
        <button
          type="button"
          className="primary"
          disabled={off || text.trim() === ''}
          data-testid="live-send-note"
          onClick={() => void send('note')}
        >
          Send note
        </button>
        <button type="button" disabled={off || paused} data-testid="live-pause" onClick={() => void send('pause')}>
          Pause
        </button>
        <button type="button" disabled={off || !paused} data-testid="live-resume" onClick={() => void send('resume')}>
          Resume
        </button>
        <span className="live-chars">
          {text.length}/{MAX_NOTE_LENGTH}
        </span>
      </div>
      {error && (
        <p className="live-messages-error" role="alert" data-testid="live-messages-error">
          {error}
        </p>
      )}
      {sent.length > 0 && (
        <ol className="live-sent" data-testid="live-sent">
          {sent.map((m) => (
            <li key={m.seq}>
              <span className="live-sent-kind">{m.kind}</span> {m.text ?? ''}{' '}
              <span className="live-sent-from">({m.from.displayName})</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
