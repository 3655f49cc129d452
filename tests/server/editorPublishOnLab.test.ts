import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseScenario } from '../../levels/scenarioSchema';
import { scenarioHash } from '../../sim/attempt/index';
import type { LabServer } from '../../server/labServer';
import type { LabClient } from '../../src/labClient/labApi';
import { LabApiError } from '../../src/labClient/labApiError';
import { publishedLabScenarios, publishOnLab } from '../../src/labClient/labScenariosApi';
import type { Client } from './labTestServer';
import { type Lab, makeLab, startTestServer } from './labTestServer';
import { HOOK_TIMEOUT_MS } from './testDb';

/**
 * The editor's publish on a lab server (src/labClient/labScenariosApi.ts) against the real server:
 * the app's calls, their answers validated by the app's schemas, the server's refusals as LabApiErrors.
 */

let server: LabServer;
let lab: Lab;
beforeAll(async () => {
  server = await startTestServer({ scoringWorkers: 0 });
  lab = await makeLab(server);
}, HOOK_TIMEOUT_MS);
afterAll(() => server?.close());

/** The app's LabClient `call` over a signed-in test client (Node's fetch keeps no cookies itself). */
function appClient(c: Client): LabClient {
  const call = async (method: string, path: string, schema: z.ZodType | null, o: { body?: unknown } = {}) => {
    const r = await c.request(method, `/api${path}`, o.body);
    if (r.status >= 400) throw new LabApiError(r.status, r.body.error, r.body.message);
    return schema ? schema.parse(r.body) : undefined;
  };
  return { call } as unknown as LabClient;
}

const scenario = (id: string, title = 'Our wedge') =>
  parseScenario({
    ...JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')),
    id,
    version: 1,
    title,
  });

describe('publishing from the editor to the lab server', () => {
  it('stores and publishes the version, so it can be assigned', async () => {
    const s = scenario('editor-case-a');
    const summary = await publishOnLab(appClient(lab.instructor), s, scenarioHash(s));
    expect(summary).toMatchObject({
      id: 'editor-case-a',
      version: 1,
      status: 'published',
      scenarioHash: scenarioHash(s),
    });
    const listed = await lab.otherInstructor.request('GET', '/api/scenarios');
    expect(listed.body.scenarios.map((x: { id: string }) => x.id)).toContain('editor-case-a');
  });

  it('publishing the same version again (a second browser) is success; other content is refused', async () => {
    const s = scenario('editor-case-b');
    await publishOnLab(appClient(lab.instructor), s, scenarioHash(s));
    await expect(publishOnLab(appClient(lab.instructor), s, scenarioHash(s))).resolves.toMatchObject({
      status: 'published',
    });
    const changed = scenario('editor-case-b', 'Changed');
    await expect(publishOnLab(appClient(lab.instructor), changed, scenarioHash(changed))).rejects.toThrow(
      /published on the lab server with other content/,
    );
  });

  it("another instructor's id is refused with the server's sentence", async () => {
    const s = scenario('editor-case-c');
    await publishOnLab(appClient(lab.instructor), s, scenarioHash(s));
    const mine = { ...s, version: 2 };
    await expect(publishOnLab(appClient(lab.otherInstructor), mine, scenarioHash(mine))).rejects.toMatchObject({
      status: 403,
      code: 'not-your-scenario',
    });
  });
});

describe("the assignment form's list of the lab's own scenarios", () => {
  it('offers the newest published version of each, never a draft', async () => {
    const v1 = scenario('form-case');
    await publishOnLab(appClient(lab.instructor), v1, scenarioHash(v1));
    const v2 = { ...scenario('form-case', 'Form case, second version'), version: 2 };
    await publishOnLab(appClient(lab.instructor), v2, scenarioHash(v2));
    const draft = scenario('form-draft');
    expect(
      (await lab.instructor.request('PUT', '/api/scenarios/form-draft/versions/1', { scenario: draft })).status,
    ).toBe(201);
    const offered = await publishedLabScenarios(appClient(lab.otherInstructor));
    expect(offered.find((s) => s.id === 'form-case')).toEqual(v2);
    expect(offered.some((s) => s.id === 'form-draft')).toBe(false);
    // The instructor's own draft is not offered either: only a published version can be assigned.
    expect((await publishedLabScenarios(appClient(lab.instructor))).some((s) => s.id === 'form-draft')).toBe(false);
  });
});
