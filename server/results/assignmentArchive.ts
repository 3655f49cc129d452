import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipDeflate } from 'fflate';
import type { AttemptFile } from '../../sim/attempt/index';
import { signAttempt } from '../attempts/attemptSignature';
import type { LabKey } from '../attempts/labKey';
import type { Db } from '../db/db';
import { loadAttemptResults, resultsCsv } from './attemptResults';

/** Only the characters a file name may safely carry in any unzip tool (ids and usernames already are). */
const safeName = (s: string) => s.replace(/[^a-zA-Z0-9._-]/g, '_');

/** Until the stream takes more, or is closed (a client that went away never drains it). */
function drained(out: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * GET /api/assignments/:id/archive: a zip of every uploaded attempt of the assignment, each signed
 * as GET /api/attempts/:id/file serves it (so `POST /api/attempts/verify` or the app checks it
 * later), named `<username>-<scenarioId>-<attemptId>.kyphosim.json`, and results.csv of them.
 *
 * Streamed: one file is read from the database, signed and compressed at a time, waiting while the
 * client is slow, so a term of a large cohort (hundreds of files of up to 16 MiB) never sits in
 * memory at once. The list is read before the answer starts, so an error there is a plain error
 * answer; one later (the database gone) cuts the stream, and the client sees a broken zip.
 */
export async function assignmentArchive(db: Db, key: LabKey, assignmentId: string): Promise<Readable> {
  const files = await db.query<{ id: string; username: string; scenario_id: string }>(
    `SELECT a.id, u.username, a.scenario_id FROM assignment_attempts r
     JOIN attempts a ON a.id = r.attempt_id JOIN users u ON u.id = a.trainee_id
     WHERE r.assignment_id = $1 ORDER BY u.username, a.created_at, a.id`,
    [assignmentId],
  );
  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) out.destroy(err);
    else {
      out.write(chunk);
      if (final) out.end();
    }
  });
  const encoder = new TextEncoder();
  const add = async (name: string, text: string) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(encoder.encode(text), true);
    if (out.writableNeedDrain) await drained(out);
  };
  const write = async () => {
    for (const f of files) {
      if (out.destroyed) return; // the client went away: stop reading files for no one
      const rows = await db.query<{ file_json: string }>('SELECT file_json FROM attempts WHERE id = $1', [f.id]);
      if (!rows[0]) continue; // removed since the list was read (a user deleted)
      const signed = signAttempt(key, JSON.parse(rows[0].file_json) as AttemptFile);
      await add(
        `${safeName(f.username)}-${safeName(f.scenario_id)}-${f.id}.kyphosim.json`,
        JSON.stringify(signed, null, 2),
      );
    }
    await add('results.csv', resultsCsv(await loadAttemptResults(db, 'r.assignment_id = $1', [assignmentId])));
    zip.end();
  };
  write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
