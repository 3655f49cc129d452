import { useEffect, useId, useState } from 'react';
import type { Scenario } from '../../levels/scenarioSchema';
import { instructorApi } from '../labClient/instructorApi';
import type { Assignment, CohortMember, CohortSummary } from '../labClient/instructorApiTypes';
import { type AssignmentDraft, assignmentBody, defaultPassMark, emptyDraft, MAX_SCENARIOS } from './assignmentForm';

interface Props {
  /** The app's published scenarios (levels/), the ones the lab server accepts. */
  readonly scenarios: readonly Scenario[];
  readonly cohorts: readonly CohortSummary[];
  readonly onCreated: (assignment: Assignment) => Promise<void>;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The form for `POST /api/assignments`: title, scenarios, practice or exam, due date, attempts
 * allowed, pass mark (each scenario's own unless typed), fixed or fresh seed, and a cohort or one
 * trainee as target. Checked before sending (assignmentForm.ts); the server's refusal is shown in its words.
 */
export function AssignmentForm({ scenarios, cohorts, onCreated }: Props) {
  const [draft, setDraft] = useState<AssignmentDraft>(emptyDraft);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [trainees, setTrainees] = useState<readonly (CohortMember & { cohort: string })[] | null>(null);
  const id = useId();
  const set = (patch: Partial<AssignmentDraft>) => setDraft((d) => ({ ...d, ...patch }));

  // A cohort is the usual target: the first one is chosen until the instructor picks.
  useEffect(() => {
    const first = cohorts[0];
    if (draft.targetKind === 'cohort' && draft.targetId === '' && first)
      setDraft((d) => ({ ...d, targetId: first.id }));
  }, [cohorts, draft.targetKind, draft.targetId]);

  // One trainee as target: the trainees of every cohort of the instructor.
  useEffect(() => {
    if (draft.targetKind !== 'trainee' || trainees !== null) return;
    let live = true;
    (async () => {
      const api = await instructorApi();
      const all = await Promise.all(cohorts.map((c) => api.getCohort(c.id)));
      const seen = new Map<string, CohortMember & { cohort: string }>();
      for (const c of all)
        for (const m of c.members)
          if ((m.role ?? 'trainee') === 'trainee' && !seen.has(m.id)) seen.set(m.id, { ...m, cohort: c.name });
      if (live) setTrainees([...seen.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)));
    })().catch((err) => live && setProblems([`The trainees cannot be listed: ${errorText(err)}`]));
    return () => {
      live = false;
    };
  }, [draft.targetKind, trainees, cohorts]);

  const chosen = scenarios.filter((s) => draft.scenarioIds.includes(s.id));
  const ownMark = defaultPassMark(chosen.map((s) => s.scoring.passScore));

  const submit = async () => {
    const checked = assignmentBody(draft);
    if ('problems' in checked) {
      setProblems(checked.problems);
      return;
    }
    setBusy(true);
    setProblems([]);
    try {
      const created = await (await instructorApi()).createAssignment(checked.body);
      setDraft({ ...emptyDraft(), targetKind: draft.targetKind, targetId: draft.targetId });
      await onCreated(created);
    } catch (err) {
      setProblems([`The assignment was not created: ${errorText(err)}`]);
    } finally {
      setBusy(false);
    }
  };

  const toggleScenario = (scenarioId: string, on: boolean) =>
    set({
      scenarioIds: on
        ? [...draft.scenarioIds, scenarioId].slice(0, MAX_SCENARIOS)
        : draft.scenarioIds.filter((x) => x !== scenarioId),
    });

  return (
    <section className="instructor-section" aria-labelledby={`${id}-title`} data-testid="assignment-form">
      <h2 id={`${id}-title`}>Set an assignment</h2>
      <form
        className="assignment-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-title-input`}>Title</label>
          <input
            id={`${id}-title-input`}
            data-testid="assignment-title"
            type="text"
            maxLength={200}
            value={draft.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </div>

        <fieldset className="field scenarios-field" data-testid="assignment-scenarios">
          <legend>Scenarios (up to {MAX_SCENARIOS})</legend>
          {scenarios.map((s) => (
            <label key={s.id} className="check">
              <input
                type="checkbox"
                value={s.id}
                data-testid={`assignment-scenario-${s.id}`}
                checked={draft.scenarioIds.includes(s.id)}
                onChange={(e) => toggleScenario(s.id, e.target.checked)}
              />
              {s.title} <span className="muted">(pass mark {s.scoring.passScore})</span>
            </label>
          ))}
        </fieldset>

        <fieldset className="field">
          <legend>Mode</legend>
          {(['practice', 'exam'] as const).map((m) => (
            <label key={m} className="check">
              <input
                type="radio"
                name={`${id}-mode`}
                value={m}
                data-testid={`assignment-mode-${m}`}
                checked={draft.mode === m}
                onChange={() => set({ mode: m, releaseScores: m === 'exam' ? 'manually' : 'immediately' })}
              />
              {m === 'practice' ? 'Practice' : 'Exam'}
            </label>
          ))}
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-due`}>Due (optional)</label>
          <input
            id={`${id}-due`}
            data-testid="assignment-due"
            type="datetime-local"
            value={draft.due}
            onChange={(e) => set({ due: e.target.value })}
          />
        </div>

        <div className="field">
          <label htmlFor={`${id}-attempts`}>Attempts allowed</label>
          <input
            id={`${id}-attempts`}
            data-testid="assignment-attempts"
            type="number"
            min={1}
            max={50}
            placeholder={draft.mode === 'exam' ? 'required for an exam' : 'unlimited'}
            value={draft.attemptsAllowed}
            onChange={(e) => set({ attemptsAllowed: e.target.value })}
          />
        </div>

        <div className="field">
          <label htmlFor={`${id}-pass`}>Pass mark</label>
          <input
            id={`${id}-pass`}
            data-testid="assignment-pass-mark"
            type="number"
            min={0}
            max={100}
            placeholder={ownMark !== null ? String(ownMark) : "each scenario's own"}
            aria-describedby={`${id}-pass-note`}
            value={draft.passMark}
            onChange={(e) => set({ passMark: e.target.value })}
          />
          <small id={`${id}-pass-note`} className="muted">
            {ownMark !== null
              ? `Empty: the scenario's own pass mark, ${ownMark}.`
              : "Empty: each scenario's own pass mark."}
          </small>
        </div>

        <fieldset className="field">
          <legend>Patient (seed)</legend>
          <label className="check">
            <input
              type="radio"
              name={`${id}-seed-policy`}
              data-testid="assignment-seed-fixed"
              checked={draft.seedPolicy === 'fixed'}
              onChange={() => set({ seedPolicy: 'fixed' })}
            />
            The same patient for everyone (fixed seed)
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${id}-seed-policy`}
              data-testid="assignment-seed-fresh"
              checked={draft.seedPolicy === 'fresh'}
              onChange={() => set({ seedPolicy: 'fresh', seed: '' })}
            />
            A fresh patient each attempt
          </label>
          {draft.seedPolicy === 'fixed' && (
            <label className="sub-field">
              <span>Seed (empty: the server draws one)</span>
              <input
                type="number"
                data-testid="assignment-seed"
                min={0}
                value={draft.seed}
                onChange={(e) => set({ seed: e.target.value })}
              />
            </label>
          )}
        </fieldset>

        <fieldset className="field">
          <legend>Assign to</legend>
          <label className="check">
            <input
              type="radio"
              name={`${id}-target`}
              checked={draft.targetKind === 'cohort'}
              onChange={() => set({ targetKind: 'cohort', targetId: cohorts[0]?.id ?? '' })}
            />
            A cohort
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${id}-target`}
              data-testid="assignment-target-trainee"
              checked={draft.targetKind === 'trainee'}
              onChange={() => set({ targetKind: 'trainee', targetId: '' })}
            />
            One trainee
          </label>
          <label className="sub-field">
            <span>{draft.targetKind === 'cohort' ? 'Cohort' : 'Trainee'}</span>
            <select
              data-testid="assignment-target"
              value={draft.targetId}
              onChange={(e) => set({ targetId: e.target.value })}
            >
              <option value="">Choose…</option>
              {draft.targetKind === 'cohort'
                ? cohorts.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))
                : (trainees ?? []).map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.displayName} ({t.cohort})
                    </option>
                  ))}
            </select>
          </label>
        </fieldset>

        <fieldset className="field">
          <legend>Scores for trainees</legend>
          {(['immediately', 'manually'] as const).map((r) => (
            <label key={r} className="check">
              <input
                type="radio"
                name={`${id}-release`}
                checked={draft.releaseScores === r}
                // An exam's scores wait for the instructor: the lab server refuses "immediately" for one.
                disabled={draft.mode === 'exam' && r === 'immediately'}
                onChange={() => set({ releaseScores: r })}
              />
              {r === 'immediately' ? 'Shown as soon as scored' : 'Shown when I release them'}
            </label>
          ))}
        </fieldset>

        {problems.length > 0 && (
          <ul className="status-refused form-problems" role="alert" data-testid="assignment-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <button type="submit" className="primary" data-testid="create-assignment" disabled={busy}>
          {busy ? 'Setting…' : 'Set assignment'}
        </button>
      </form>
    </section>
  );
}
