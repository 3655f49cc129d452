import { parseScenario } from '../../levels/scenarioSchema';
import { byCurriculum } from './curriculumOrder';

import type { ScenarioEntry } from './scenarioEntry';

export type { ScenarioEntry } from './scenarioEntry';

/**
 * Every levels/*.json, bundled at build time and validated with the schema (and its expert plan,
 * if it names one, must be in levels/plans/: the schema alone cannot see the plans). A malformed file
 * becomes an entry carrying the validation message, so the menu can show it instead of crashing.
 * Listed in the curriculum's order (curriculumOrder.ts).
 */
export function loadScenarios(): ScenarioEntry[] {
  const files = import.meta.glob<unknown>('../../levels/*.json', { eager: true, import: 'default' });
  // The plans are not loaded here, only their names: the debrief loads one when it asks for it.
  const plans = new Set(
    Object.keys(import.meta.glob('../../levels/plans/*.json')).map((p) => p.slice(p.lastIndexOf('/') + 1, -5)),
  );
  return Object.entries(files)
    .map(([path, data]): ScenarioEntry => {
      const file = path.slice(path.lastIndexOf('/') + 1);
      try {
        const scenario = parseScenario(data, file);
        const plan = scenario.scoring.expertPlan;
        if (plan && !plans.has(plan))
          return { ok: false, file, error: `scoring.expertPlan names "${plan}", which is not in levels/plans/` };
        return { ok: true, file, scenario };
      } catch (err) {
        return { ok: false, file, error: err instanceof Error ? err.message : String(err) };
      }
    })
    .sort(byCurriculum);
}
