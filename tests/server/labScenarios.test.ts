import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { scenarioHash } from '../../sim/attempt/index';
import type { LabServer } from '../../server/labServer';
import { xapiRecorder } from '../../server/xapi/xapiOutbox';
import { assign, assignmentBody, modeFile, SCENARIO_ID, start } from './assignmentHelpers';
import { type Client, type Lab, makeLab, scored, startTestServer } from './labTestServer';
import { HOOK_TIMEOUT_MS } from './testDb';

/**
 * Scenarios instructors store on the lab server: drafts, publishing, who reads what, and a
 * published one assigned, started, uploaded and scored as a shipped one is.
 */

let server: LabServer;
let lab: Lab;

beforeAll(async () => {
  server = await startTestServer({ scoringWorkers: 1 });
  lab = await makeLab(server);
}, HOOK_TIMEOUT_MS);
afterAll(() => server?.close());

type Json = Record<string, any>;
const shipped = (): Json => JSON.parse(readFileSync(`levels/${SCENARIO_ID}.json`, 'utf8'));
/** A real schema-version-1 file (tests/fixtures/scenario-v1). */
const version1 = (): Json => JSON.parse(readFileSync('tests/fixtures/scenario-v1/l1-osteoporotic-wedge.json', 'utf8'));
let n = 0;
/** A new scenario id for each test, so tests do not share rows. */
const freshId = () => `lab-case-${++n}-${randomUUID().slice(0, 6)}`;
const own = (id: string, version = 1, o: Json = {}): Json => ({
  ...shipped(),
  id,
  version,
  title: `Our L1 wedge ${id}`,
  ...o,
});
const put = (c: Client, id: string, version: number, scenario: unknown) =>
  c.request('PUT', `/api/scenarios/${id}/versions/${version}`, { scenario });
const publish = (c: Client, id: string, version: number) =>
  c.request('POST', `/api/scenarios/${id}/versions/${version}/publish`, {});
const get = (c: Client, id: string, version: number) => c.request('GET', `/api/scenarios/${id}/versions/${version}`);

async function published(c: Client, scenario: Json): Promise<void> {
  expect((await put(c, scenario.id, scenario.version, scenario)).status).toBe(201);
  expect((await publish(c, scenario.id, scenario.version)).status).toBe(200);
}

describe('migration 006', () => {
  it('keeps a scenario when its owner is removed (assignments may name it), owner set to null', async () => {
    const keys = await server.db.query<{ col: string; deltype: string }>(
      `SELECT a.attname AS col, k.confdeltype AS deltype FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
       WHERE k.contype = 'f' AND c.relname = 'lab_scenarios' AND pg_table_is_visible(c.oid)`,
    );
    expect(keys).toEqual([{ col: 'owner_id', deltype: 'n' }]);
  });
});

