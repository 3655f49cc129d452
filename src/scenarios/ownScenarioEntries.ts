import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { listOwnScenarios, type OwnScenarioRecord } from './ownScenarioDb';
import type { ScenarioEntry } from './scenarioEntry';

/** The plan names the app ships (the expert plan an own scenario names must be one of them). */
function shippedPlans(): Set<string> {
  return new Set(
    Object.keys(import.meta.glob('../../levels/plans/*.json')).map((p) => p.slice(p.lastIndexOf('/') + 1, -5)),
  );
}

/**
 * The menu entries of published own scenarios, newest version of each id only, ordered by id.
 * What the database holds is validated again (another tab, an older app or a hand edit may have
 * written it): an invalid one becomes an entry carrying the message, as a bad levels/ file does.
 */
export function ownPublishedEntries(records: readonly OwnScenarioRecord[], plans = shippedPlans()): ScenarioEntry[] {
  const newest = new Map<string, OwnScenarioRecord>();
  for (const r of records) {
    if (r.status !== 'published') continue;
    const seen = newest.get(r.id);
    if (!seen || seen.version < r.version) newest.set(r.id, r);
  }
  return [...newest.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r): ScenarioEntry => {
      const file = `own:${r.key}`;
      try {
        const scenario = parseScenario(r.scenario, `own scenario ${r.key}`);
        const plan = scenario.scoring.expertPlan;
        if (plan && !plans.has(plan))
          return { ok: false, file, error: `scoring.expertPlan names "${plan}", which is not in levels/plans/` };
        return { ok: true, file, scenario, own: true };
      } catch (err) {
        return { ok: false, file, error: err instanceof Error ? err.message : String(err) };
      }
    });
}

/** How long the menu waits for the own scenarios before it lists the shipped ones without them. */
export const OWN_SCENARIOS_WAIT_MS = 3000;

/**
 * Published own scenarios from the browser's database; none when it cannot be opened (private mode)
 * or does not answer in time (an open blocked by another tab): the shipped list never waits on it.
 */
export async function loadOwnScenarios(waitMs = OWN_SCENARIOS_WAIT_MS): Promise<ScenarioEntry[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<ScenarioEntry[]>((resolve) => {
    timer = setTimeout(() => resolve([]), waitMs);
  });
  try {
    return await Promise.race([listOwnScenarios().then((records) => ownPublishedEntries(records)), late]);
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Every published version of this browser's own scenarios (not only the newest: an attempt names the
 * version it was played on). None when the database cannot be opened (private mode, Node).
 */
export async function ownPublishedScenarios(): Promise<Scenario[]> {
  try {
    const records = await listOwnScenarios();
    return records.flatMap((r) => {
      if (r.status !== 'published') return [];
      try {
        return [parseScenario(r.scenario, `own scenario ${r.key}`)];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}
