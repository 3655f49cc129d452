import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FinishedAttempt } from '../attempt/attemptTypes';
import { assignmentArchiveUrl, instructorApi, resultsCsvUrl } from '../labClient/instructorApi';
import type { CohortResults, CohortSummary, ResultCell } from '../labClient/instructorApiTypes';
import { createReplayClient, type ReplayClient } from '../replay/replayClient';
import {
  cellSummary,
  DEFAULT_VIEW,
  type DashboardColumn,
  type DashboardView,
  dashboardColumns,
  dashboardRows,
  type SortKey,
  statusOptions,
  statusWords,
  visibleRows,
} from './dashboardModel';
import { firstAndLast } from './firstAndLast';
import type { AttemptToCompare } from './attemptToCompare';
import { openLabAttempt } from './openLabAttempt';
import { ProgressPanel } from './ProgressPanel';

interface Props {
  readonly cohorts: readonly CohortSummary[];
  readonly cohortId: string | null;
  readonly onCohort: (cohortId: string) => void;
  readonly onOpen: (attempt: FinishedAttempt) => void;
  readonly onCompare: (first: AttemptToCompare, second: AttemptToCompare) => void;
  readonly onChanged: () => Promise<void>;
}

/** An attempt picked for the comparison, with its name. */
interface Pick {
  readonly attemptId: string;
  readonly traineeName: string;
  readonly label: string;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
/** Let the browser paint a busy line before a replay holds the page. */
const paint = () => new Promise<void>((resolve) => setTimeout(resolve, 30));

/**
 * A cohort's results (`GET /api/cohorts/:id/results`): trainees by assignment scenarios, each cell
 * the best and latest score, pass or fail, critical errors, attempts used, time and abandoned ones;
 * sorted and filtered; the CSV; every attempt opens in the debrief, any two are compared; then
 * each trainee's progress and the cohort's spread beside the expert.
 */
export function ResultsPanel({ cohorts, cohortId, onCohort, onOpen, onCompare }: Props) {
  const id = useId();
  const [results, setResults] = useState<CohortResults | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [view, setView] = useState<DashboardView>(DEFAULT_VIEW);
  const [busy, setBusy] = useState<string | null>(null);
  const [picks, setPicks] = useState<readonly Pick[]>([]);
  const client = useRef<ReplayClient | null>(null);
  const replayer = (): ReplayClient => (client.current ??= createReplayClient());
  useEffect(
    () => () => {
      client.current?.dispose();
      client.current = null;
    },
    [],
  );

  const load = useCallback(async (cohort: string) => {
    setResults(null);
    setProblem(null);
    try {
      setResults(await (await instructorApi()).cohortResults(cohort));
    } catch (err) {
      setProblem(`The cohort's results cannot be read: ${errorText(err)}`);
    }
  }, []);
  useEffect(() => {
    if (cohortId) void load(cohortId);
    setPicks([]);
  }, [cohortId, load]);

  const columns = useMemo(() => (results ? dashboardColumns(results) : []), [results]);
  const rows = useMemo(() => (results ? dashboardRows(results, columns) : []), [results, columns]);
  const shown = useMemo(() => visibleRows(rows, view), [rows, view]);

  const open = async (attemptId: string, traineeName: string) => {
    if (busy) return;
    setBusy('Fetching and replaying the attempt…');
    setProblem(null);
    await paint();
    try {
      onOpen(await openLabAttempt(await instructorApi(), replayer(), attemptId, traineeName));
    } catch (err) {
      setProblem(`This attempt cannot be opened: ${errorText(err)}`);
      setBusy(null);
    }
  };

  const compare = async (first: Pick, second: Pick) => {
    if (busy) return;
    setBusy('Fetching and replaying both attempts…');
    setProblem(null);
    await paint();
    try {
      const a = await openLabAttempt(await instructorApi(), replayer(), first.attemptId, first.traineeName);
      const b = await openLabAttempt(await instructorApi(), replayer(), second.attemptId, second.traineeName);
      onCompare({ attempt: a, label: first.label }, { attempt: b, label: second.label });
    } catch (err) {
      setProblem(`These attempts cannot be compared: ${errorText(err)}`);
      setBusy(null);
    }
  };

  const compareFirstAndLast = async (traineeId: string, traineeName: string, col: DashboardColumn) => {
    if (busy) return;
    try {
      const pair = firstAndLast(
        await (await instructorApi()).listAttempts(),
        traineeId,
        col.scenarioId,
        col.assignment.id,
      );
      if (!pair) {
        setProblem(`${traineeName} has fewer than two finished attempts at ${col.scenarioTitle}.`);
        return;
      }
      await compare(
        { attemptId: pair[0].id, traineeName, label: `${traineeName}, first attempt` },
        { attemptId: pair[1].id, traineeName, label: `${traineeName}, last attempt` },
      );
    } catch (err) {
      setProblem(`The attempts cannot be listed: ${errorText(err)}`);
    }
  };

  const togglePick = (p: Pick) =>
    setPicks((all) =>
      all.some((x) => x.attemptId === p.attemptId)
        ? all.filter((x) => x.attemptId !== p.attemptId)
        : [...all, p].slice(-2),
    );

  const sortBy = (key: SortKey) =>
    setView((v) => ({
      ...v,
      sort: key,
      direction:
        v.sort === key
          ? v.direction === 'ascending'
            ? 'descending'
            : 'ascending'
          : key === 'score'
            ? 'descending'
            : 'ascending',
    }));
  const ariaSort = (key: SortKey) => (view.sort === key ? view.direction : 'none');

  const cellContent = (cell: ResultCell | null, trainee: { id: string; displayName: string }, col: DashboardColumn) => {
    if (!cell) return <span className="muted">not set</span>;
    const s = cellSummary(cell);
    const what = `${trainee.displayName}, ${col.assignment.title}, ${col.scenarioTitle}`;
    const pickButton = (attemptId: string, which: string) => {
      const picked = picks.some((p) => p.attemptId === attemptId);
      return (
        <button
          type="button"
          className="small"
          aria-pressed={picked}
          data-testid="pick-compare"
          aria-label={`${picked ? 'Unpick' : 'Pick'} the ${which} attempt of ${what} for the comparison`}
          onClick={() =>
            togglePick({
              attemptId,
              traineeName: trainee.displayName,
              label: `${trainee.displayName}, ${which} (${col.scenarioTitle})`,
            })
          }
        >
          {picked ? `✓ Picked ${which}` : `Pick ${which}`}
        </button>
      );
    };
    return (
      <div className={`cell status-${cell.status}`} data-testid="result-cell" data-status={cell.status}>
        <div className="cell-line">
          <span className="cell-scores">{s.scores}</span>
          {s.verdict && <span className={`verdict-tag ${s.verdict}`}>{s.verdict === 'pass' ? 'PASS' : 'FAIL'}</span>}
        </div>
        <div className="cell-status">{s.status}</div>
        <div className="cell-details muted">{s.details.join(' · ')}</div>
        <div className="cell-actions">
          {cell.openAttemptId && (
            // The live viewer is the shell's screen for ?watch=<attempt id> (features do not import each other).
            <a
              className="small button-link"
              data-testid="watch-live"
              href={`?watch=${encodeURIComponent(cell.openAttemptId)}`}
              aria-label={`Watch the attempt of ${what} live`}
            >
              Watch live
            </a>
          )}
          {cell.bestAttemptId && (
            <button
              type="button"
              className="small"
              data-testid="open-best"
              aria-label={`Open the best attempt of ${what} in the debrief`}
              onClick={() => void open(cell.bestAttemptId as string, trainee.displayName)}
            >
              Open best
            </button>
          )}
          {cell.latestAttemptId && cell.latestAttemptId !== cell.bestAttemptId && (
            <button
              type="button"
              className="small"
              data-testid="open-latest"
              aria-label={`Open the latest attempt of ${what} in the debrief`}
              onClick={() => void open(cell.latestAttemptId as string, trainee.displayName)}
            >
              Open latest
            </button>
          )}
          {cell.bestAttemptId && pickButton(cell.bestAttemptId, 'best')}
          {cell.latestAttemptId &&
            cell.latestAttemptId !== cell.bestAttemptId &&
            pickButton(cell.latestAttemptId, 'latest')}
          {cell.attemptsUsed >= 2 && (
            <button
              type="button"
              className="small"
              data-testid="compare-first-last"
              aria-label={`Compare the first and last attempts of ${what}`}
              onClick={() => void compareFirstAndLast(trainee.id, trainee.displayName, col)}
            >
              First vs last
            </button>
          )}
        </div>
      </div>
    );
  };

  return (
    <section className="instructor-section" aria-labelledby={`${id}-title`} data-testid="results">
      <h2 id={`${id}-title`}>Results</h2>
      <div className="results-controls">
        <label>
          <span>Cohort</span>
          <select
            data-testid="results-cohort"
            value={cohortId ?? ''}
            onChange={(e) => e.target.value && onCohort(e.target.value)}
          >
            {!cohortId && <option value="">Choose a cohort…</option>}
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Status</span>
          <select
            data-testid="results-status"
            value={view.status}
            onChange={(e) => setView((v) => ({ ...v, status: e.target.value }))}
          >
            <option value="any">any</option>
            <option value="attention">needs attention (failed, abandoned, overdue, critical error)</option>
            {(results ? statusOptions(results) : []).map((s) => (
              <option key={s} value={s}>
                {statusWords(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Trainee</span>
          <input
            type="search"
            data-testid="results-text"
            placeholder="name or username"
            value={view.text}
            onChange={(e) => setView((v) => ({ ...v, text: e.target.value }))}
          />
        </label>
        {cohortId && (
          <a className="button-link" href={resultsCsvUrl(cohortId)} download data-testid="results-csv">
            Results CSV
          </a>
        )}
        {cohortId && (
          <button type="button" onClick={() => void load(cohortId)} data-testid="results-reload">
            Reload
          </button>
        )}
      </div>

      <div className="compare-bar" data-testid="compare-bar" role="status">
        {picks.length === 0 && (
          <span className="muted">Pick two attempts (best or latest in any cell) to compare them.</span>
        )}
        {picks.length > 0 && <span>Picked: {picks.map((p) => p.label).join(' and ')}.</span>}
        <button
          type="button"
          className="primary"
          data-testid="compare-picked"
          disabled={picks.length !== 2 || busy !== null}
          onClick={() => picks[0] && picks[1] && void compare(picks[0], picks[1])}
        >
          Compare
        </button>
        {picks.length > 0 && (
          <button type="button" onClick={() => setPicks([])}>
            Clear
          </button>
        )}
      </div>

      {busy && (
        <p className="results-busy" role="status">
          {busy}
        </p>
      )}
      {problem && (
        <p className="status-refused" role="alert" data-testid="results-problem">
          {problem}
        </p>
      )}
      {!cohortId && <p className="muted">Create a cohort first (Cohorts).</p>}
      {cohortId && !results && !problem && <p className="muted">Loading the results…</p>}
      {results && columns.length === 0 && (
        <p className="muted">No assignment is set for {results.cohort.name} yet (Assignments).</p>
      )}
      {results && columns.length > 0 && (
        <div className="dashboard-scroll">
          <table className="dashboard" data-testid="dashboard" data-rows={shown.length}>
            <caption>
              {results.cohort.name}: {shown.length} of {rows.length} trainees by assignment and scenario
            </caption>
            <thead>
              <tr>
                <th scope="col" aria-sort={ariaSort('trainee')}>
                  <button type="button" className="sort" data-testid="sort-trainee" onClick={() => sortBy('trainee')}>
                    Trainee {view.sort === 'trainee' ? (view.direction === 'ascending' ? '▲' : '▼') : ''}
                  </button>
                </th>
                <th scope="col" aria-sort={ariaSort('score')}>
                  <button type="button" className="sort" data-testid="sort-score" onClick={() => sortBy('score')}>
                    Mean best {view.sort === 'score' ? (view.direction === 'ascending' ? '▲' : '▼') : ''}
                  </button>
                </th>
                {columns.map((c) => (
                  <th scope="col" key={c.key}>
                    {c.assignment.title}
                    <br />
                    <span className="muted">
                      {c.scenarioTitle} · {c.assignment.mode}
                      {c.assignment.released ? '' : ' · not released'}
                    </span>
                    {/* One archive per assignment: under its first scenario's column. */}
                    {c.scenarioId === c.assignment.scenarios[0]?.scenarioId && (
                      <>
                        <br />
                        <a
                          href={assignmentArchiveUrl(c.assignment.id)}
                          download
                          data-testid="results-archive"
                          aria-label={`Archive of every attempt file of ${c.assignment.title} (zip)`}
                        >
                          Archive (zip)
                        </a>
                      </>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.trainee.id} data-testid="dashboard-row" data-trainee={r.trainee.username}>
                  <th scope="row">
                    {r.trainee.displayName}
                    <br />
                    <span className="muted">{r.trainee.username}</span>
                  </th>
                  <td className="num" data-testid="mean-best">
                    {r.meanBest === null ? '—' : Math.round(r.meanBest)}
                  </td>
                  {r.cells.map((cell, i) => {
                    const col = columns[i] as DashboardColumn;
                    return <td key={col.key}>{cellContent(cell, r.trainee, col)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="muted">No trainee matches these filters.</p>}
        </div>
      )}
      {results && <ProgressPanel results={results} />}
    </section>
  );
}
