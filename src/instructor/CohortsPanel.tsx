import { useEffect, useState } from 'react';
import { instructorApi } from '../labClient/instructorApi';
import type { CohortDetail, CohortSummary } from '../labClient/instructorApiTypes';

interface Props {
  readonly cohorts: readonly CohortSummary[] | null;
  readonly selected: string | null;
  readonly onSelect: (cohortId: string) => void;
  readonly onCreated: (cohortId: string) => Promise<void>;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The instructor's cohorts (name, join code, members), a form to create one, and the chosen cohort's members. */
export function CohortsPanel({ cohorts, selected, onSelect, onCreated }: Props) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CohortSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [detail, setDetail] = useState<CohortDetail | null>(null);
  const [detailProblem, setDetailProblem] = useState<string | null>(null);

  useEffect(() => {
    setDetail(null);
    setDetailProblem(null);
    if (!selected) return;
    let live = true;
    instructorApi()
      .then((api) => api.getCohort(selected))
      .then((d) => live && setDetail(d))
      .catch((err) => live && setDetailProblem(`The cohort's members cannot be read: ${errorText(err)}`));
    return () => {
      live = false;
    };
  }, [selected]);

  const create = async () => {
    const trimmed = name.trim();
    if (trimmed === '' || busy) {
      if (trimmed === '') setProblem('Give the cohort a name.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const cohort = await (await instructorApi()).createCohort(trimmed);
      setCreated(cohort);
      setName('');
      await onCreated(cohort.id);
    } catch (err) {
      setProblem(`The cohort was not created: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="instructor-section" aria-labelledby="cohorts-title" data-testid="cohorts">
      <h2 id="cohorts-title">Cohorts</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label htmlFor="new-cohort-name">New cohort name</label>
        <input
          id="new-cohort-name"
          data-testid="new-cohort-name"
          type="text"
          maxLength={200}
          value={name}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'new-cohort-problem' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="create-cohort" disabled={busy}>
          {busy ? 'Creating…' : 'Create cohort'}
        </button>
      </form>
      {problem && (
        <p className="status-refused" id="new-cohort-problem" role="alert">
          {problem}
        </p>
      )}
      {created && (
        <p className="status-ok" data-testid="created-cohort" role="status">
          Created “{created.name}”. Trainees join it with the code{' '}
          <strong className="join-code" data-testid="created-join-code">
            {created.joinCode}
          </strong>
          .
        </p>
      )}

      {cohorts === null ? (
        <p className="muted">Loading your cohorts…</p>
      ) : cohorts.length === 0 ? (
        <p className="muted">You have no cohort yet: create one above.</p>
      ) : (
        <table className="instructor-table" data-testid="cohort-list">
          <caption>Your cohorts; choose one to see its members</caption>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              <th scope="col">Join code</th>
              <th scope="col">Members</th>
            </tr>
          </thead>
          <tbody>
            {cohorts.map((c) => (
              <tr key={c.id} className={c.id === selected ? 'selected' : ''} data-testid="cohort-row">
                <th scope="row">
                  <button
                    type="button"
                    className="link"
                    aria-pressed={c.id === selected}
                    onClick={() => onSelect(c.id)}
                  >
                    {c.name}
                  </button>
                </th>
                <td className="join-code">{c.joinCode}</td>
                <td className="num">{c.memberCount ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {detailProblem && <p className="status-refused">{detailProblem}</p>}
      {detail && (
        <section aria-labelledby="members-title" data-testid="cohort-members">
          <h3 id="members-title">Members of {detail.name}</h3>
          {detail.members.length === 0 ? (
            <p className="muted">
              Nobody has joined yet. Trainees sign in on the menu with “Join a cohort” and the code{' '}
              <strong className="join-code">{detail.joinCode}</strong>.
            </p>
          ) : (
            <table className="instructor-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Username</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {detail.members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.displayName}</th>
                    <td>{m.username}</td>
                    <td>{m.role ?? 'trainee'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </section>
  );
}
