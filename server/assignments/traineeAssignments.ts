import type { Queryable } from '../db/db';
import type { User } from '../users/user';
import type { Assignment } from './assignment';
import { assignmentProgress, traineeView } from './assignmentProgress';
import { grantKey, loadGrants, loadReservations } from './reservation';

/**
 * The trainee view of assignments: each with `mine`, the trainee's own standing (api17.md), scores
 * only once released.
 */
export async function withTraineeStanding(
  q: Queryable,
  trainee: User,
  assignments: readonly Assignment[],
  now = new Date(),
) {
  if (assignments.length === 0) return [];
  const mine = await loadReservations(q, 'r.trainee_id = $1', [trainee.id]);
  const grants = await loadGrants(q, 'x.trainee_id = $1', [trainee.id]);
  return assignments.map((a) => {
    const reservations = mine.filter((r) => r.assignment_id === a.id);
    const progress = assignmentProgress(a, reservations, grants.get(grantKey(a.id, trainee.id)) ?? 0, now, a.released);
    return { ...a, mine: traineeView(progress) };
  });
}
