import type { AssignmentStatus, TraineeAssignment } from '../labClient/assignmentsApiTypes';
import { dateTime } from '../record/wallTime';

/** The instructor's word an exam with an open attempt needs (the server says the same when asked to start). */
export const ASK_FOR_RESTART = 'An exam attempt is still open: ask your instructor to allow a restart.';

export const STATUS_LABELS: Readonly<Record<AssignmentStatus, string>> = {
  'not-started': 'not started',
  'in-progress': 'in progress',
  submitted: 'submitted',
  passed: 'passed',
  failed: 'failed',
  abandoned: 'abandoned',
  overdue: 'overdue',
};

/** One scenario of one assignment, as the trainee's list shows it. */
export interface AssignmentRow {
  readonly key: string;
  readonly assignmentId: string;
  readonly scenarioId: string;
  readonly title: string;
  readonly scenarioTitle: string;
  readonly mode: 'practice' | 'exam';
  readonly status: AssignmentStatus;
  /** Local date and time, or null without a due date. */
  readonly due: string | null;
  /** "1 of 3 attempts used", or "2 attempts used" when unlimited. */
  readonly attempts: string;
  /** The score, only when the server sent one (after release). */
  readonly score: string | null;
  /** Null when Enter starts it; else why not, in the server's words where it gave them. */
  readonly blocked: string | null;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The trainee's assignments as rows, one per scenario: status, due date, attempts used of those
 * allowed, the score only if the server sent one (scores stay hidden until the instructor releases
 * them), and whether it can be started here. An exam with an open attempt is never started again
 * from here: it waits for the instructor's restart. `hasScenario` says whether this station has the
 * scenario at the assigned version (an older or newer build would not match the reservation); a
 * scenario stored on the lab server comes with the start, so no station needs a copy.
 */
export function assignmentRows(
  assignments: readonly TraineeAssignment[],
  hasScenario: (scenarioId: string, version: number) => boolean,
): AssignmentRow[] {
  return assignments.flatMap((a) =>
    a.scenarios.map((s): AssignmentRow => {
      const mine = a.mine.scenarios.find((m) => m.scenarioId === s.scenarioId);
      const status = mine?.status ?? 'not-started';
      const used = a.mine.attemptsUsed;
      const attempts =
        a.attemptsAllowed === null
          ? `${used} attempt${used === 1 ? '' : 's'} used`
          : `${used} of ${a.attemptsAllowed} attempt${a.attemptsAllowed === 1 ? '' : 's'} used`;
      const best = mine?.bestTotal ?? null;
      const latest = mine?.latestTotal ?? null;
      const score =
        best === null && latest === null
          ? null
          : [best === null ? null : `best ${round(best)}`, latest === null ? null : `latest ${round(latest)}`]
              .filter(Boolean)
              .join(', ');
      const openExam = a.mode === 'exam' && a.mine.scenarios.some((m) => m.status === 'in-progress');
      const blocked = openExam
        ? ASK_FOR_RESTART
        : !a.mine.canStart
          ? sentence(a.mine.reason ?? 'The lab server does not allow another attempt.')
          : !s.stored && !hasScenario(s.scenarioId, s.version)
            ? `This station does not have ${s.title} (version ${s.version}): ask your instructor.`
            : null;
      return {
        key: `${a.id}:${s.scenarioId}`,
        assignmentId: a.id,
        scenarioId: s.scenarioId,
        title: a.title,
        scenarioTitle: s.title,
        mode: a.mode,
        status,
        due: a.dueAt === null ? null : dateTime(Date.parse(a.dueAt)),
        attempts,
        score,
        blocked,
      };
    }),
  );
}

/** The server's reason as a sentence: capitalised, ending in a full stop. */
function sentence(text: string): string {
  const t = text.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
