import { type Scenario, scenarioVersion } from '../../levels/scenarioSchema';
import type { AttemptFile } from './types';
import { AttemptError } from './attemptFile';
import { scenarioHash } from './scenarioHash';

/**
 * Where the scenario of an attempt comes from, as the caller knows it:
 *
 * - `published`: one of the app's own scenarios (levels/*.json). The embedded copy must be exactly
 *   the published scenario of its id and version, so no one can edit the case (its pass score, its
 *   patient) and recompute the hash.
 * - `draft`: an instructor's own scenario that the app does not publish (an editor draft, a case the
 *   lab server issued itself). It is not compared with anything: only the caller can vouch for it,
 *   so a caller passes `draft` only for a scenario it holds itself, never because a file says so.
 */
export type ScenarioStatus = 'published' | 'draft';

/** The paths where two JSON values differ, with both values (at most `max`). */
function differences(published: unknown, embedded: unknown, path: string, out: string[], max: number): void {
  if (out.length >= max) return;
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (isObject(published) && isObject(embedded) && Array.isArray(published) === Array.isArray(embedded)) {
    const keys = [...new Set([...Object.keys(published), ...Object.keys(embedded)])].sort();
    for (const key of keys) differences(published[key], embedded[key], path ? `${path}.${key}` : key, out, max);
    return;
  }
  if (JSON.stringify(published) !== JSON.stringify(embedded)) {
    const show = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v).slice(0, 60));
    out.push(`${path || '(scenario)'} (published ${show(published)}, in the file ${show(embedded)})`);
  }
}

/**
 * Check an attempt's embedded scenario against the published scenario of its id and version
 * (compared by canonical hash). Throws an AttemptError naming the scenario id, its version and the
 * fields that differ; does nothing for a `draft` scenario (see ScenarioStatus).
 */
export function checkPublishedScenario(
  file: Pick<AttemptFile, 'scenario'>,
  published: readonly Scenario[],
  status: ScenarioStatus = 'published',
): void {
  if (status === 'draft') return;
  const embedded = file.scenario;
  const version = scenarioVersion(embedded);
  const match = published.find((s) => s.id === embedded.id);
  if (!match) {
    throw new AttemptError(
      `The attempt's scenario "${embedded.id}" v${version} is not one this app publishes, so it cannot be checked (an instructor's own draft must be opened as a draft).`,
    );
  }
  if (scenarioVersion(match) !== version) {
    throw new AttemptError(
      `The attempt was made on scenario ${embedded.id} v${version}, but this app publishes ${match.id} v${scenarioVersion(match)}: the attempt cannot be checked against it.`,
    );
  }
  if (scenarioHash(match) === scenarioHash(embedded)) return;
  const diffs: string[] = [];
  // The teaching block is not part of the case as played (scenarioHash.ts), so it is no difference.
  const { teaching: _p, ...publishedCase } = match;
  const { teaching: _e, ...embeddedCase } = embedded;
  differences(publishedCase, embeddedCase, '', diffs, 5);
  throw new AttemptError(
    `The embedded scenario differs from the published scenario ${match.id} v${version}: ${diffs.join('; ')}.`,
  );
}
