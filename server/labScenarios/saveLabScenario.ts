import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseScenario, type Scenario, ScenarioError, scenarioVersion } from '../../levels/scenarioSchema';
import { canonicalJson, scenarioHash } from '../../sim/attempt/index';
import type { Db } from '../db/db';
import { HttpError } from '../http/httpError';
import { parseBody } from '../http/parseBody';
import type { User } from '../users/user';
import { mayEditLabScenario } from './labScenarioAccess';
import { labScenarioRow, labScenarioSummary, type LabScenarioSummary } from './labScenarioRows';

/**
 * The largest scenario the lab stores, as canonical JSON: the editor's bound on a scenario file
 * (src/editor/importScenarioFile.ts, 64 KB); a shipped scenario is about 3 KB.
 */
export const MAX_LAB_SCENARIO_BYTES = 64 * 1024;

/** The expert plans the app ships (levels/plans): the only ones a scenario's expert benchmark may name. */
const SHIPPED_PLANS = new Set(
  readdirSync(join(import.meta.dirname, '..', '..', 'levels', 'plans'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length)),
);

const saveBody = z.strictObject({ scenario: z.unknown() });

/** The body's scenario, validated as every loader does (upgraded, then the schema), or a 400 naming the fields. */
function validScenario(data: unknown, id: string, version: number): Scenario {
  const bytes = Buffer.byteLength(canonicalJson(data ?? null), 'utf8');
  if (bytes > MAX_LAB_SCENARIO_BYTES)
    throw new HttpError(
      413,
      'scenario-too-large',
      `The scenario is ${bytes} bytes: a scenario is at most ${MAX_LAB_SCENARIO_BYTES}.`,
    );
  let scenario: Scenario;
  try {
    scenario = parseScenario(data, `scenario ${id} v${version}`);
  } catch (e) {
    if (e instanceof ScenarioError) throw new HttpError(400, 'bad-scenario', e.message);
    throw e;
  }
  if (scenario.id !== id || scenarioVersion(scenario) !== version)
    throw new HttpError(
      400,
      'bad-scenario',
      `The scenario is ${scenario.id} v${scenarioVersion(scenario)}, but the address names ${id} v${version}.`,
    );
  const plan = scenario.scoring.expertPlan;
  if (plan !== undefined && !SHIPPED_PLANS.has(plan))
    throw new HttpError(
      400,
      'bad-scenario',
      `scoring.expertPlan: "${plan}" is not an expert plan this lab ships (levels/plans).`,
    );
  return scenario;
}

/**
 * PUT /api/scenarios/:id/versions/:version: store a draft of an instructor's scenario, or replace
 * their draft of that version. The id belongs to whoever first stored it (an admin may edit any);
 * a shipped scenario's id is refused, a published version is frozen, and a draft may not sit below
 * a version already published. Answers whether it was created, with the version's summary.
 */
export async function saveLabScenario(
  db: Db,
  user: User,
  id: string,
  version: number,
  rawBody: unknown,
  shipped: readonly Scenario[],
): Promise<{ created: boolean; summary: LabScenarioSummary }> {
  const scenario = validScenario(parseBody(saveBody, rawBody).scenario, id, version);
  if (shipped.some((s) => s.id === id))
    throw new HttpError(409, 'shipped-id', `"${id}" is the id of a scenario the app ships: choose another.`);
  return db.transaction(async (tx) => {
    // One save of an id at a time, its first one included (no row to lock yet): two instructors
    // storing a new id at once must not both become its owner.
    await tx.query('SELECT pg_advisory_xact_lock(7241002, hashtext($1))', [id]);
    const versions = await tx.query<{ version: number; owner_id: string | null; status: string }>(
      'SELECT version, owner_id, status FROM lab_scenarios WHERE id = $1 ORDER BY version FOR UPDATE',
      [id],
    );
    const owner = versions.length > 0 ? versions[0].owner_id : user.id;
    if (!mayEditLabScenario(user, owner))
      throw new HttpError(403, 'not-your-scenario', `The scenario id "${id}" belongs to another instructor.`);
    const same = versions.find((v) => v.version === version);
    if (same?.status === 'published')
      throw new HttpError(
        409,
        'scenario-published',
        `${id} v${version} is published and frozen: save the next version instead.`,
      );
    const newestPublished = Math.max(0, ...versions.filter((v) => v.status === 'published').map((v) => v.version));
    if (version <= newestPublished)
      throw new HttpError(
        409,
        'version-behind',
        `${id} v${newestPublished} is published already: a new draft is v${newestPublished + 1} or later.`,
      );
    const json = JSON.stringify(scenario);
    if (same)
      await tx.query(
        `UPDATE lab_scenarios SET title = $3, scenario_json = $4, scenario_hash = $5, updated_at = now()
         WHERE id = $1 AND version = $2`,
        [id, version, scenario.title, json, scenarioHash(scenario)],
      );
    else
      await tx.query(
        `INSERT INTO lab_scenarios (id, version, owner_id, status, title, scenario_json, scenario_hash)
         VALUES ($1, $2, $3, 'draft', $4, $5, $6)`,
        [id, version, owner, scenario.title, json, scenarioHash(scenario)],
      );
    const row = await labScenarioRow(tx, id, version);
    if (!row) throw new Error(`lab scenario ${id} v${version} was not stored`);
    return { created: !same, summary: labScenarioSummary(row) };
  });
}
