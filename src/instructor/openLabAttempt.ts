import { parseAttemptFile } from '../../sim/attempt';
import type { FinishedAttempt } from '../attempt/attemptTypes';
import type { InstructorApi } from '../labClient/instructorApi';
import type { ReplayClient } from '../replay/replayClient';

/**
 * An attempt of the lab server, ready for the debrief: its file as the server serves it (`/file`,
 * signed), checked by the simulator's own parser (a hostile file is refused with the parser's
 * sentence before anything replays it), then re-run in the replay worker to its final state.
 */
export async function openLabAttempt(
  api: Pick<InstructorApi, 'attemptFile'>,
  replayer: Pick<ReplayClient, 'open'>,
  attemptId: string,
  traineeName: string,
): Promise<FinishedAttempt> {
  const raw = await api.attemptFile(attemptId);
  const file = parseAttemptFile(raw);
  const { session, finalSnapshot } = await replayer.open(file);
  return {
    session,
    finalSnapshot,
    storedImages: [],
    lab: { attemptId, traineeName },
  };
}
