import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Scenario, scenarioVersion } from '../../levels/scenarioSchema';
import { publishedFor } from '../labScenarios/scenarioCatalogue';
import {
  AttemptError,
  type AttemptFile,
  canonicalJson,
  checkPublishedScenario,
  parseAttemptFile,
} from '../../sim/attempt/index';
import { MAX_STATION_LENGTH, PLAIN_TEXT_PATTERN } from '../../sim/core/index';
import type { Db } from '../db/db';
import { HttpError } from '../http/httpError';
import { parseBody } from '../http/parseBody';
import type { User } from '../users/user';
import type { AttemptStatus } from './attemptRow';
import { enqueueScoring } from '../scoring/scoringQueue';
import { checkReservation } from '../assignments/reservationCheck';
import type { XapiRecorder } from '../xapi/xapiOutbox';

const uploadBody = z.strictObject({
  status: z.enum(['in-progress', 'finished', 'abandoned']),
  station: z
    .string()
    .trim()
    .max(MAX_STATION_LENGTH)
    .regex(PLAIN_TEXT_PATTERN, 'plain text: no control characters, no < or >'),
  attempt: z.unknown(),
});

/** Keys that would carry a score the client computed: refused, the server scores by replay alone. */
const SCORE_KEYS = ['score', 'report'];

export interface UploadResult {
  readonly id: string;
  readonly status: AttemptStatus;
  readonly revision: number;
  readonly receivedAt: string;
  /** Whether this upload queued a scoring job (the caller wakes the workers). */
  readonly queued: boolean;
}

function refuseClientScore(body: unknown): void {
  const has = (o: unknown) =>
    o !== null && typeof o === 'object' && !Array.isArray(o) && SCORE_KEYS.some((k) => Object.hasOwn(o, k));
  if (has(body) || has((body as { attempt?: unknown } | null)?.attempt))
    throw new HttpError(
      400,
      'client-score',
      'The body carries a score or a report: the lab computes the score itself by replaying the log, so an upload may not carry one.',
    );
}

/**
 * The uploaded attempt file, checked: schema, hash, no signature, and the published scenario at its
 * version (shipped, or stored and published on this lab), which the scoring worker then replays.
 */
async function checkedFile(db: Db, data: unknown, published: readonly Scenario[]): Promise<AttemptFile> {
  try {
    const file = parseAttemptFile(data);
    if (file.signature)
      throw new AttemptError('signature: an upload carries no signature; the lab signs the files it serves.');
    const embedded = file.scenario;
    checkPublishedScenario(file, await publishedFor(db, published, embedded.id, scenarioVersion(embedded)));
    return file;
  } catch (e) {
    if (e instanceof AttemptError) throw new HttpError(400, 'bad-attempt', e.message);
    throw e;
  }
}

const sameEntry = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
/** Whether `short` is `long` cut at some entry: every entry of short equal to long's at the same place. */
function isPrefix(short: AttemptFile, long: AttemptFile): boolean {
  return (
    short.log.length <= long.log.length &&
    short.endTick <= long.endTick &&
    short.log.every((e, i) => sameEntry(e, long.log[i]))
  );
}

/**
 * PUT /api/attempts/:id (api.md): store a trainee's upload, in one transaction with its scoring
 * job, so a server stopped mid-upload leaves the previous revision or the new one, never half.
 * The same body twice is one attempt; a longer log replaces a shorter only if the shorter is its
 * prefix; a finished or abandoned attempt never changes again (409); a stale shorter autosave
 * arriving late changes nothing.
 */
