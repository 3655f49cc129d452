import type { Queryable } from '../db/db';
import { HttpError } from '../http/httpError';
import type { User } from '../users/user';
import { visibleAssignments } from '../assignments/assignmentAccess';
import { labScenarioRow, type LabScenarioRow } from './labScenarioRows';
import { MAX_ID_LENGTH, SLUG_PATTERN } from '../../sim/core/index';

/** The highest version number a scenario may carry (levels/scenarioSchema.ts). */
const MAX_VERSION = 1_000_000;

/** A scenario id and version from a URL, or a 404 (no stored scenario can have another). */
export function labScenarioParams(rawId: string, rawVersion: string): { id: string; version: number } {
  const version = /^[1-9][0-9]{0,6}$/.test(rawVersion) ? Number(rawVersion) : Number.NaN;
  if (rawId.length > MAX_ID_LENGTH || !SLUG_PATTERN.test(rawId) || !(version <= MAX_VERSION))
    throw new HttpError(
      404,
      'unknown-scenario',
      `There is no scenario "${rawId.slice(0, 64)}" v${rawVersion.slice(0, 12)} on this lab.`,
    );
  return { id: rawId, version };
}

/** Whether the user may change this stored scenario: its owner, or an admin. */
export function mayEditLabScenario(user: User, ownerId: string | null): boolean {
  return user.role === 'admin' || (user.role === 'instructor' && ownerId === user.id);
}

/**
 * A stored version this user may read: an admin any; an instructor their own (drafts too) and every
 * published one (a colleague's published case may be assigned); a trainee a published version that
 * an assignment set for them names. 404 unknown, 403 otherwise.
 */
export async function readableLabScenario(
  q: Queryable,
  user: User,
  id: string,
  version: number,
): Promise<LabScenarioRow> {
  const row = await labScenarioRow(q, id, version);
  if (!row) throw new HttpError(404, 'unknown-scenario', `There is no scenario "${id}" v${version} on this lab.`);
  if (user.role === 'admin' || mayEditLabScenario(user, row.owner_id)) return row;
  if (row.status === 'published' && user.role === 'instructor') return row;
  if (row.status === 'published' && user.role === 'trainee') {
    const assigned = await q.query(
      `SELECT 1 FROM assignment_scenarios a JOIN assignments g ON g.id = a.assignment_id
       WHERE ${visibleAssignments(user)} AND a.scenario_id = $2 AND a.scenario_version = $3 LIMIT 1`,
      [user.id, id, version],
    );
    if (assigned.length > 0) return row;
  }
  throw new HttpError(
    403,
    'not-your-scenario',
    user.role === 'trainee'
      ? 'This scenario is not in an assignment set for you.'
      : "This is another instructor's draft: only its owner and an admin may open it.",
  );
}
