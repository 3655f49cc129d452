import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { scenarioVersion, type Scenario } from '../../levels/scenarioSchema';
import type { CaseStart } from '../attempt/attemptTypes';
import { useKeyScope } from '../keyboard/useKeyScope';
import type { TraineeAssignment } from '../labClient/assignmentsApiTypes';
import { LabApiError } from '../labClient/labApiError';
import { useLab } from '../labClient/labSession';
import { getStation } from '../settings/stationStore';
import { type AssignmentRow, assignmentRows, STATUS_LABELS } from './assignmentRows';
import './assignments.css';

/** The lab's reservation an assigned case is played under: its attempt id is the upload's. */
export interface AssignedAttempt {
  readonly attemptId: string;
  readonly assignmentId: string;
  /** The instructor has not released the assignment's scores: the app shows none of this attempt. */
  readonly scoresWithheld: boolean;
}

interface Props {
  readonly onStart: (start: CaseStart, assigned: AssignedAttempt) => void;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The signed-in trainee's assignments (lab mode): one row per scenario with its status, due date,
 * attempts used of those allowed and, once the instructor has released them, the scores. The rows
 * are buttons in one list: A focuses it, ↑/↓ move, Enter starts the focused one. Starting reserves
 * an attempt on the lab server and opens the case with the attempt id, scenario, mode and seed it
 * answers, so the upload matches the reservation. An exam with an attempt still open is not
 * started: the row says to ask the instructor for a restart.
 */
export function AssignmentsPanel({ onStart }: Props) {
  const lab = useLab();
  const user = lab.user;
  const trainee = lab.mode === 'lab' && user?.role === 'trainee' ? user : null;
  const [assignments, setAssignments] = useState<readonly TraineeAssignment[] | null>(null);
  const [scenarios, setScenarios] = useState<readonly Scenario[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A lab server from before assignments answers 404: no panel, not an error.
  const [unsupported, setUnsupported] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    setAssignments(null);
    setError(null);
    setUnsupported(false);
    if (!trainee) return;
    let live = true;
    // The client's schemas (zod) and the scenario files load on demand: the menu paints first.
    Promise.all([
      import('../labClient/assignmentsApi').then(async (m) => (await m.assignmentsApi()).listMine()),
      import('../scenarios/loadScenarios').then((m) => m.loadScenarios().flatMap((e) => (e.ok ? [e.scenario] : []))),
    ])
      .then(([mine, local]) => {
        if (!live) return;
        setAssignments(mine);
        setScenarios(local);
      })
      .catch((err) => {
        if (!live) return;
        if (err instanceof LabApiError && err.status === 404) setUnsupported(true);
        else setError(`Your assignments cannot be listed: ${errorText(err)}`);
      });
    return () => {
      live = false;
    };
  }, [trainee]);

  const scenarioOf = useCallback(
    (scenarioId: string, version: number) =>
      scenarios?.find((s) => s.id === scenarioId && scenarioVersion(s) === version) ?? null,
    [scenarios],
  );

  const start = async (row: AssignmentRow) => {
    if (busy) return;
    if (row.blocked) {
      setError(row.blocked);
      return;
    }
    setBusy(row.key);
    setError(null);
    try {
      const { assignmentsApi } = await import('../labClient/assignmentsApi');
      const { startedScenario } = await import('../labClient/startedScenario');
      const started = await (await assignmentsApi()).start(row.assignmentId, row.scenarioId, getStation());
      // A scenario stored on the lab server comes with the start; the app's own are on this station.
      const scenario = startedScenario(started) ?? scenarioOf(started.scenarioId, started.scenarioVersion);
      if (!scenario)
        throw new Error(
          `this station does not have ${started.scenarioId} version ${started.scenarioVersion}; the attempt reserved is kept on the lab server`,
        );
      onStart(
        { scenario, seed: started.seed, mode: started.mode },
        {
          attemptId: started.attemptId,
          assignmentId: started.assignmentId,
          scoresWithheld: !(assignments?.find((a) => a.id === row.assignmentId)?.released ?? false),
        },
      );
    } catch (err) {
      setError(`This assignment cannot be started: ${errorText(err)}`);
      setBusy(null);
    }
  };

  const rows = assignments && scenarios ? assignmentRows(assignments, (id, v) => scenarioOf(id, v) !== null) : null;
  const buttons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  useKeyScope('Assignments', [
    ...(rows && rows.length > 0
      ? [
          {
            id: 'assignments.focus',
            keys: ['a'],
            label: 'Your assignments (then ↑/↓, Enter starts)',
            onDown: () => buttons()[0]?.focus(),
            ignoreShift: true,
            repeat: false,
          },
        ]
      : []),
  ]);

  // ↑/↓ move through the list while it has the focus (the menu's own ↑/↓ choose a free case).
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    e.preventDefault();
    e.stopPropagation();
    all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
  };

  if (!trainee || unsupported) return null;
  return (
    <section className="assignments" data-testid="assignments" aria-labelledby="assignments-title">
      <h3 id="assignments-title">
        Your assignments <kbd>A</kbd>
      </h3>
      {rows === null && !error && <p className="muted">Loading your assignments…</p>}
      {rows?.length === 0 && <p className="muted">No assignments.</p>}
      {rows && rows.length > 0 && (
        <ul className="assignment-list" ref={list} aria-label="Your assignments" onKeyDown={onListKey}>
          {rows.map((r) => (
            <li key={r.key}>
              <button
                type="button"
                className="assignment-row"
                data-testid="assignment-row"
                data-assignment-id={r.assignmentId}
                data-scenario-id={r.scenarioId}
                data-status={r.status}
                aria-disabled={r.blocked !== null || busy !== null}
                aria-describedby={r.blocked ? `assignment-blocked-${r.key}` : undefined}
                onClick={() => void start(r)}
              >
                <span className="assignment-title">
                  {r.title}: {r.scenarioTitle}
                </span>
                <span className={`badge mode-${r.mode}`}>{r.mode === 'exam' ? 'EXAM' : 'PRACTICE'}</span>
                <span className={`assignment-status status-${r.status}`} data-testid="assignment-status">
                  {busy === r.key ? 'starting…' : STATUS_LABELS[r.status]}
                </span>
                <span className="assignment-meta">
                  {r.due ? `due ${r.due}` : 'no due date'} · {r.attempts}
                  {r.score && <span data-testid="assignment-score"> · {r.score}</span>}
                </span>
                {r.blocked && (
                  <span className="assignment-blocked" id={`assignment-blocked-${r.key}`}>
                    {r.blocked}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="menu-error" role="alert" data-testid="assignments-error">
          {error}
        </p>
      )}
    </section>
  );
}
