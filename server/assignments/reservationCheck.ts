import { scenarioVersion } from '../../levels/scenarioSchema';
import type { AttemptFile } from '../../sim/attempt/index';
import type { Queryable } from '../db/db';
import { HttpError } from '../http/httpError';
import type { User } from '../users/user';

/**
 * An upload on a reserved attempt id (POST /api/assignments/:id/start made it) must be the attempt
 * that was reserved: same trainee, scenario (id, version, content hash), mode and seed; else 409
 * naming the first field that differs. A reservation a restart closed takes nothing more. An id
 * without a reservation is free practice: nothing to check.
 */
export async function checkReservation(q: Queryable, attemptId: string, user: User, file: AttemptFile): Promise<void> {
  const rows = await q.query<{
    trainee_id: string;
    scenario_id: string;
    seed: number;
    closed_at: Date | null;
    mode: string;
    scenario_version: number;
    scenario_hash: string;
  }>(
    `SELECT r.trainee_id, r.scenario_id, r.seed::float8 AS seed, r.closed_at, g.mode, s.scenario_version, s.scenario_hash
     FROM assignment_attempts r JOIN assignments g ON g.id = r.assignment_id
     JOIN assignment_scenarios s ON s.assignment_id = r.assignment_id AND s.scenario_id = r.scenario_id
     WHERE r.attempt_id = $1`,
    [attemptId],
  );
  const reserved = rows[0];
  if (!reserved) return;
  const mismatch = (field: string, wanted: unknown, got: unknown) =>
    new HttpError(
      409,
      'reservation-mismatch',
      `${field}: this attempt id was reserved for ${JSON.stringify(wanted)}, the upload has ${JSON.stringify(got)}.`,
    );
  if (reserved.trainee_id !== user.id)
    throw new HttpError(409, 'reservation-mismatch', 'trainee: this attempt id was reserved for another trainee.');
  if (reserved.scenario_id !== file.scenario.id) throw mismatch('scenario.id', reserved.scenario_id, file.scenario.id);
  if (reserved.scenario_version !== scenarioVersion(file.scenario))
    throw mismatch('scenario.version', reserved.scenario_version, scenarioVersion(file.scenario));
  if (reserved.scenario_hash !== file.scenarioHash)
    throw mismatch('scenarioHash', reserved.scenario_hash, file.scenarioHash);
  if (reserved.mode !== file.mode) throw mismatch('mode', reserved.mode, file.mode);
  if (reserved.seed !== file.seed) throw mismatch('seed', reserved.seed, file.seed);
  if (reserved.closed_at !== null)
    throw new HttpError(
      409,
      'attempt-closed',
      'This attempt was closed by a restart your instructor granted: start the assignment again for a new attempt.',
    );
}
