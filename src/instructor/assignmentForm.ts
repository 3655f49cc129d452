import type { NewAssignment } from '../labClient/instructorApiTypes';

/**
 * The assignment form's state and its check, as plain data: what the instructor typed becomes
 * the body of `POST /api/assignments`, or a list of sentences naming what is wrong. The server
 * checks it all again; this is so the form can say so before sending.
 */

export interface AssignmentDraft {
  readonly title: string;
  readonly scenarioIds: readonly string[];
  readonly mode: 'practice' | 'exam';
  /** The date-time input's text (local time, `YYYY-MM-DDTHH:MM`), '' for no due date. */
  readonly due: string;
  /** '' for unlimited (practice only). */
  readonly attemptsAllowed: string;
  /** '' for each scenario's own pass mark. */
  readonly passMark: string;
  readonly seedPolicy: 'fixed' | 'fresh';
  /** '' lets the server draw one (fixed only). */
  readonly seed: string;
  readonly targetKind: 'cohort' | 'trainee';
  readonly targetId: string;
  readonly releaseScores: 'immediately' | 'manually';
}

export const emptyDraft = (): AssignmentDraft => ({
  title: '',
  scenarioIds: [],
  mode: 'practice',
  due: '',
  attemptsAllowed: '',
  passMark: '',
  seedPolicy: 'fixed',
  seed: '',
  targetKind: 'cohort',
  targetId: '',
  releaseScores: 'immediately',
});

export const MAX_SCENARIOS = 12;
const MAX_SEED = 2 ** 31 - 1;

/**
 * The pass mark the form shows when none is typed: the scenarios' own (scoring.passScore) when
 * they agree, else a sentence that each keeps its own.
 */
export function defaultPassMark(passScores: readonly number[]): number | null {
  if (passScores.length === 0) return null;
  const first = passScores[0] as number;
  return passScores.every((p) => p === first) ? first : null;
}

const wholeNumber = /^\d+$/;

/** The body to send, or what is wrong (each a sentence naming the field). `localToIso` reads the date input. */
export function assignmentBody(
  d: AssignmentDraft,
  localToIso: (local: string) => string | null = (local) => {
    const t = new Date(local).getTime();
    return Number.isFinite(t) ? new Date(t).toISOString() : null;
  },
): { readonly body: NewAssignment } | { readonly problems: readonly string[] } {
  const problems: string[] = [];
  const title = d.title.trim();
  if (title === '') problems.push('Title: give the assignment a title.');
  if (title.length > 200) problems.push('Title: at most 200 characters.');
  if (d.scenarioIds.length === 0) problems.push('Scenarios: choose at least one.');
  if (d.scenarioIds.length > MAX_SCENARIOS) problems.push(`Scenarios: at most ${MAX_SCENARIOS}.`);

  let dueAt: string | null = null;
  if (d.due.trim() !== '') {
    dueAt = localToIso(d.due.trim());
    if (dueAt === null) problems.push('Due: not a date and time.');
  }

  let attemptsAllowed: number | null = null;
  const attempts = d.attemptsAllowed.trim();
  if (attempts === '') {
    if (d.mode === 'exam') problems.push('Attempts allowed: an exam needs a number (1 to 50).');
  } else if (!wholeNumber.test(attempts) || Number(attempts) < 1 || Number(attempts) > 50) {
    problems.push('Attempts allowed: a whole number from 1 to 50, or empty for unlimited practice.');
  } else attemptsAllowed = Number(attempts);

  let passMark: number | null = null;
  const mark = d.passMark.trim();
  if (mark !== '') {
    const n = Number(mark);
    if (!Number.isFinite(n) || n < 0 || n > 100) problems.push('Pass mark: a number from 0 to 100.');
    else passMark = n;
  }

  let seed: number | undefined;
  const seedText = d.seed.trim();
  if (d.seedPolicy === 'fixed' && seedText !== '') {
    if (!wholeNumber.test(seedText) || Number(seedText) > MAX_SEED)
      problems.push(`Seed: a whole number from 0 to ${MAX_SEED}, or empty to draw one.`);
    else seed = Number(seedText);
  }

  if (d.mode === 'exam' && d.releaseScores === 'immediately')
    problems.push("Scores for trainees: an exam's scores are shown when you release them.");

  if (d.targetId === '')
    problems.push(d.targetKind === 'cohort' ? 'Assign to: choose a cohort.' : 'Assign to: choose a trainee.');

  if (problems.length > 0) return { problems };
  return {
    body: {
      title,
      scenarioIds: [...d.scenarioIds],
      mode: d.mode,
      dueAt,
      attemptsAllowed,
      passMark,
      seedPolicy: d.seedPolicy,
      ...(seed !== undefined ? { seed } : {}),
      target: d.targetKind === 'cohort' ? { cohortId: d.targetId } : { traineeId: d.targetId },
      releaseScores: d.releaseScores,
    },
  };
}
