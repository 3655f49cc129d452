import { z } from 'zod';
import { RATING_ITEMS, type Rating, type RatingItemId } from '../../src/attempt/attemptReview';

/** The most characters of one note (plus or delta): a page of feedback, bounded. */
export const MAX_NOTE_LENGTH = 4000;

/** Free text over several lines: no control characters but tab and line breaks. */
const note = z
  .string()
  .max(MAX_NOTE_LENGTH)
  .refine((s) => /^[^\p{Cc}\p{Cs}]*$/u.test(s.replace(/[\t\n\r]/g, '')), 'text without control characters');

const itemRating = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.null()]);

/**
 * The items of the app's review form (RATING_ITEMS), each 1-5 or null (not rated); an item left
 * out counts as not rated, an item the app does not have is refused.
 */
const ratingsShape = Object.fromEntries(RATING_ITEMS.map((it) => [it.id, itemRating.optional()])) as Record<
  RatingItemId,
  z.ZodOptional<typeof itemRating>
>;

/** The body of PUT /api/attempts/:id/ratings/mine. */
export const ratingBody = z.strictObject({
  plus: note,
  delta: note,
  ratings: z.strictObject(ratingsShape),
});

export type RatingBody = z.infer<typeof ratingBody>;
export type RatingItems = Record<RatingItemId, Rating | null>;

/** Every item of RATING_ITEMS, in their order, with null for an item not rated. */
export function completeItems(given: Partial<Record<RatingItemId, Rating | null>>): RatingItems {
  return Object.fromEntries(RATING_ITEMS.map((it) => [it.id, given[it.id] ?? null])) as RatingItems;
}