describe('storing a draft', () => {
  it('stores, replaces and answers the summary; the scenario is read back as validated', async () => {
    const id = freshId();
    const first = await put(lab.instructor, id, 1, own(id));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id, version: 1, status: 'draft', publishedAt: null });
    expect(first.body.owner.id).toBe(lab.instructor.user?.id);
    const again = await put(lab.instructor, id, 1, own(id, 1, { title: 'Renamed' }));
    expect(again.status).toBe(200);
    expect(again.body.title).toBe('Renamed');
    const read = await get(lab.instructor, id, 1);
    expect(read.status).toBe(200);
    expect(read.body.scenario).toEqual(parseScenario(own(id, 1, { title: 'Renamed' })));
  });

  it('upgrades a schema-version-1 file and keeps its identity (the hash of the file as written)', async () => {
    const id = freshId();
    const old = { ...version1(), id, version: 1 };
    const r = await put(lab.instructor, id, 1, old);
    expect(r.status).toBe(201);
    const read = await get(lab.instructor, id, 1);
    expect(read.body.scenario.schemaVersion).toBe(2);
    expect(read.body.scenario.indication).toEqual({ decision: 'operate' });
    expect(read.body.scenarioHash).toBe(scenarioHash(parseScenario(old)));
  });

  it('refuses what is not a valid scenario, naming the field, and a future schema version', async () => {
    const id = freshId();
    const bad = await put(lab.instructor, id, 1, own(id, 1, { patient: { ...shipped().patient, age: 5 } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('bad-scenario');
    expect(bad.body.message).toMatch(/patient\.age/);
    const future = await put(lab.instructor, id, 1, own(id, 1, { schemaVersion: 3 }));
    expect(future.status).toBe(400);
    expect(future.body.message).toMatch(/schemaVersion: 3 is newer/);
    const notObject = await put(lab.instructor, id, 1, 'a scenario');
    expect(notObject.status).toBe(400);
    expect(notObject.body.message).toMatch(/\(root\)/);
    const plan = await put(
      lab.instructor,
      id,
      1,
      own(id, 1, { scoring: { passScore: 70, expertPlan: 'no-such-plan' } }),
    );
    expect(plan.status).toBe(400);
    expect(plan.body.message).toMatch(/scoring\.expertPlan/);
    expect((await get(lab.instructor, id, 1)).status).toBe(404);
  });

  it('refuses an address that does not match the scenario, a shipped id, and a scenario too large', async () => {
    const id = freshId();
    expect((await put(lab.instructor, id, 2, own(id, 1))).status).toBe(400);
    expect((await put(lab.instructor, freshId(), 1, own(id, 1))).status).toBe(400);
    const clash = await put(lab.instructor, SCENARIO_ID, 1, own(SCENARIO_ID, 1));
    expect(clash.status).toBe(409);
    expect(clash.body.error).toBe('shipped-id');
    const huge = await put(lab.instructor, id, 1, { ...own(id), padding: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect((await lab.instructor.request('PUT', `/api/scenarios/Not A Slug/versions/1`, { scenario: {} })).status).toBe(
      404,
    );
  });

  it("an id is its first owner's: another instructor cannot store a version of it, an admin can", async () => {
    const id = freshId();
    expect((await put(lab.instructor, id, 1, own(id))).status).toBe(201);
    const theirs = await put(lab.otherInstructor, id, 2, own(id, 2));
    expect(theirs.status).toBe(403);
    expect(theirs.body.error).toBe('not-your-scenario');
    expect((await put(lab.admin, id, 1, own(id, 1, { title: 'Fixed by the admin' }))).status).toBe(200);
    // The admin's edit leaves the owner as it was.
    expect((await get(lab.instructor, id, 1)).body.owner.id).toBe(lab.instructor.user?.id);
  });
});

describe('publishing', () => {
  it('freezes the version: no second publish, no replacing it, no draft at or below it', async () => {
    const id = freshId();
    expect((await put(lab.instructor, id, 1, own(id))).status).toBe(201);
    expect((await publish(lab.otherInstructor, id, 1)).status).toBe(403);
    const done = await publish(lab.instructor, id, 1);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    expect((await publish(lab.instructor, id, 1)).status).toBe(409);
    const frozen = await put(lab.instructor, id, 1, own(id, 1, { title: 'Changed after publishing' }));
    expect(frozen.status).toBe(409);
    expect(frozen.body.error).toBe('scenario-published');
    expect((await put(lab.instructor, id, 2, own(id, 2))).status).toBe(201);
    expect((await publish(lab.instructor, id, 404)).status).toBe(404);
  });
});

describe('who reads what', () => {
  it("lists an instructor's own drafts and every published version; an admin sees all; a trainee none", async () => {
    const draftId = freshId();
    const publishedId = freshId();
    expect((await put(lab.instructor, draftId, 1, own(draftId))).status).toBe(201);
    await published(lab.instructor, own(publishedId));
    const ids = async (c: Client) =>
      ((await c.request('GET', '/api/scenarios')).body.scenarios as { id: string }[]).map((s) => s.id);
    expect(await ids(lab.instructor)).toEqual(expect.arrayContaining([draftId, publishedId]));
    expect(await ids(lab.otherInstructor)).toContain(publishedId);
    expect(await ids(lab.otherInstructor)).not.toContain(draftId);
    expect(await ids(lab.admin)).toEqual(expect.arrayContaining([draftId, publishedId]));
    expect((await lab.trainee.request('GET', '/api/scenarios')).status).toBe(403);
    expect((await get(lab.otherInstructor, draftId, 1)).status).toBe(403);
    expect((await get(lab.otherInstructor, publishedId, 1)).status).toBe(200);
    // A trainee reads a published version only once an assignment set for them names it.
    expect((await get(lab.trainee, publishedId, 1)).status).toBe(403);
    await assign(lab.instructor, assignmentBody(lab, { scenarioIds: [{ id: publishedId, version: 1 }] }));
    expect((await get(lab.trainee, publishedId, 1)).status).toBe(200);
    expect((await get(lab.otherTrainee, publishedId, 1)).status).toBe(403);
  });
});

describe('assigned, played and scored', () => {
  it('an assignment names a published version; the start carries it; the upload is checked and scored on it', async () => {
    const id = freshId();
    const scenario = own(id, 1, { scoring: { passScore: 60, expertPlan: 'textbook-kyphoplasty' } });
    await published(lab.instructor, scenario);
    const parsed = parseScenario(scenario);
    const assignment = await assign(lab.instructor, assignmentBody(lab, { scenarioIds: [{ id, version: 1 }] }));
    expect(assignment.scenarios[0]).toMatchObject({
      scenarioId: id,
      version: 1,
      hash: scenarioHash(parsed),
      stored: true,
    });

    const started = await start(lab.trainee, assignment.id, id);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ scenarioId: id, scenarioVersion: 1, passMark: 60 });
    expect(started.body.scenario).toEqual(parsed);

    const file = modeFile(4, started.body.seed, started.body.mode, parseScenario(started.body.scenario));
    const up = await lab.trainee.request('PUT', `/api/attempts/${started.body.attemptId}`, {
      status: 'finished',
      station: 'station-1',
      attempt: file,
    });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    const result = await scored(lab.instructor, started.body.attemptId);
    expect(result.body.scoring).toBe('done');
    // Scored on the stored case: its id and its own pass score.
    expect(result.body.report).toMatchObject({ scenarioId: id, passScore: 60 });
  });

  it('a shipped scenario start carries no scenario (the app has it)', async () => {
    const assignment = await assign(lab.instructor, assignmentBody(lab));
    expect(assignment.scenarios[0].stored).toBe(false);
    const started = await start(lab.trainee, assignment.id);
    expect(started.status).toBe(201);
    expect(started.body.scenario).toBeUndefined();
  });

  it('an id alone names the newest published version; a draft is never assignable', async () => {
    const id = freshId();
    await published(lab.instructor, own(id, 1));
    await published(lab.instructor, own(id, 2, { title: 'Second version' }));
    expect((await put(lab.instructor, id, 3, own(id, 3))).status).toBe(201);
    const assignment = await assign(lab.instructor, assignmentBody(lab, { scenarioIds: [id] }));
    expect(assignment.scenarios[0]).toMatchObject({ scenarioId: id, version: 2, title: 'Second version' });
    const draft = await lab.instructor.request(
      'POST',
      '/api/assignments',
      assignmentBody(lab, { scenarioIds: [{ id, version: 3 }] }),
    );
    expect(draft.status).toBe(400);
    expect(draft.body.error).toBe('unknown-scenario');
  });

  it('refuses an upload on a stored scenario that is not published, or that differs from the published one', async () => {
    const id = freshId();
    const scenario = own(id, 1);
    expect((await put(lab.instructor, id, 1, scenario)).status).toBe(201);
    const onDraft = await lab.trainee.request('PUT', `/api/attempts/${randomUUID()}`, {
      status: 'in-progress',
      station: 'station-1',
      attempt: modeFile(4, 7, 'practice', parseScenario(scenario)),
    });
    expect(onDraft.status).toBe(400);
    expect(onDraft.body.message).toMatch(/not one this app publishes/);
    expect((await publish(lab.instructor, id, 1)).status).toBe(200);
    const edited = parseScenario({ ...scenario, scoring: { passScore: 1 } });
    const forged = await lab.trainee.request('PUT', `/api/attempts/${randomUUID()}`, {
      status: 'in-progress',
      station: 'station-1',
      attempt: modeFile(4, 7, 'practice', edited),
    });
    expect(forged.status).toBe(400);
    expect(forged.body.message).toMatch(/differs from the published scenario/);
    const fair = await lab.trainee.request('PUT', `/api/attempts/${randomUUID()}`, {
      status: 'in-progress',
      station: 'station-1',
      attempt: modeFile(4, 7, 'practice', parseScenario(scenario)),
    });
    expect(fair.status).toBe(200);
  });

  it('an xAPI statement about an attempt on a stored scenario names it by the stored title', async () => {
    const id = freshId();
    const scenario = own(id);
    await published(lab.instructor, scenario);
    const attemptId = randomUUID();
    const up = await lab.trainee.request('PUT', `/api/attempts/${attemptId}`, {
      status: 'in-progress',
      station: 'station-1',
      attempt: modeFile(4, 3, 'practice', parseScenario(scenario)),
    });
    expect(up.status).toBe(200);
    // This server has no LRS configured: a recorder of one, with no shipped scenario to name it by.
    const recorder = xapiRecorder(
      {
        endpoint: 'http://127.0.0.1:9/xapi',
        username: 'u',
        password: 'p',
        activityBase: 'https://kyphosim.invalid',
        homePage: 'https://lab.invalid',
      },
      [],
    );
    await server.db.transaction((tx) => recorder.attemptUploaded(tx, attemptId));
    const rows = await server.db.query<{ body: unknown }>('SELECT body FROM xapi_outbox WHERE attempt_id = $1', [
      attemptId,
    ]);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const body = (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as Json;
      expect(body.object.definition.name).toEqual({ 'en-US': scenario.title });
    }
  });
});
