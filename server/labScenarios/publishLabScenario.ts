import type { Db } from '../db/db';
import { HttpError } from '../http/httpError';
import type { User } from '../users/user';
import { mayEditLabScenario } from './labScenarioAccess';
import { labScenarioOf, labScenarioRow, labScenarioSummary, type LabScenarioSummary } from './labScenarioRows';

/**
 * POST /api/scenarios/:id/versions/:version/publish: freeze a draft as its version, so assignments
 * may name it and trainees' attempts on it are checked and scored against it. Its owner or an
 * admin; 409 if published already. The stored scenario is validated again first.
 */
export async function publishLabScenario(db: Db, user: User, id: string, version: number): Promise<LabScenarioSummary> {
  return db.transaction(async (tx) => {
    const row = await labScenarioRow(tx, id, version, { forUpdate: true });
    if (!row) throw new HttpError(404, 'unknown-scenario', `There is no scenario "${id}" v${version} on this lab.`);
    if (!mayEditLabScenario(user, row.owner_id))
      throw new HttpError(403, 'not-your-scenario', `The scenario "${id}" belongs to another instructor.`);
    if (row.status === 'published')
      throw new HttpError(409, 'scenario-published', `${id} v${version} is published already.`);
    labScenarioOf(row);
    await tx.query(
      `UPDATE lab_scenarios SET status = 'published', published_at = now(), updated_at = now()
       WHERE id = $1 AND version = $2`,
      [id, version],
    );
    const published = await labScenarioRow(tx, id, version);
    if (!published) throw new Error(`lab scenario ${id} v${version} vanished`);
    return labScenarioSummary(published);
  });
}
