import { RATING_ITEMS } from '../attempt/attemptReview';
import type { ServerRating } from '../labClient/instructorApiTypes';

/**
 * Every rater's global rating of one attempt side by side (inter-rater): per item each rater's
 * score and how far apart they are, then each rater's total. Plain data for the debrief's table.
 */
export interface InterRaterRow {
  readonly id: string;
  readonly label: string;
  /** One per rater, in the raters' order; null where that rater left the item unrated. */
  readonly scores: readonly (number | null)[];
  /** Highest minus lowest of the scores given (null with fewer than two). */
  readonly range: number | null;
}

/** Raters in a stable order: the signed-in rater first, then by name. */
export function orderedRaters(ratings: readonly ServerRating[], meId: string | null): ServerRating[] {
  return [...ratings].sort(
    (a, b) =>
      Number(b.rater.id === meId) - Number(a.rater.id === meId) ||
      a.rater.displayName.localeCompare(b.rater.displayName) ||
      a.rater.id.localeCompare(b.rater.id),
  );
}

function rangeOf(values: readonly (number | null)[]): number | null {
  const given = values.filter((v): v is number => v !== null);
  return given.length < 2 ? null : Math.max(...given) - Math.min(...given);
}

export function interRaterRows(raters: readonly ServerRating[]): InterRaterRow[] {
  const items = RATING_ITEMS.map((item) => {
    const scores = raters.map((r) => r.ratings[item.id] ?? null);
    return { id: item.id, label: item.label, scores, range: rangeOf(scores) };
  });
  const totals = raters.map((r) => r.total);
  return [...items, { id: 'total', label: 'Total', scores: totals, range: rangeOf(totals) }];
}
