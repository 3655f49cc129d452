import type { TrainingMode } from '../../sim/core';

/**
 * What leaving the case asks. An exam attempt left is an attempt used: it is recorded as abandoned
 * (uploaded as such in a lab) and counts, so the question says so before anything is lost.
 */
export function leaveQuestion(mode: TrainingMode, lab: boolean): string {
  if (mode === 'practice') return 'Leave this case? The attempt will be kept in your history as abandoned.';
  return `Abandon this exam attempt? It is recorded as abandoned${lab ? ' and sent to the lab server as such' : ''}, it counts as an attempt, and it cannot be resumed. A new attempt is a new patient.`;
}
