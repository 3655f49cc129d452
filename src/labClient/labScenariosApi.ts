import { z } from 'zod';
import { parseScenario, type Scenario, scenarioVersion } from '../../levels/scenarioSchema';
import type { LabClient } from './labApi';
import { LabApiError } from './labApiError';

const text = (max: number) => z.string().max(max);

/** A stored scenario version as the lab server sums it up (server/README.md, scenarios stored on the lab). */
export const labScenarioSummarySchema = z.object({
  id: text(100).min(1),
  version: z.number().int().min(1).max(1_000_000),
  status: z.enum(['draft', 'published']),
  title: text(300),
  scenarioHash: text(200),
});
export type LabScenarioSummary = z.infer<typeof labScenarioSummarySchema>;

const path = (id: string, version: number, ...rest: string[]) =>
  ['/scenarios', encodeURIComponent(id), 'versions', String(version), ...rest].join('/');

/**
 * An instructor's scenarios on the lab server: store a version as a draft (replacing their own
 * draft of it) and publish it, so it can be assigned. Answers validated as every lab answer is.
 */
export interface LabScenariosApi {
  saveDraft(scenario: Scenario): Promise<LabScenarioSummary>;
  publish(id: string, version: number): Promise<LabScenarioSummary>;
}

export function createLabScenariosApi(client: LabClient): LabScenariosApi {
  return {
    saveDraft: (scenario) =>
      client.call('PUT', path(scenario.id, scenarioVersion(scenario)), labScenarioSummarySchema, {
        body: { scenario },
      }),
    publish: (id, version) => client.call('POST', path(id, version, 'publish'), labScenarioSummarySchema, { body: {} }),
  };
}

/**
 * Publish a scenario version on the lab server too: stored as a draft, then published. A version
 * the server has published already with the same content is success (publishing again from a second
 * browser); with other content it is refused, naming why.
 */
export async function publishOnLab(client: LabClient, scenario: Scenario, hash: string): Promise<LabScenarioSummary> {
  const api = createLabScenariosApi(client);
  try {
    await api.saveDraft(scenario);
  } catch (err) {
    if (!(err instanceof LabApiError) || err.code !== 'scenario-published') throw err;
    const stored = await client.call('GET', path(scenario.id, scenarioVersion(scenario)), labScenarioSummarySchema);
    if (stored.scenarioHash !== hash)
      throw new LabApiError(
        409,
        'scenario-published',
        `${scenario.id} v${scenarioVersion(scenario)} is published on the lab server with other content: publish the next version.`,
      );
    return stored;
  }
  return api.publish(scenario.id, scenarioVersion(scenario));
}

/** Most stored scenarios the assignment form offers: far above what a lab authors in a term. */
const MAX_OFFERED = 200;
const LIST_ANSWER_BYTES = 4 * 1024 * 1024;
const scenarioListSchema = z.object({ scenarios: z.array(labScenarioSummarySchema).max(10_000) });
const storedVersionSchema = z.object({ scenario: z.unknown() });

/**
 * The newest published version of each scenario stored on the lab server, as scenarios (validated
 * as any scenario file): what an instructor may assign beside the app's own. A version that does
 * not validate here (a newer server's format) is left out rather than offered broken.
 */
export async function publishedLabScenarios(client: LabClient): Promise<Scenario[]> {
  const { scenarios } = await client.call('GET', '/scenarios', scenarioListSchema, { maxBytes: LIST_ANSWER_BYTES });
  const newest = new Map<string, LabScenarioSummary>();
  for (const s of scenarios)
    if (s.status === 'published' && (newest.get(s.id)?.version ?? 0) < s.version) newest.set(s.id, s);
  const out: Scenario[] = [];
  for (const s of [...newest.values()].slice(0, MAX_OFFERED)) {
    const { scenario } = await client.call('GET', path(s.id, s.version), storedVersionSchema);
    try {
      out.push(parseScenario(scenario, `the lab server's ${s.id} v${s.version}`));
    } catch {
      // Left out: the assignment form offers only what this app can play.
    }
  }
  return out;
}
