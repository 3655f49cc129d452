import type { InstructorAttempt } from '../labClient/instructorApiTypes';

/**
 * A trainee's first and last finished attempt at one scenario of one assignment (oldest start
 * first), for "how far did they come": null with fewer than two. Attempts without an assignment
 * id (an older server) count when the scenario and trainee match.
 */
export function firstAndLast(
  attempts: readonly InstructorAttempt[],
  traineeId: string,
  scenarioId: string,
  assignmentId: string,
): readonly [InstructorAttempt, InstructorAttempt] | null {
  const mine = attempts
    .filter(
      (a) =>
        a.trainee.id === traineeId &&
        a.scenarioId === scenarioId &&
        a.status === 'finished' &&
        (a.assignmentId == null || a.assignmentId === assignmentId),
    )
    .sort((a, b) => (a.startedAt ?? a.updatedAt).localeCompare(b.startedAt ?? b.updatedAt) || a.id.localeCompare(b.id));
  if (mine.length < 2) return null;
  return [mine[0] as InstructorAttempt, mine[mine.length - 1] as InstructorAttempt];
}
