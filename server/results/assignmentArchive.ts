import { zipSync } from 'fflate';
import type { AttemptFile } from '../../sim/attempt/index';
import { signAttempt } from '../attempts/attemptSignature';
import type { LabKey } from '../attempts/labKey';
import type { Db } from '../db/db';
import { loadAttemptResults, resultsCsv } from './attemptResults';

/** Only the characters a file name may safely carry in any unzip tool (ids and usernames already are). */
const safeName = (s: string) => s.replace(/[^a-zA-Z0-9._-]/g, '_');

/**
 * GET /api/assignments/:id/archive: a zip of every uploaded attempt of the assignment, each signed
 * as GET /api/attempts/:id/file serves it (so `POST /api/attempts/verify` or the app checks it
 * later), named `<username>-<scenarioId>-<attemptId>.kyphosim.json`, and results.csv of them.
 * Built in memory: an assignment's files are a class's, tens of megabytes at most.
 */
export async function assignmentArchive(db: Db, key: LabKey, assignmentId: string): Promise<Uint8Array> {
  const files = await db.query<{ id: string; username: string; scenario_id: string; file_json: string }>(
    `SELECT a.id, u.username, a.scenario_id, a.file_json FROM assignment_attempts r
     JOIN attempts a ON a.id = r.attempt_id JOIN users u ON u.id = a.trainee_id
     WHERE r.assignment_id = $1 ORDER BY u.username, a.created_at, a.id`,
    [assignmentId],
  );
  const entries: Record<string, Uint8Array> = {};
  const encoder = new TextEncoder();
  for (const f of files) {
    const signed = signAttempt(key, JSON.parse(f.file_json) as AttemptFile);
    const name = `${safeName(f.username)}-${safeName(f.scenario_id)}-${f.id}.kyphosim.json`;
    entries[name] = encoder.encode(JSON.stringify(signed, null, 2));
  }
  const rows = await loadAttemptResults(db, 'r.assignment_id = $1', [assignmentId]);
  entries['results.csv'] = encoder.encode(resultsCsv(rows));
  return zipSync(entries, { level: 6 });
}
