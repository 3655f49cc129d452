import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Scenario } from '../../../levels/scenarioSchema';
import { AttemptError, type AttemptFile, parseAttemptFile } from '../../../sim/attempt/index';
import { MAX_ATTEMPT_FILE_BYTES } from '../../../sim/core/index';
import type { Db } from '../../db/db';
import { attemptIdParam, readableAttempt, visibleAttempts } from '../../attempts/attemptAccess';
import { ATTEMPT_COLUMNS, type AttemptRow, attemptSummary } from '../../attempts/attemptRow';
import { signAttempt, verifyAttemptSignature } from '../../attempts/attemptSignature';
import type { LabKey } from '../../attempts/labKey';
import { uploadAttempt } from '../../attempts/uploadAttempt';
import { withheldUntilReleased } from '../../assignments/releaseGate';
import type { XapiRecorder } from '../../xapi/xapiOutbox';
import { attemptRatings } from '../../ratings/attemptRatings';
import { parseBody } from '../parseBody';
import { requireRole, requireUser } from '../requestAuth';

/** The largest upload: the largest attempt file plus the envelope (status, station). */
export const MAX_UPLOAD_BYTES = MAX_ATTEMPT_FILE_BYTES + 64 * 1024;
/** The most attempts one list returns, newest first: a term of a large cohort. */
const MAX_LISTED = 2000;

export interface AttemptRouteDeps {
  readonly db: Db;
  readonly published: readonly Scenario[];
  readonly labKey: LabKey;
  /** Called after an upload queued a scoring job. */
  readonly onQueued: () => void;
  /** Queues the xAPI statements of an upload (null: no LRS configured). */
  readonly xapi?: XapiRecorder | null;
}

const verifyBody = z.strictObject({ attempt: z.unknown() });

/** The attempt routes of api.md: upload, list, read, the signed file and verification. */
export function attemptRoutes(app: FastifyInstance, deps: AttemptRouteDeps): void {
  const { db } = deps;

  app.put<{ Params: { id: string } }>('/api/attempts/:id', { bodyLimit: MAX_UPLOAD_BYTES }, async (req) => {
    const user = requireRole(req, 'trainee');
    const { queued, ...result } = await uploadAttempt(
      db,
      user,
      attemptIdParam(req.params.id),
      req.body,
      deps.published,
      deps.xapi,
    );
    if (queued) deps.onQueued();
    return result;
  });

  app.get('/api/attempts', async (req) => {
    const user = requireUser(req);
    const rows = await db.query<AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM attempts a JOIN users u ON u.id = a.trainee_id
       WHERE ${visibleAttempts(user)} ORDER BY a.updated_at DESC, a.id LIMIT ${MAX_LISTED}`,
      [user.id],
    );
    return { attempts: rows.map((r) => withheldUntilReleased(user, attemptSummary(r))) };
  });

  app.get<{ Params: { id: string } }>('/api/attempts/:id', async (req) => {
    const user = requireUser(req);
    const row = await readableAttempt(db, user, req.params.id);
    return withheldUntilReleased(user, {
      ...attemptSummary(row),
      attempt: JSON.parse(row.file_json) as AttemptFile,
      report: row.report ?? null,
      scoringError: row.scoring_error,
      ratings: await attemptRatings(db, row.id),
    });
  });

  app.get<{ Params: { id: string } }>('/api/attempts/:id/file', async (req, reply) => {
    const row = await readableAttempt(db, requireUser(req), req.params.id);
    const file = signAttempt(deps.labKey, JSON.parse(row.file_json) as AttemptFile);
    reply.header('Content-Disposition', `attachment; filename="attempt-${row.scenario_id}-${row.seed}-${row.id}.json"`);
    return file;
  });

  app.post('/api/attempts/verify', { bodyLimit: MAX_UPLOAD_BYTES }, async (req) => {
    requireUser(req);
    const { attempt } = parseBody(verifyBody, req.body);
    let file: AttemptFile;
    try {
      file = parseAttemptFile(attempt);
    } catch (e) {
      if (e instanceof AttemptError) return { valid: false, reason: e.message };
      throw e;
    }
    return verifyAttemptSignature(deps.labKey, file);
  });
}
