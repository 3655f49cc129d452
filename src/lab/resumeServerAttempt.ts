import type { Session } from '../../sim/session';
import { fetchServerAttempt } from '../labClient/labSession';
import type { LabUser } from '../labClient/labApiTypes';
import { FIXED_DT_S } from '../../sim/core';
import { attemptMetadataOf } from '../record/attemptMetadata';
import type { AttemptRecord } from '../record/attemptRecord';
import { type RecordMeta, recordMetaOf } from '../record/recordMeta';
import { parseAttemptFile } from '../../sim/attempt';
import { resumeSession } from '../replay/resumeSession';

/**
 * Go on here with an attempt the trainee left in progress on another station: fetch it from the
 * lab server, check it is theirs and still in progress, validate its file with the simulator's
 * parser and replay its log to the saved tick (as a resume after a reload does). The attempt keeps
 * its id, so the autosave here goes on uploading the same attempt (a longer log of the same prefix).
 */
export async function resumeServerAttempt(
  attemptId: string,
  user: LabUser,
): Promise<{ readonly session: Session; readonly meta: RecordMeta }> {
  const detail = await fetchServerAttempt(attemptId);
  if (detail.trainee.id !== user.id) throw new Error('the lab server gave back an attempt of another trainee.');
  if (detail.status !== 'in-progress') throw new Error(`it is ${detail.status} on the lab server, not in progress.`);
  const file = parseAttemptFile(detail.attempt);
  const metadata = attemptMetadataOf(file);
  const now = Date.now();
  const record: AttemptRecord = {
    id: detail.id,
    trainee: user.displayName,
    traineeId: user.id,
    station: metadata.station ?? detail.station,
    scenarioId: file.scenario.id,
    scenarioTitle: file.scenario.title,
    seed: file.seed,
    mode: file.mode,
    status: 'in-progress',
    source: 'played',
    startedAt: metadata.startedAt ?? now,
    updatedAt: now,
    simTimeS: file.endTick * FIXED_DT_S,
    file,
    // An assigned attempt goes on as one (its scores stay withheld until the instructor releases them).
    ...(detail.assignmentId ? { assignmentId: detail.assignmentId } : {}),
    ...(detail.assignmentId && detail.released === false ? { scoresWithheld: true as const } : {}),
  };
  return { session: resumeSession(record), meta: recordMetaOf(record) };
}
