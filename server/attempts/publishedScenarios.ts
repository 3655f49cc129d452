import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';

const LEVELS_DIR = join(import.meta.dirname, '..', '..', 'levels');

/** The scenarios this app publishes (levels/*.json): an upload must be on one of them, at its version. */
export function loadPublishedScenarios(dir = LEVELS_DIR): Scenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseScenario(JSON.parse(readFileSync(join(dir, f), 'utf8')), f));
}
