import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { Queryable } from '../db/db';

/** One stored version of an instructor's scenario (server/db/migrations/006_lab_scenarios.sql). */
export interface LabScenarioRow {
  readonly id: string;
  readonly version: number;
  readonly owner_id: string | null;
  readonly owner_name: string | null;
  readonly status: 'draft' | 'published';
  readonly title: string;
  readonly scenario_json: string;
  readonly scenario_hash: string;
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly published_at: Date | null;
}

/** What the API answers for a stored version: everything but the scenario itself (GET of the version has it). */
export interface LabScenarioSummary {
  readonly id: string;
  readonly version: number;
  readonly status: 'draft' | 'published';
  readonly title: string;
  readonly owner: { readonly id: string; readonly displayName: string } | null;
  readonly scenarioHash: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt: string | null;
}

export const LAB_SCENARIO_COLUMNS = `s.id, s.version, s.owner_id, u.display_name AS owner_name, s.status, s.title,
  s.scenario_json, s.scenario_hash, s.created_at, s.updated_at, s.published_at`;
export const LAB_SCENARIO_FROM = 'lab_scenarios s LEFT JOIN users u ON u.id = s.owner_id';

export function labScenarioSummary(r: LabScenarioRow): LabScenarioSummary {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    title: r.title,
    owner: r.owner_id ? { id: r.owner_id, displayName: r.owner_name ?? '' } : null,
    scenarioHash: r.scenario_hash,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  };
}

/**
 * The stored scenario of a row, validated again as it is read (the scenario format may have moved
 * on since it was stored: the migrations upgrade it like any older file).
 */
export function labScenarioOf(r: LabScenarioRow): Scenario {
  return parseScenario(JSON.parse(r.scenario_json), `lab scenario ${r.id} v${r.version}`);
}

/** One stored version, or null; `forUpdate` locks the row for the caller's transaction. */
export async function labScenarioRow(
  q: Queryable,
  id: string,
  version: number,
  o: { forUpdate?: boolean } = {},
): Promise<LabScenarioRow | null> {
  const rows = await q.query<LabScenarioRow>(
    `SELECT ${LAB_SCENARIO_COLUMNS} FROM ${LAB_SCENARIO_FROM} WHERE s.id = $1 AND s.version = $2${o.forUpdate ? ' FOR UPDATE OF s' : ''}`,
    [id, version],
  );
  return rows[0] ?? null;
}

/** The published version `version` of a stored scenario, or (no version) its newest published one; null if none. */
export async function publishedLabScenario(q: Queryable, id: string, version?: number): Promise<Scenario | null> {
  const rows = await q.query<LabScenarioRow>(
    `SELECT ${LAB_SCENARIO_COLUMNS} FROM ${LAB_SCENARIO_FROM}
     WHERE s.id = $1 AND s.status = 'published' AND ($2::integer IS NULL OR s.version = $2)
     ORDER BY s.version DESC LIMIT 1`,
    [id, version ?? null],
  );
  return rows[0] ? labScenarioOf(rows[0]) : null;
}