export async function uploadAttempt(
  db: Db,
  user: User,
  attemptId: string,
  rawBody: unknown,
  published: readonly Scenario[],
  xapi: XapiRecorder | null = null,
): Promise<UploadResult> {
  refuseClientScore(rawBody);
  const body = parseBody(uploadBody, rawBody);
  const parsed = await checkedFile(db, body.attempt, published);
  const station = body.station === '' ? null : body.station;
  // The server's own account of who and where: the file's claims are replaced, never trusted.
  const file: AttemptFile = { ...parsed, trainee: { id: user.id, name: user.displayName }, station };
  const fileJson = JSON.stringify(file);
  const bodyHash = createHash('sha256')
    .update(canonicalJson({ status: body.status, file }))
    .digest('hex');
  const final = body.status !== 'in-progress';

  return db.transaction(async (tx) => {
    await checkReservation(tx, attemptId, user, file);
    const rows = await tx.query<{
      trainee_id: string;
      status: AttemptStatus;
      revision: number;
      body_hash: string;
      scenario_hash: string;
      seed: number;
      mode: string;
      file_json: string;
      updated_at: Date;
    }>(
      `SELECT trainee_id, status, revision, body_hash, scenario_hash, seed::float8 AS seed, mode, file_json, updated_at
       FROM attempts WHERE id = $1 FOR UPDATE`,
      [attemptId],
    );
    const old = rows[0];
    const result = (status: AttemptStatus, revision: number, at: Date, queued: boolean): UploadResult => ({
      id: attemptId,
      status,
      revision,
      receivedAt: new Date(at).toISOString(),
      queued,
    });
    if (!old) {
      const inserted = await tx.query<{ updated_at: Date }>(
        `INSERT INTO attempts (id, trainee_id, scenario_id, scenario_version, scenario_hash, mode, seed, status, station,
           started_at, ended_at, log_length, end_tick, file_json, body_hash, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1) RETURNING updated_at`,
        [
          attemptId,
          user.id,
          file.scenario.id,
          file.scenario.version ?? 1,
          file.scenarioHash,
          file.mode,
          file.seed,
          body.status,
          station,
          file.startedAt,
          file.endedAt,
          file.log.length,
          file.endTick,
          fileJson,
          bodyHash,
        ],
      );
      if (final) await enqueueScoring(tx, attemptId, 1);
      await xapi?.attemptUploaded(tx, attemptId);
      return result(body.status, 1, inserted[0].updated_at, final);
    }
    if (old.trainee_id !== user.id)
      throw new HttpError(403, 'not-your-attempt', 'This attempt id belongs to another trainee.');
    if (old.body_hash === bodyHash) return result(old.status, old.revision, old.updated_at, false);
    if (old.scenario_hash !== file.scenarioHash || old.seed !== file.seed || old.mode !== file.mode)
      throw new HttpError(
        409,
        'different-attempt',
        'This attempt id already holds an attempt on another scenario, seed or mode: make a new id for a new attempt.',
      );
    if (old.status !== 'in-progress')
      throw new HttpError(
        409,
        'attempt-closed',
        `This attempt is already ${old.status}: it cannot change, nor go back to in-progress.`,
      );
    const stored = JSON.parse(old.file_json) as AttemptFile;
    if (!final && isPrefix(file, stored)) return result(old.status, old.revision, old.updated_at, false);
    if (!isPrefix(stored, file))
      throw new HttpError(
        409,
        'log-diverged',
        'The uploaded log does not continue the stored one (the stored log is not a prefix of it): the attempt was changed.',
      );
    const revision = old.revision + 1;
    const updated = await tx.query<{ updated_at: Date }>(
      `UPDATE attempts SET status = $2, station = $3, started_at = $4, ended_at = $5, log_length = $6, end_tick = $7,
         file_json = $8, body_hash = $9, revision = $10, updated_at = now()
       WHERE id = $1 RETURNING updated_at`,
      [
        attemptId,
        body.status,
        station,
        file.startedAt,
        file.endedAt,
        file.log.length,
        file.endTick,
        fileJson,
        bodyHash,
        revision,
      ],
    );
    if (final) await enqueueScoring(tx, attemptId, revision);
    await xapi?.attemptUploaded(tx, attemptId);
    return result(body.status, revision, updated[0].updated_at, final);
  });
}
