import type { DBSchema } from 'idb';
import { openDbOnce } from '../record/openDbOnce';

/**
 * An instructor's own scenarios, kept in the browser: drafts being edited and published versions.
 * A database of its own (not a store in the record database): the record database's version and
 * migration steps stay as they are, and a tab holding one database open never blocks the upgrade
 * of the other.
 */

/** One version of an own scenario. A published version is frozen; editing it makes the next version's draft. */
export interface OwnScenarioRecord {
  /** `${id}@${version}`. */
  readonly key: string;
  readonly id: string;
  readonly version: number;
  readonly status: 'draft' | 'published';
  /** A draft may be invalid (it is being edited): validated again wherever it is read. */
  readonly scenario: unknown;
  readonly updatedAt: number;
}

interface OwnScenarioDbSchema extends DBSchema {
  scenarios: { key: string; value: OwnScenarioRecord };
}

export const OWN_SCENARIO_DB_NAME = 'kyphosim-scenarios';

/** The record key of one version of a scenario. */
export function ownScenarioKey(id: string, version: number): string {
  return `${id}@${version}`;
}

const ownScenarioDb = openDbOnce<OwnScenarioDbSchema>(OWN_SCENARIO_DB_NAME, 1, (db, oldVersion) => {
  if (oldVersion < 1) db.createObjectStore('scenarios', { keyPath: 'key' });
});

/** Every own scenario version, drafts and published. */
export async function listOwnScenarios(): Promise<OwnScenarioRecord[]> {
  return (await ownScenarioDb()).getAll('scenarios');
}

export async function putOwnScenario(record: OwnScenarioRecord): Promise<void> {
  await (await ownScenarioDb()).put('scenarios', record);
}

export async function deleteOwnScenario(key: string): Promise<void> {
  await (await ownScenarioDb()).delete('scenarios', key);
}
