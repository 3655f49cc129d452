import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useKeyScope } from '../keyboard/useKeyScope';
import { labClient, useLab } from '../labClient/labSession';
import { scenarioHash } from '../../sim/attempt/index';
import { loadScenarios } from '../scenarios/loadScenarios';
import {
  deleteOwnScenario,
  listOwnScenarios,
  type OwnScenarioRecord,
  putOwnScenario,
} from '../scenarios/ownScenarioDb';
import { draftSources } from './draftSources';
import { errorLines, upgradedDraft, validateScenario } from './fieldErrors';
import { FormContext, type FormContextValue } from './FormFields';
import { exportScenarioText, importScenarioText, MAX_SCENARIO_FILE_BYTES } from './importScenarioFile';
import { planNames } from './planNames';
import { PreviewPanel } from './PreviewPanel';
import { ScenarioForm } from './ScenarioForm';
import { draftFromTemplate, freeId, setAt } from './scenarioDraft';
import { useLabPublished } from './useLabPublished';
import { usePreview } from './usePreview';
import { draftRecord, editPublished, publishDraft } from './versioning';
import './editor.css';

/** A seed as the engine takes it: a whole number 0..2^32-1. */
function parseSeedText(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,10}$/.test(t)) return null;
  const n = Number(t);
  return n <= 0xffff_ffff ? n : null;
}

/** What is open in the form: the draft's JSON and the record it was loaded from (null: not saved yet). */
interface Open {
  readonly draft: unknown;
  readonly from: OwnScenarioRecord | null;
}

/**
 * The instructor's scenario editor: make a scenario from a shipped one or an own one, edit it with
 * each schema error next to its field, see the patient's AP and lateral images, save drafts and
 * publish versions in this browser (src/scenarios/ownScenarioDb.ts), export and import files.
 */
