import { parseScenario, type Scenario, scenarioVersion } from '../../levels/scenarioSchema';
import { scenarioHash } from '../../sim/attempt/index';
import type { StartedAttempt } from './assignmentsApiTypes';

/**
 * The scenario a start answered with (one an instructor stored on the lab server: the app ships no
 * copy), checked as any scenario file is (upgraded, then the schema) and against the reservation:
 * the id, version and content hash the assignment pinned. Null when the answer carries none.
 * Throws, naming what is wrong, for one that does not match: an attempt on it would be refused.
 */
export function startedScenario(started: StartedAttempt): Scenario | null {
  if (started.scenario === undefined) return null;
  const scenario = parseScenario(started.scenario, `the lab server's scenario ${started.scenarioId}`);
  if (
    scenario.id !== started.scenarioId ||
    scenarioVersion(scenario) !== started.scenarioVersion ||
    scenarioHash(scenario) !== started.scenarioHash
  )
    throw new Error(
      `the lab server sent ${scenario.id} v${scenarioVersion(scenario)}, not the ${started.scenarioId} v${started.scenarioVersion} it reserved`,
    );
  return scenario;
}
