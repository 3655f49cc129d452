import { z } from 'zod';
import type { Db } from '../db/db';
import { HttpError } from '../http/httpError';
import { parseBody } from '../http/parseBody';
import { enqueueScoring } from '../scoring/scoringQueue';
import type { User } from '../users/user';
import { targetedTrainees, visibleAssignmentId } from './assignmentAccess';
import { isOpen, loadReservations } from './reservation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const restartBody = z.strictObject({ traineeId: z.string().regex(UUID, 'a user id (UUID)') });

export interface RestartResult {
  readonly assignmentId: string;
  readonly traineeId: string;
  /** The attempts this restart abandoned (uploaded ones, now queued for scoring). */
  readonly abandonedAttemptIds: readonly string[];
  /** Restarts granted to this trainee on this assignment so far, this one included. */
  readonly restartsGranted: number;
  /** Whether an abandoned attempt was queued for scoring (the caller wakes the workers). */
  readonly queued: boolean;
}

/**
 * POST /api/assignments/:id/restarts: the trainee's open attempts of this assignment end as
 * abandoned (what was uploaded stays, scored like any abandon; a reservation never uploaded is
 * closed) and they get one more attempt, so a crashed exam station does not cost a try.
 */
export async function grantRestart(db: Db, user: User, rawId: string, rawBody: unknown): Promise<RestartResult> {
  const { traineeId: rawTrainee } = parseBody(restartBody, rawBody);
  const traineeId = rawTrainee.toLowerCase();
  return db.transaction(async (tx) => {
    const id = await visibleAssignmentId(tx, user, rawId, { forUpdate: true });
    const targeted = await tx.query(`SELECT 1 FROM ${targetedTrainees('$1')} t(user_id) WHERE t.user_id = $2`, [
      id,
      traineeId,
    ]);
    if (targeted.length === 0)
      throw new HttpError(404, 'not-targeted', `The user "${traineeId}" is not a trainee this assignment is set for.`);
    const open = (await loadReservations(tx, 'r.assignment_id = $1 AND r.trainee_id = $2', [id, traineeId])).filter(
      isOpen,
    );
    const abandoned: string[] = [];
    for (const r of open) {
      if (r.status === 'in-progress') {
        const rows = await tx.query<{ revision: number }>(
          `UPDATE attempts SET status = 'abandoned', ended_at = $2, updated_at = now()
           WHERE id = $1 AND status = 'in-progress' RETURNING revision`,
          [r.attempt_id, new Date().toISOString()],
        );
        if (rows[0]) {
          await enqueueScoring(tx, r.attempt_id, rows[0].revision);
          abandoned.push(r.attempt_id);
        }
      }
      await tx.query('UPDATE assignment_attempts SET closed_at = now() WHERE attempt_id = $1', [r.attempt_id]);
    }
    await tx.query('INSERT INTO assignment_grants (assignment_id, trainee_id, granted_by) VALUES ($1, $2, $3)', [
      id,
      traineeId,
      user.id,
    ]);
    const granted = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM assignment_grants WHERE assignment_id = $1 AND trainee_id = $2',
      [id, traineeId],
    );
    return {
      assignmentId: id,
      traineeId,
      abandonedAttemptIds: abandoned,
      restartsGranted: granted[0].n,
      queued: abandoned.length > 0,
    };
  });
}
