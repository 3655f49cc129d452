import { type AttemptReview, reviewTotal } from '../../src/attempt/attemptReview';
import type { Queryable } from '../db/db';
import type { User } from '../users/user';
import { completeItems, type RatingBody, type RatingItems } from './ratingBody';

/** One rater's rating of an attempt, as the API shows it. */
export interface Rating {
  readonly rater: { readonly id: string; readonly displayName: string };
  readonly plus: string;
  readonly delta: string;
  readonly ratings: RatingItems;
  /** The sum of the items rated, as the app's review shows it (reviewTotal); null while none is rated. */
  readonly total: number | null;
  readonly ratedAt: string;
}

interface RatingRow {
  rater_id: string;
  rater_display_name: string;
  plus: string;
  delta: string;
  items: Partial<RatingItems>;
  total: number | null;
  rated_at: Date;
}

function ratingFromRow(r: RatingRow): Rating {
  return {
    rater: { id: r.rater_id, displayName: r.rater_display_name },
    plus: r.plus,
    delta: r.delta,
    ratings: completeItems(r.items),
    total: r.total,
    ratedAt: new Date(r.rated_at).toISOString(),
  };
}

/** The total the app's review shows for these items: their sum, or null when none is rated. */
export function ratingTotal(items: RatingItems): number | null {
  const review: AttemptReview = { plus: '', delta: '', ratings: items, raterName: '' };
  const { sum, rated } = reviewTotal(review);
  return rated === 0 ? null : sum;
}

/**
 * Store the rater's rating of the attempt: one row per rater and attempt, replaced when the same
 * rater saves again (another rater's row is never touched). The caller checked access.
 */
export async function saveRating(q: Queryable, attemptId: string, rater: User, body: RatingBody): Promise<Rating> {
  const items = completeItems(body.ratings);
  const rows = await q.query<RatingRow>(
    `INSERT INTO ratings (attempt_id, rater_id, plus, delta, items, total, rated_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, now())
     ON CONFLICT (attempt_id, rater_id) DO UPDATE
       SET plus = EXCLUDED.plus, delta = EXCLUDED.delta, items = EXCLUDED.items, total = EXCLUDED.total,
           rated_at = EXCLUDED.rated_at
     RETURNING rater_id, $7::text AS rater_display_name, plus, delta, items, total, rated_at`,
    [attemptId, rater.id, body.plus, body.delta, JSON.stringify(items), ratingTotal(items), rater.displayName],
  );
  return ratingFromRow(rows[0]);
}

/** Every rating of these attempts, by attempt id, oldest first. */
export async function ratingsOf(q: Queryable, attemptIds: readonly string[]): Promise<Map<string, Rating[]>> {
  const byAttempt = new Map<string, Rating[]>(attemptIds.map((id) => [id, []]));
  if (attemptIds.length === 0) return byAttempt;
  const rows = await q.query<RatingRow & { attempt_id: string }>(
    `SELECT r.attempt_id, r.rater_id, u.display_name AS rater_display_name, r.plus, r.delta, r.items, r.total, r.rated_at
     FROM ratings r JOIN users u ON u.id = r.rater_id
     WHERE r.attempt_id = ANY($1::uuid[]) ORDER BY r.rated_at, r.rater_id`,
    [attemptIds],
  );
  for (const r of rows) byAttempt.get(r.attempt_id)?.push(ratingFromRow(r));
  return byAttempt;
}

/** The ratings of one attempt, oldest first. */
export async function attemptRatings(q: Queryable, attemptId: string): Promise<Rating[]> {
  return (await ratingsOf(q, [attemptId])).get(attemptId) ?? [];
}
