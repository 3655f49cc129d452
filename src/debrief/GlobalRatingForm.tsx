import { useId, useState } from 'react';
import {
  RATING_ITEMS,
  emptyReview,
  reviewTotal,
  type AttemptReview,
  type Rating,
  type RatingItemId,
} from '../attempt/attemptReview';

interface Props {
  /** A review saved earlier with the attempt; empty when absent. */
  readonly initialReview?: AttemptReview;
  /** Called with the whole review after every change, for the record to save with the attempt. */
  readonly onReviewChange?: (review: AttemptReview) => void;
  /** The rater is the signed-in lab account (the lab server keeps one rating per rater): shown, not typed. */
  readonly fixedRater?: string;
}

const SCALE: readonly Rating[] = [1, 2, 3, 4, 5];

/**
 * The instructor's part of the debrief: plus/delta notes and the OSATS-style global rating
 * (src/attempt/attemptReview.ts), each item a radio group 1-5 with its anchors at 1, 3
 * and 5, and the rater's name. It keeps the review in its own state and reports every change.
 */
export function GlobalRatingForm({ initialReview, onReviewChange, fixedRater }: Props) {
  const [review, setReview] = useState<AttemptReview>(() => initialReview ?? emptyReview());
  const id = useId();
  const update = (next: AttemptReview) => {
    setReview(next);
    onReviewChange?.(next);
  };
  const rate = (item: RatingItemId, r: Rating) => update({ ...review, ratings: { ...review.ratings, [item]: r } });
  const total = reviewTotal(review);

  return (
    <section className="review" data-testid="attempt-review" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Instructor's review</h2>
      <div className="plus-delta">
        <label>
          <span>Plus: what went well</span>
          <textarea
            data-testid="review-plus"
            rows={3}
            value={review.plus}
            onChange={(e) => update({ ...review, plus: e.target.value })}
          />
        </label>
        <label>
          <span>Delta: what to change next time</span>
          <textarea
            data-testid="review-delta"
            rows={3}
            value={review.delta}
            onChange={(e) => update({ ...review, delta: e.target.value })}
          />
        </label>
      </div>

      <div className="rating-form" data-testid="rating-form">
        <h3>
          Global rating (OSATS style){' '}
          <span className="muted" data-testid="rating-total">
            {total.rated === 0
              ? 'not rated'
              : `${total.sum} / ${total.max} (${total.rated} of ${RATING_ITEMS.length} items)`}
          </span>
        </h3>
        <div className="rating-items">
          {RATING_ITEMS.map((item) => (
            <fieldset key={item.id} className="rating-item" data-testid={`rating-${item.id}`}>
              <legend>{item.label}</legend>
              <div className="rating-scale">
                {SCALE.map((r) => {
                  const anchor = r % 2 === 1 ? item.anchors[(r - 1) / 2] : '';
                  return (
                    <label key={r} className={review.ratings[item.id] === r ? 'chosen' : ''}>
                      <input
                        type="radio"
                        name={`${id}-${item.id}`}
                        value={r}
                        checked={review.ratings[item.id] === r}
                        onChange={() => rate(item.id, r)}
                        aria-label={anchor ? `${item.label}: ${r}, ${anchor}` : `${item.label}: ${r}`}
                      />
                      <b>{r}</b>
                      {anchor && <small>{anchor}</small>}
                    </label>
                  );
                })}
              </div>
            </fieldset>
          ))}
        </div>
        {fixedRater !== undefined ? (
          <p className="rater" data-testid="review-rater-fixed">
            <span>Rater</span> {fixedRater}
          </p>
        ) : (
          <label className="rater">
            <span>Rater</span>
            <input
              type="text"
              data-testid="review-rater"
              value={review.raterName}
              onChange={(e) => update({ ...review, raterName: e.target.value })}
            />
          </label>
        )}
      </div>
    </section>
  );
}
