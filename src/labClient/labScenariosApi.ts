import { z } from 'zod';
import type { Scenario } from '../../levels/scenarioSchema';
import { scenarioVersion } from '../../levels/scenarioSchema';
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
