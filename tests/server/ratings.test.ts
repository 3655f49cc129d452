import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATING_ITEMS } from '../../src/attempt/attemptReview';
import type { LabServer } from '../../server/labServer';
import {
  addUser,
  attemptFile,
  type Client,
  type Lab,
  makeLab,
  signedIn,
  startTestServer,
  upload,
} from './labTestServer';
import { HOOK_TIMEOUT_MS } from './testDb';

let server: LabServer;
let lab: Lab;
/** trainee-a's finished attempt (cohort A, inst-a's). */
let attemptId: string;
/** A second admin: with the cohort's instructor and the first admin, three raters of one attempt. */
let secondAdmin: Client;

const allRated = Object.fromEntries(RATING_ITEMS.map((it, i) => [it.id, (i % 5) + 1]));
const rate = (c: Client, body: unknown, id = attemptId) => c.request('PUT', `/api/attempts/${id}/ratings/mine`, body);

beforeAll(async () => {
  server = await startTestServer({ scoringWorkers: 0 });
  lab = await makeLab(server);
  attemptId = randomUUID();
  const r = await lab.trainee.request('PUT', `/api/attempts/${attemptId}`, upload(attemptFile(), 'finished'));
  expect(r.status).toBe(200);
  await addUser(server, 'admin-2', 'admin', 'Second Admin');
  secondAdmin = await signedIn(server, 'admin-2');
}, HOOK_TIMEOUT_MS);
afterAll(() => server?.close());

describe('PUT /api/attempts/:id/ratings/mine', () => {
  it("the cohort's instructor rates: every item 1-5 or null, the total is the sum of those rated", async () => {
    const r = await rate(lab.instructor, {
      plus: 'Clean pedicle entry.\nGood AP views.',
      delta: 'Fewer shots.',
      ratings: allRated,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      rater: { id: lab.instructor.user?.id, displayName: 'Instructor A' },
      plus: 'Clean pedicle entry.\nGood AP views.',
      delta: 'Fewer shots.',
      ratings: allRated,
      total: Object.values(allRated).reduce((s, v) => s + v, 0),
    });
    expect(Date.parse(r.body.ratedAt)).not.toBeNaN();
  });

  it('items left out or null are not rated; none rated: total null', async () => {
    const r = await rate(lab.admin, { plus: '', delta: '', ratings: { useOfImaging: 4, timeAndMotion: null } });
    expect(r.status).toBe(200);
    expect(r.body.ratings.useOfImaging).toBe(4);
    expect(r.body.ratings.respectForTissue).toBeNull();
    expect(Object.keys(r.body.ratings)).toEqual(RATING_ITEMS.map((it) => it.id));
    expect(r.body.total).toBe(4);
    const none = await rate(lab.admin, { plus: 'x', delta: '', ratings: {} });
    expect(none.body.total).toBeNull();
  });

  it("two raters keep two ratings; saving again replaces only the rater's own", async () => {
    expect((await rate(secondAdmin, { plus: 'second', delta: '', ratings: { useOfImaging: 2 } })).status).toBe(
      200,
    );
    const again = await rate(lab.instructor, { plus: 'revised', delta: '', ratings: { useOfImaging: 5 } });
    expect(again.status).toBe(200);
    const read = await lab.instructor.request('GET', `/api/attempts/${attemptId}`);
    const byRater = Object.fromEntries(
      (read.body.ratings as { rater: { displayName: string }; plus: string; ratings: { useOfImaging: number } }[]).map(
        (x) => [x.rater.displayName, [x.plus, x.ratings.useOfImaging]],
      ),
    );
    expect(byRater).toEqual({
      'Instructor A': ['revised', 5],
      'Lab Admin': ['x', null],
      'Second Admin': ['second', 2],
    });
    const rows = await server.db.query('SELECT * FROM ratings WHERE attempt_id = $1', [attemptId]);
    expect(rows).toHaveLength(3);
  });

  it("refuses trainees, other cohorts' instructors, unknown and malformed attempts", async () => {
    const body = { plus: '', delta: '', ratings: {} };
    expect((await rate(lab.trainee, body)).status).toBe(403);
    expect((await rate(lab.otherTrainee, body)).status).toBe(403);
    expect((await rate(lab.otherInstructor, body)).status).toBe(403);
    expect((await rate(lab.instructor, body, randomUUID())).status).toBe(404);
    expect((await rate(lab.instructor, body, 'nope')).status).toBe(400);
  });

  it('refuses a bad body with the field named: a rating out of 1-5, an unknown item, a note too long or with control characters', async () => {
    const bad = [
      [{ plus: '', delta: '', ratings: { useOfImaging: 6 } }, 'ratings.useOfImaging'],
      [{ plus: '', delta: '', ratings: { useOfImaging: 2.5 } }, 'ratings.useOfImaging'],
      [{ plus: '', delta: '', ratings: { charm: 3 } }, 'ratings'],
      [{ plus: 'x'.repeat(4001), delta: '', ratings: {} }, 'plus'],
      [{ plus: '', delta: 'bell\u0007', ratings: {} }, 'delta'],
      [{ plus: '', ratings: {} }, 'delta'],
    ] as const;
    for (const [body, field] of bad) {
      const r = await rate(lab.instructor, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.message).toContain(field);
    }
    expect((await rate(lab.instructor, { plus: 'x'.repeat(4000), delta: 'tab\there', ratings: {} })).status).toBe(200);
  });

  it('GET /api/attempts/:id has ratings: [] for an attempt nobody rated', async () => {
    const id = randomUUID();
    expect(
      (await lab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(1), 'in-progress'))).status,
    ).toBe(200);
    expect((await lab.instructor.request('GET', `/api/attempts/${id}`)).body.ratings).toEqual([]);
    expect((await lab.trainee.request('GET', `/api/attempts/${id}`)).body.ratings).toEqual([]);
  });
});
