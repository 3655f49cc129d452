import { type Scenario, scenarioVersion } from '../../levels/scenarioSchema';
import type { Queryable } from '../db/db';
import { publishedLabScenario } from './labScenarioRows';

/**
 * The scenarios a lab publishes: the app's own (levels/*.json, loaded at start) and the versions
 * its instructors published on this server (lab_scenarios). An id is one or the other: a stored
 * scenario may not take a shipped id (saveLabScenario.ts).
 */

/** The published scenario of `id`: shipped, else the stored version `version` (the newest when absent); null if none. */
export async function findPublishedScenario(
  q: Queryable,
  shipped: readonly Scenario[],
  id: string,
  version?: number,
): Promise<{ scenario: Scenario; source: 'shipped' | 'lab' } | null> {
  const own = shipped.find((s) => s.id === id);
  if (own)
    return version === undefined || scenarioVersion(own) === version ? { scenario: own, source: 'shipped' } : null;
  const stored = await publishedLabScenario(q, id, version);
  return stored ? { scenario: stored, source: 'lab' } : null;
}

/**
 * What an attempt on `id` v`version` is checked against (sim/attempt/publishedScenario.ts): the
 * shipped scenarios, with the stored published version of that id and version when there is one.
 */
export async function publishedFor(
  q: Queryable,
  shipped: readonly Scenario[],
  id: string,
  version: number,
): Promise<readonly Scenario[]> {
  if (shipped.some((s) => s.id === id)) return shipped;
  const stored = await publishedLabScenario(q, id, version);
  return stored ? [...shipped, stored] : shipped;
}
