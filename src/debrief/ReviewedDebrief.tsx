import { lazy, useCallback, useEffect, useRef, useState } from 'react';
import type { AttemptReview } from '../attempt/attemptReview';
import type { FinishedAttempt } from '../attempt/attemptTypes';
import { getAttempt, saveReview } from '../record/attemptStore';

const DebriefScreen = lazy(() => import('./DebriefScreen'));

/** Coalesce typing into one write per this many ms. */
const SAVE_DELAY_MS = 400;

interface Props {
  readonly attempt: FinishedAttempt;
  readonly onMenu: () => void;
}

/**
 * The debrief with its review kept in the attempt's IndexedDB record: the saved plus/delta notes and
 * global rating are loaded before the form shows, and every change is written back (coalesced).
 * Without a record (storage unavailable) the debrief still works; the review just is not kept.
 */
export default function ReviewedDebrief({ attempt, onMenu }: Props) {
  const id = attempt.recordId;
  const [loaded, setLoaded] = useState<{ review?: AttemptReview } | null>(id ? null : {});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!id) return;
    let live = true;
    getAttempt(id)
      .then((r) => live && setLoaded({ review: r?.review }))
      .catch(() => live && setLoaded({}));
    return () => {
      live = false;
    };
  }, [id]);

  const onReviewChange = useCallback(
    (review: AttemptReview) => {
      if (!id) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveReview(id, review, Date.now()).catch(() => undefined), SAVE_DELAY_MS);
    },
    [id],
  );

  if (!loaded) return <div className="loading">Loading the review…</div>;
  return (
    <DebriefScreen attempt={attempt} onMenu={onMenu} initialReview={loaded.review} onReviewChange={onReviewChange} />
  );
}
