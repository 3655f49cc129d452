import { useEffect, useMemo, useState } from 'react';
import type { Scenario } from '../../levels/scenarioSchema';
import { instructorApi } from '../labClient/instructorApi';
import { labClient } from '../labClient/labSession';
import type { Assignment, CohortMember, CohortSummary } from '../labClient/instructorApiTypes';
import { loadScenarios } from '../scenarios/loadScenarios';
import { AssignmentForm } from './AssignmentForm';
import { assignmentArchiveUrl } from '../labClient/instructorApi';

interface Props {
  readonly cohorts: readonly CohortSummary[];
  readonly assignments: readonly Assignment[] | null;
  readonly onChanged: () => Promise<void>;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const dateTimeText = (iso: string | null): string => {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isFinite(t)
    ? new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    : iso.slice(0, 40);
};

const targetText = (a: Assignment) =>
  'cohortId' in a.target ? `cohort ${a.target.cohortName}` : `trainee ${a.target.displayName}`;

/** Allow one trainee of the assignment's target a restart (their open attempt is abandoned, one attempt granted). */
function RestartControl({ assignment, onDone }: { assignment: Assignment; onDone: (text: string) => void }) {
  const [trainees, setTrainees] = useState<readonly CohortMember[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const selectId = `restart-${assignment.id}`;

  const load = async () => {
    setProblem(null);
    try {
      if ('traineeId' in assignment.target) {
        const t = assignment.target;
        setTrainees([{ id: t.traineeId, username: '', displayName: t.displayName }]);
        setChosen(t.traineeId);
      } else {
        const cohort = await (await instructorApi()).getCohort(assignment.target.cohortId);
        const members = cohort.members.filter((m) => (m.role ?? 'trainee') === 'trainee');
        setTrainees(members);
        setChosen(members[0]?.id ?? '');
      }
    } catch (err) {
      setProblem(`The trainees cannot be listed: ${errorText(err)}`);
    }
  };

  const restart = async () => {
    if (!chosen || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await (await instructorApi()).allowRestart(assignment.id, chosen);
      const who = trainees?.find((t) => t.id === chosen)?.displayName ?? 'the trainee';
      onDone(`${who} may start “${assignment.title}” again: their open attempt was closed as abandoned.`);
      setTrainees(null);
    } catch (err) {
      setProblem(`No restart: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  if (trainees === null)
    return (
      <>
        <button type="button" data-testid="allow-restart" onClick={() => void load()}>
          Allow restart…
        </button>
        {problem && <span className="status-refused">{problem}</span>}
      </>
    );
  return (
    <span className="restart-control">
      <label htmlFor={selectId}>Trainee</label>
      <select id={selectId} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        {trainees.length === 0 && <option value="">nobody in the cohort</option>}
        {trainees.map((t) => (
          <option key={t.id} value={t.id}>
            {t.displayName}
          </option>
        ))}
      </select>
      <button type="button" data-testid="confirm-restart" disabled={!chosen || busy} onClick={() => void restart()}>
        Allow restart
      </button>
      <button type="button" onClick={() => setTrainees(null)}>
        Cancel
      </button>
      {problem && <span className="status-refused">{problem}</span>}
    </span>
  );
}

/** The assignment form and the list of assignments, each with Release scores, Allow restart and its archive. */
export function AssignmentsPanel({ cohorts, assignments, onChanged }: Props) {
  const shipped = useMemo(() => loadScenarios().flatMap((e) => (e.ok ? [e.scenario] : [])), []);
  // The scenarios instructors published on this lab server can be assigned beside the app's own.
  const [stored, setStored] = useState<readonly Scenario[]>([]);
  useEffect(() => {
    let live = true;
    (async () => {
      const { publishedLabScenarios } = await import('../labClient/labScenariosApi');
      const list = await publishedLabScenarios(await labClient());
      if (live) setStored(list.filter((s) => !shipped.some((x) => x.id === s.id)));
    })().catch(
      (err) =>
        live && setMessage({ kind: 'error', text: `The lab's own scenarios cannot be listed: ${errorText(err)}` }),
    );
    return () => {
      live = false;
    };
  }, [shipped]);
  const scenarios = useMemo(() => [...shipped, ...stored], [shipped, stored]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [releasing, setReleasing] = useState<string | null>(null);

  const release = async (a: Assignment) => {
    if (releasing) return;
    setReleasing(a.id);
    setMessage(null);
    try {
      await (await instructorApi()).releaseScores(a.id);
      setMessage({ kind: 'ok', text: `Scores of “${a.title}” released: its trainees now see them.` });
      await onChanged();
    } catch (err) {
      setMessage({ kind: 'error', text: `Scores of “${a.title}” not released: ${errorText(err)}` });
    } finally {
      setReleasing(null);
    }
  };

  return (
    <>
      <AssignmentForm
        scenarios={scenarios}
        cohorts={cohorts}
        onCreated={async (a) => {
          setMessage({ kind: 'ok', text: `Assignment “${a.title}” set for ${targetText(a)}.` });
          await onChanged();
        }}
      />
      <section className="instructor-section" aria-labelledby="assignment-list-title" data-testid="assignment-list">
        <h2 id="assignment-list-title">Assignments</h2>
        {message && (
          <p className={message.kind === 'ok' ? 'status-ok' : 'status-refused'} role="status">
            {message.text}
          </p>
        )}
        {assignments === null ? (
          <p className="muted">Loading the assignments…</p>
        ) : assignments.length === 0 ? (
          <p className="muted">No assignment yet: set one above.</p>
        ) : (
          <table className="instructor-table">
            <thead>
              <tr>
                <th scope="col">Assignment</th>
                <th scope="col">For</th>
                <th scope="col">Scenarios</th>
                <th scope="col">Mode</th>
                <th scope="col">Due</th>
                <th scope="col">Attempts</th>
                <th scope="col">Pass mark</th>
                <th scope="col">Seed</th>
                <th scope="col">Scores</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.id} data-testid="assignment-row" data-assignment-id={a.id}>
                  <th scope="row">{a.title}</th>
                  <td>{targetText(a)}</td>
                  <td>{a.scenarios.map((s) => `${s.title} (v${s.version})`).join('; ')}</td>
                  <td>{a.mode}</td>
                  <td>{dateTimeText(a.dueAt)}</td>
                  <td className="num">{a.attemptsAllowed ?? 'unlimited'}</td>
                  <td className="num">{a.passMark ?? "scenario's"}</td>
                  <td>{a.seedPolicy === 'fixed' ? `fixed ${a.seed ?? ''}` : 'fresh each attempt'}</td>
                  <td data-testid="assignment-released">
                    {a.released ? `released ${dateTimeText(a.releasedAt)}` : 'not released'}
                  </td>
                  <td className="row-actions">
                    {!a.released && (
                      <button
                        type="button"
                        data-testid="release-scores"
                        disabled={releasing !== null}
                        onClick={() => void release(a)}
                      >
                        {releasing === a.id ? 'Releasing…' : 'Release scores'}
                      </button>
                    )}
                    <RestartControl
                      assignment={a}
                      onDone={(text) => {
                        setMessage({ kind: 'ok', text });
                        void onChanged();
                      }}
                    />
                    <a href={assignmentArchiveUrl(a.id)} download data-testid="assignment-archive">
                      Archive (zip)
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
