import type { User } from '../users/user';

/**
 * Scores wait for their release: for an attempt of an assignment whose scores are not released, a
 * trainee gets the answer with `score` and `report` null and `ratings` empty (each only if the
 * answer has it); instructors and admins get it whole. Applied to the whole answer, so a field
 * added to it later is withheld by adding it here, not by each route remembering.
 */
export function withheldUntilReleased<T extends { readonly released: boolean }>(user: User, answer: T): T {
  if (user.role !== 'trainee' || answer.released) return answer;
  const gated: Record<string, unknown> = { ...answer, score: null };
  if ('report' in answer) gated.report = null;
  if ('ratings' in answer) gated.ratings = [];
  return gated as T;
}
