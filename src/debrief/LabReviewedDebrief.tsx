import { lazy, useCallback, useEffect, useRef, useState } from 'react';
import { type AttemptReview, emptyReview } from '../attempt/attemptReview';
import type { FinishedAttempt } from '../attempt/attemptTypes';
import { instructorApi } from '../labClient/instructorApi';
import type { ServerRating } from '../labClient/instructorApiTypes';
import { useLab } from '../labClient/labSession';
import { InterRaterTable } from './InterRaterTable';

const DebriefScreen = lazy(() => import('./DebriefScreen'));

/** Coalesce typing into one save per this many ms (each save is a request to the lab server). */
const SAVE_DELAY_MS = 800;

interface Props {
  readonly attempt: FinishedAttempt & { readonly lab: NonNullable<FinishedAttempt['lab']> };
  readonly onBack: () => void;
}

type Saving =
  | { readonly kind: 'idle' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'saved'; readonly at: string }
  | { readonly kind: 'failed'; readonly why: string };

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The debrief of an attempt an instructor opened from the lab server: the review form starts from
 * this rater's rating saved there and every change is saved there (`PUT .../ratings/mine`,
 * coalesced), and every rater's rating is shown side by side under it.
 */
export default function LabReviewedDebrief({ attempt, onBack }: Props) {
  const lab = useLab();
  const me = lab.user;
  const attemptId = attempt.lab.attemptId;
  const [ratings, setRatings] = useState<readonly ServerRating[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState<Saving>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef<AttemptReview | null>(null);

  useEffect(() => {
    let live = true;
    instructorApi()
      .then((api) => api.attemptWithRatings(attemptId))
      .then((detail) => live && setRatings(detail.ratings ?? []))
      .catch((err) => {
        if (!live) return;
        setLoadProblem(`The ratings on the lab server cannot be read: ${errorText(err)}`);
        setRatings([]);
      });
    return () => {
      live = false;
    };
  }, [attemptId]);

  const save = useCallback(async () => {
    const review = latest.current;
    if (!review) return;
    try {
      const api = await instructorApi();
      const saved = await api.saveMyRating(attemptId, {
        plus: review.plus.slice(0, 4000),
        delta: review.delta.slice(0, 4000),
        ratings: review.ratings,
      });
      // A newer change came while this one was on its way: that one saves next.
      if (latest.current !== review) return;
      setRatings((all) => [...(all ?? []).filter((r) => r.rater.id !== saved.rater.id), saved]);
      setSaving({ kind: 'saved', at: saved.ratedAt });
    } catch (err) {
      setSaving({ kind: 'failed', why: errorText(err) });
    }
  }, [attemptId]);

  const onReviewChange = useCallback(
    (review: AttemptReview) => {
      latest.current = review;
      setSaving({ kind: 'waiting' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    [save],
  );
  // Leaving the debrief sends what is still waiting rather than dropping it.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        void save();
      }
    },
    [save],
  );

  if (ratings === null) return <div className="loading">Loading the ratings…</div>;
  const mine = me ? ratings.find((r) => r.rater.id === me.id) : undefined;
  const initialReview: AttemptReview = mine
    ? { plus: mine.plus, delta: mine.delta, ratings: mine.ratings, raterName: mine.rater.displayName }
    : { ...emptyReview(), raterName: me?.displayName ?? '' };

  return (
    <DebriefScreen
      attempt={attempt}
      onMenu={onBack}
      backTo="instructor's screen"
      fixedRater={me ? `${me.displayName} (saved on the lab server)` : undefined}
      initialReview={initialReview}
      onReviewChange={onReviewChange}
      reviewExtra={
        <section className="inter-rater" data-testid="inter-rater" aria-labelledby="inter-rater-title">
          <h2 id="inter-rater-title">Ratings on the lab server</h2>
          <p className="muted" data-testid="rating-save" role="status">
            {saving.kind === 'idle' && 'Your rating is saved on the lab server as you change it.'}
            {saving.kind === 'waiting' && 'Saving…'}
            {saving.kind === 'saved' && 'Saved on the lab server.'}
            {saving.kind === 'failed' && `Not saved on the lab server: ${saving.why}`}
          </p>
          {loadProblem && <p className="status-refused">{loadProblem}</p>}
          <InterRaterTable ratings={ratings} meId={me?.id ?? null} />
        </section>
      }
    />
  );
}
