import type { Db } from '../db/db';
import type { User } from '../users/user';
import type { Assignment } from './assignment';
import { visibleAssignmentId } from './assignmentAccess';
import { loadAssignment } from './loadAssignments';

/**
 * POST /api/assignments/:id/release: trainees see the scores, reports and ratings of this
 * assignment's attempts from now on. Releasing twice keeps the first time.
 */
export async function releaseScores(db: Db, user: User, rawId: string): Promise<Assignment> {
  return db.transaction(async (tx) => {
    const id = await visibleAssignmentId(tx, user, rawId, { forUpdate: true });
    await tx.query('UPDATE assignments SET released = true, released_at = now() WHERE id = $1 AND NOT released', [id]);
    return loadAssignment(tx, id);
  });
}