export default function EditorScreen({ onMenu }: { readonly onMenu: () => void }) {
  const lab = useLab();
  const onLab = lab.mode === 'lab' && (lab.user?.role === 'instructor' || lab.user?.role === 'admin');
  const shipped = useMemo(() => loadScenarios().flatMap((e) => (e.ok ? [e.scenario] : [])), []);
  const plans = useMemo(planNames, []);
  const [records, setRecords] = useState<readonly OwnScenarioRecord[] | null>(null);
  const [dbError, setDbError] = useState<string | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const [template, setTemplate] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [importRefusal, setImportRefusal] = useState<{ message: string; lines: string[] } | null>(null);
  const [seedText, setSeedText] = useState('1');

  const reload = useCallback(async () => {
    try {
      setRecords(await listOwnScenarios());
    } catch (err) {
      setDbError(`This browser's scenario store cannot be opened: ${err instanceof Error ? err.message : String(err)}`);
      setRecords([]);
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  // Signed in as an instructor, the versions published on the lab server from other browsers can be copied too.
  const { published: labPublished, retry: retryLab } = useLabPublished(onLab ? (lab.user?.id ?? null) : null);
  const labScenarios = labPublished.status === 'listed' ? labPublished.scenarios : [];
  const own = records ?? [];
  const templates = draftSources(shipped, own, labScenarios);
  const labListed = templates.filter((t) => t.origin === 'lab').length;

  const validation = useMemo(() => (open ? validateScenario(open.draft) : null), [open]);
  const errors = validation && !validation.ok ? validation.errors : new Map<string, readonly string[]>();
  const seed = parseSeedText(seedText);
  const preview = usePreview(validation?.ok ? validation.scenario : null, seed);

  const set = useCallback((path: readonly (string | number)[], value: unknown) => {
    setOpen((o) => (o ? { ...o, draft: setAt(o.draft, path, value) } : o));
    setMessage(null);
  }, []);
  const form: FormContextValue | null = open ? { draft: open.draft, errors, set } : null;

  const create = () => {
    const t = templates.find((x) => x.key === template) ?? templates[0];
    if (!t) return;
    // A lab scenario's id is another instructor's there: a copy under it could not be published on the lab.
    const taken = new Set([...shipped.map((s) => s.id), ...own.map((r) => r.id), ...labScenarios.map((s) => s.id)]);
    const base = String((t.scenario as { id?: unknown }).id ?? 'scenario');
    setOpen({ draft: draftFromTemplate(upgradedDraft(t.scenario), freeId(base, taken)), from: null });
    setMessage(`A new draft from ${t.label}: not saved yet.`);
  };

  const invalidReason =
    validation && !validation.ok
      ? `not valid: ${errorLines(validation.errors).length} problem(s) marked at their fields`
      : null;
  const shippedClash =
    validation?.ok && shipped.some((s) => s.id === validation.scenario.id)
      ? `the id "${validation.scenario.id}" is a shipped scenario's: choose another`
      : null;
  const blocked = invalidReason ?? shippedClash;

  /** Store the open draft: its version is the draft's own, or the next one of its id. */
  const save = async (): Promise<OwnScenarioRecord | null> => {
    if (!open || blocked) return null;
    // A renamed draft leaves its old record.
    const others = open.from?.status === 'draft' ? own.filter((r) => r.key !== open.from?.key) : own;
    const record = draftRecord(others, open.draft, Date.now());
    await putOwnScenario(record);
    if (open.from?.status === 'draft' && open.from.key !== record.key) await deleteOwnScenario(open.from.key);
    setOpen({ draft: record.scenario, from: record });
    await reload();
    setMessage(`Saved draft ${record.id} v${record.version}.`);
    return record;
  };

  const publish = async () => {
    const saved = await save();
    if (!saved) return;
    const all = await listOwnScenarios();
    const result = publishDraft(all, saved, Date.now());
    if (!result.ok) {
      setMessage(`Not published: ${result.reason}.`);
      return;
    }
    await putOwnScenario(result.record);
    setOpen({ draft: result.record.scenario, from: result.record });
    await reload();
    const local = `Published ${result.record.id} v${result.record.version}: it is in the menu's list`;
    const checked = validateScenario(result.record.scenario);
    if (!onLab || !checked.ok) {
      setMessage(`${local}.`);
      return;
    }
    // Signed in to a lab server as an instructor: the version is stored and published there too, so it can be assigned.
    setMessage(`${local}; publishing it on the lab server…`);
    try {
      const { publishOnLab } = await import('../labClient/labScenariosApi');
      await publishOnLab(await labClient(), checked.scenario, scenarioHash(checked.scenario));
      setMessage(`${local}, and on the lab server, where it can be assigned.`);
    } catch (err) {
      setMessage(`${local}, but the lab server did not take it: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const exportOpen = () => {
    if (!validation?.ok) return;
    const blob = new Blob([exportScenarioText(validation.scenario)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${validation.scenario.id}-v${validation.scenario.version ?? 1}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const fileInput = useRef<HTMLInputElement>(null);
  const importFile = async (file: File) => {
    setImportRefusal(null);
    // The size is checked before the file is read: a huge file is never loaded.
    const text = file.size > MAX_SCENARIO_FILE_BYTES ? '' : await file.text();
    const result = importScenarioText(text, file.size, file.name);
    if (!result.ok) {
      setImportRefusal({ message: result.message, lines: result.errors ? errorLines(result.errors) : [] });
      return;
    }
    setOpen({ draft: result.scenario, from: null });
    setMessage(`Imported ${file.name} as a new draft: review it, then save.`);
  };

  const isPublished = open?.from?.status === 'published';
  useKeyScope('Editor', [
    {
      id: 'editor.menu',
      keys: ['Escape'],
      label: 'Back to the menu',
      onDown: onMenu,
      repeat: false,
      inForms: 'always',
    },
  ]);

  return (
    <main className="editor" data-testid="editor">
      <header className="editor-head">
        <h1>Scenario editor</h1>
        <button type="button" onClick={onMenu}>
          Back to the menu <kbd>Esc</kbd>
        </button>
      </header>
      {dbError && <p className="editor-error">{dbError}</p>}
      <p className="editor-message" role="status" data-testid="editor-message">
        {message}
      </p>

      <div className="editor-body">
        <aside className="editor-side">
          <h2>New scenario</h2>
          <label className="editor-field">
            From
            <select data-testid="editor-template" value={template} onChange={(e) => setTemplate(e.target.value)}>
              {templates.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" data-testid="editor-create" onClick={create}>
            Create a draft
          </button>
          {labPublished.status === 'loading' && (
            <p className="editor-note" data-testid="editor-lab-sources" data-status="loading">
              Asking the lab server for its published scenarios…
            </p>
          )}
          {labPublished.status === 'listed' && (
            <p className="editor-note" data-testid="editor-lab-sources" data-status="listed">
              {labListed === 0
                ? 'The lab server has no published scenario this browser does not hold already.'
                : `${labListed} published on the lab server from other browsers: "Lab: …" in the list above.`}
            </p>
          )}
          {labPublished.status === 'failed' && (
            <div className="editor-error" role="alert" data-testid="editor-lab-sources" data-status="failed">
              <p>The lab server's published scenarios are not listed: {labPublished.reason}</p>
              <button type="button" data-testid="editor-lab-retry" onClick={retryLab}>
                Ask again
              </button>
            </div>
          )}

          <h2 id="editor-import-heading">Import</h2>
          <input
            ref={fileInput}
            aria-labelledby="editor-import-heading"
            type="file"
            accept=".json,application/json"
            data-testid="editor-import"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
              e.target.value = '';
            }}
          />
          {importRefusal && (
            <div className="editor-error" role="alert" data-testid="import-error">
              <p>Not imported: {importRefusal.message}.</p>
              {importRefusal.lines.length > 0 && (
                <ul>
                  {importRefusal.lines.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              )}
            </div>
          )}

          <h2>Your scenarios</h2>
          {records === null && <p>Loading…</p>}
          {records !== null && own.length === 0 && <p className="editor-note">None yet.</p>}
          <ul className="editor-own" data-testid="editor-own">
            {[...own]
              .sort((a, b) => a.id.localeCompare(b.id) || b.version - a.version)
              .map((r) => (
                <li key={r.key} data-status={r.status}>
                  <span>
                    {r.id} v{r.version} · {r.status}
                  </span>
                  <button
                    type="button"
                    onClick={() => {
                      setOpen({ draft: upgradedDraft(r.scenario), from: r });
                      setMessage(
                        r.status === 'published'
                          ? `${r.id} v${r.version} is published and frozen: "Edit as a new version" makes the next draft.`
                          : null,
                      );
                    }}
                  >
                    Open
                  </button>
                  {r.status === 'draft' && (
                    <button
                      type="button"
                      onClick={() =>
                        void deleteOwnScenario(r.key).then(() => {
                          if (open?.from?.key === r.key) setOpen(null);
                          setMessage(`Deleted draft ${r.id} v${r.version}.`);
                          return reload();
                        })
                      }
                    >
                      Delete
                    </button>
                  )}
                </li>
              ))}
          </ul>
        </aside>

        {open && form ? (
          <FormContext.Provider value={form}>
            <section className="editor-main">
              <div className="editor-actions">
                {isPublished && open.from ? (
                  <button
                    type="button"
                    data-testid="editor-new-version"
                    onClick={() => {
                      if (!open.from) return;
                      const next = editPublished(own, open.from, Date.now());
                      setOpen({ draft: upgradedDraft(next.scenario), from: null });
                      setMessage(`A draft of ${next.id} v${next.version}: not saved yet.`);
                    }}
                  >
                    Edit as a new version
                  </button>
                ) : (
                  <>
                    <button
                      type="button"
                      data-testid="editor-save"
                      disabled={blocked !== null}
                      title={blocked ?? undefined}
                      onClick={() => void save()}
                    >
                      Save draft
                    </button>
                    <button
                      type="button"
                      className="primary"
                      data-testid="editor-publish"
                      disabled={blocked !== null}
                      title={blocked ?? undefined}
                      onClick={() => void publish()}
                    >
                      Publish
                    </button>
                  </>
                )}
                <button
                  type="button"
                  data-testid="editor-export"
                  disabled={!validation?.ok}
                  title={invalidReason ?? undefined}
                  onClick={exportOpen}
                >
                  Export .json
                </button>
              </div>
              {blocked && !isPublished && (
                <p className="editor-error" data-testid="editor-blocked">
                  Cannot save or publish: {blocked}.
                </p>
              )}
              {validation && !validation.ok && (
                <details className="editor-summary" open>
                  <summary>Problems</summary>
                  <ul data-testid="editor-problems">
                    {errorLines(validation.errors).map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                  </ul>
                </details>
              )}
              <fieldset disabled={isPublished} className="editor-frozen">
                <ScenarioForm plans={plans} />
              </fieldset>
            </section>
            <PreviewPanel
              preview={preview}
              seedText={seedText}
              seedError={seed === null ? 'a seed is a whole number from 0 to 4294967295' : null}
              onSeedText={setSeedText}
              invalid={!validation?.ok}
            />
          </FormContext.Provider>
        ) : (
          <section className="editor-main">
            <p className="editor-note">Create a draft from a template, import a file, or open one of your scenarios.</p>
          </section>
        )}
      </div>
    </main>
  );
}
