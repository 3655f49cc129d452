import { useCallback, useEffect, useState } from 'react';
import type { FinishedAttempt } from '../attempt/attemptTypes';
import { useKeyScope } from '../keyboard/useKeyScope';
import { instructorApi } from '../labClient/instructorApi';
import type { Assignment, CohortSummary } from '../labClient/instructorApiTypes';
import { useLab } from '../labClient/labSession';
import type { AttemptToCompare } from './attemptToCompare';
import { AssignmentsPanel } from './AssignmentsPanel';
import { CohortsPanel } from './CohortsPanel';
import { type InstructorTab, lastInstructorView, rememberInstructorView } from './instructorView';
import { ResultsPanel } from './ResultsPanel';
import './instructor.css';

interface Props {
  /** Open an attempt of the lab server in the debrief (its ratings saved on the server). */
  readonly onOpen: (attempt: FinishedAttempt) => void;
  readonly onCompare: (first: AttemptToCompare, second: AttemptToCompare) => void;
  readonly onMenu: () => void;
}

const TABS: readonly { id: InstructorTab; label: string; key: string }[] = [
  { id: 'cohorts', label: 'Cohorts', key: '1' },
  { id: 'assignments', label: 'Assignments', key: '2' },
  { id: 'results', label: 'Results', key: '3' },
];

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The instructor's side of the app, in lab mode for an instructor or an admin: cohorts (create one,
 * its join code, its members), assignments (set one, release scores, allow a restart) and a cohort's
 * results (the dashboard, progress, the spread beside the expert; open or compare any attempt).
 * Keys 1-3 switch tabs, Esc goes back to the menu.
 */
export default function InstructorScreen({ onOpen, onCompare, onMenu }: Props) {
  const lab = useLab();
  const user = lab.user;
  const allowed = lab.mode === 'lab' && (user?.role === 'instructor' || user?.role === 'admin');
  const [tab, setTab] = useState<InstructorTab>(() => lastInstructorView().tab);
  const [cohortId, setCohortId] = useState<string | null>(() => lastInstructorView().cohortId);
  const [cohorts, setCohorts] = useState<readonly CohortSummary[] | null>(null);
  const [assignments, setAssignments] = useState<readonly Assignment[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => rememberInstructorView({ tab, cohortId }), [tab, cohortId]);

  const reloadCohorts = useCallback(async () => {
    try {
      const list = await (await instructorApi()).listCohorts();
      setCohorts(list);
      setCohortId((id) => (id && list.some((c) => c.id === id) ? id : (list[0]?.id ?? null)));
    } catch (err) {
      setProblem(`Your cohorts cannot be listed: ${errorText(err)}`);
      setCohorts([]);
    }
  }, []);
  const reloadAssignments = useCallback(async () => {
    try {
      setAssignments(await (await instructorApi()).listAssignments());
    } catch (err) {
      setProblem(`The assignments cannot be listed: ${errorText(err)}`);
      setAssignments([]);
    }
  }, []);
  useEffect(() => {
    if (!allowed) return;
    void reloadCohorts();
    void reloadAssignments();
  }, [allowed, reloadCohorts, reloadAssignments]);

  const once = { ignoreShift: true, repeat: false } as const;
  useKeyScope('Instructor', [
    ...TABS.map((t) => ({
      id: `instructor.${t.id}`,
      keys: [t.key],
      label: `Show ${t.label.toLowerCase()}`,
      onDown: () => setTab(t.id),
      ...once,
    })),
    { id: 'instructor.menu', keys: ['Escape'], label: 'Back to the menu', onDown: onMenu, ...once },
  ]);

  return (
    <main className="instructor" data-testid="instructor" data-tab={tab}>
      <header className="instructor-head">
        <div>
          <h1>Instructor</h1>
          <p className="muted">
            {user ? `${user.displayName} (${user.role})` : 'Not signed in'} · the lab server's cohorts, assignments and
            results
          </p>
        </div>
        <button type="button" data-testid="instructor-menu" onClick={onMenu}>
          Back to menu <kbd>Esc</kbd>
        </button>
      </header>
      {!allowed ? (
        <p className="status-refused" data-testid="instructor-refused">
          This screen is for an instructor or an admin signed in to the lab server.
        </p>
      ) : (
        <>
          <nav className="instructor-tabs" aria-label="Instructor sections">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                data-testid={`instructor-tab-${t.id}`}
                aria-current={tab === t.id ? 'page' : undefined}
                className={tab === t.id ? 'current' : ''}
                onClick={() => setTab(t.id)}
              >
                {t.label} <kbd>{t.key}</kbd>
              </button>
            ))}
          </nav>
          {problem && (
            <p className="status-refused" role="alert">
              {problem}
            </p>
          )}
          {tab === 'cohorts' && (
            <CohortsPanel
              cohorts={cohorts}
              selected={cohortId}
              onSelect={setCohortId}
              onCreated={async (id) => {
                await reloadCohorts();
                setCohortId(id);
              }}
            />
          )}
          {tab === 'assignments' && (
            <AssignmentsPanel cohorts={cohorts ?? []} assignments={assignments} onChanged={reloadAssignments} />
          )}
          {tab === 'results' && (
            <ResultsPanel
              cohorts={cohorts ?? []}
              cohortId={cohortId}
              onCohort={setCohortId}
              onOpen={onOpen}
              onCompare={onCompare}
              onChanged={reloadAssignments}
            />
          )}
        </>
      )}
    </main>
  );
}
