import type { OwnScenarioRecord } from '../scenarios/ownScenarioDb';
import { ownScenarioKey } from '../scenarios/ownScenarioDb';
import { setAt } from './scenarioDraft';
import { validateScenario, errorLines } from './fieldErrors';

/**
 * Drafts and published versions of own scenarios. A published version is frozen: an attempt names
 * the exact case it was played on (id and version), so changing a published case means publishing
 * the next version. Pure: the editor screen stores what these return.
 */

/** The highest version of `id` among the records (0 when there is none). */
export function latestVersion(records: readonly OwnScenarioRecord[], id: string): number {
  return records.filter((r) => r.id === id).reduce((max, r) => Math.max(max, r.version), 0);
}

/** A draft record of `scenario` at the version it must have: its own if it is a draft already, else the next one. */
export function draftRecord(
  records: readonly OwnScenarioRecord[],
  scenario: unknown,
  nowMs: number,
): OwnScenarioRecord {
  const id = String((scenario as { id?: unknown } | null)?.id ?? '');
  const existingDraft = records.find((r) => r.id === id && r.status === 'draft');
  const version = existingDraft ? existingDraft.version : latestVersion(records, id) + 1;
  return {
    key: ownScenarioKey(id, version),
    id,
    version,
    status: 'draft',
    scenario: setAt(scenario, ['version'], version),
    updatedAt: nowMs,
  };
}

/** Editing a published version: a new draft, copied from it, at the next version of its id. */
export function editPublished(
  records: readonly OwnScenarioRecord[],
  published: OwnScenarioRecord,
  nowMs: number,
): OwnScenarioRecord {
  const version = latestVersion(records, published.id) + 1;
  return {
    key: ownScenarioKey(published.id, version),
    id: published.id,
    version,
    status: 'draft',
    scenario: setAt(published.scenario, ['version'], version),
    updatedAt: nowMs,
  };
}

export type PublishResult =
  | { readonly ok: true; readonly record: OwnScenarioRecord }
  | { readonly ok: false; readonly reason: string };

/** Publish a draft as its version: only a valid draft, and never over a version already published. */
export function publishDraft(
  records: readonly OwnScenarioRecord[],
  draft: OwnScenarioRecord,
  nowMs: number,
): PublishResult {
  if (draft.status !== 'draft') return { ok: false, reason: `${draft.id} v${draft.version} is published already` };
  const taken = records.find((r) => r.key === draft.key && r.status === 'published');
  if (taken) return { ok: false, reason: `${draft.id} v${draft.version} is published already` };
  const checked = validateScenario(draft.scenario);
  if (!checked.ok) return { ok: false, reason: `the scenario is not valid: ${errorLines(checked.errors).join('; ')}` };
  if (checked.scenario.id !== draft.id)
    return { ok: false, reason: `the id was changed to "${checked.scenario.id}": save the draft first` };
  return {
    ok: true,
    record: {
      ...draft,
      status: 'published',
      scenario: { ...checked.scenario, version: draft.version },
      updatedAt: nowMs,
    },
  };
}
