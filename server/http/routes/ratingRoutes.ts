import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/db';
import { readableAttempt } from '../../attempts/attemptAccess';
import { saveRating } from '../../ratings/attemptRatings';
import { ratingBody } from '../../ratings/ratingBody';
import { parseBody } from '../parseBody';
import { requireRole } from '../requestAuth';

/** PUT /api/attempts/:id/ratings/mine: an instructor (own cohorts' trainees) or an admin rates an attempt. */
export function ratingRoutes(app: FastifyInstance, db: Db): void {
  app.put<{ Params: { id: string } }>('/api/attempts/:id/ratings/mine', async (req) => {
    const rater = requireRole(req, 'instructor', 'admin');
    const body = parseBody(ratingBody, req.body);
    const attempt = await readableAttempt(db, rater, req.params.id);
    return saveRating(db, attempt.id, rater, body);
  });
}
