import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioHash } from '../../sim/attempt/index';
import { withheldUntilReleased } from '../../server/assignments/releaseGate';
import type { LabServer } from '../../server/labServer';
import type { User } from '../../server/users/user';
import { assign, assignmentBody, modeFile, SCENARIO, SCENARIO_ID, start, uploadReserved } from './assignmentHelpers';
import { attemptFile, type Lab, makeLab, scored, startTestServer, upload } from './labTestServer';
import { HOOK_TIMEOUT_MS } from './testDb';

let server: LabServer;
let lab: Lab;

beforeAll(async () => {
  server = await startTestServer({ scoringWorkers: 1 });
  lab = await makeLab(server);
}, HOOK_TIMEOUT_MS);
afterAll(() => server?.close());

const traineeId = () => lab.trainee.user?.id as string;
const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();

describe('POST /api/assignments', () => {
  it("stores each scenario's published version and content hash, the target and the creator", async () => {
    const a = await assign(lab.instructor, assignmentBody(lab));
    expect(a).toMatchObject({
      title: 'Week 1: L1 wedge',
      mode: 'practice',
      dueAt: null,
      attemptsAllowed: 3,
      passMark: null,
      seedPolicy: 'fixed',
      seed: 42,
      target: { cohortId: lab.cohortId, cohortName: 'Cohort A' },
      scenarios: [
        { scenarioId: SCENARIO_ID, version: SCENARIO.version, hash: scenarioHash(SCENARIO), title: SCENARIO.title },
      ],
      released: true,
      createdBy: { id: lab.instructor.user?.id, displayName: 'Instructor A' },
    });
    expect(a.releasedAt).not.toBeNull();
    expect(new Date(a.createdAt).toISOString()).toBe(a.createdAt);
  });

  it('an exam holds its scores until released; a fixed policy without a seed gets one drawn; fresh shows none', async () => {
    const exam = await assign(lab.instructor, assignmentBody(lab, { mode: 'exam', seed: undefined }));
    expect(exam.released).toBe(false);
    expect(exam.releasedAt).toBeNull();
    expect(Number.isInteger(exam.seed) && exam.seed >= 0 && exam.seed < 2 ** 31).toBe(true);
    const fresh = await assign(lab.instructor, assignmentBody(lab, { seedPolicy: 'fresh', seed: undefined }));
    expect(fresh.seed).toBeNull();
    const manual = await assign(lab.instructor, assignmentBody(lab, { releaseScores: 'manually' }));
    expect(manual.released).toBe(false);
  });

  it("targets one trainee of the instructor, never another instructor's trainee or cohort", async () => {
    const one = await assign(lab.instructor, assignmentBody(lab, { target: { traineeId: traineeId() } }));
    expect(one.target).toEqual({ traineeId: traineeId(), displayName: 'trainee-a' });
    const other = await lab.instructor.request(
      'POST',
      '/api/assignments',
      assignmentBody(lab, { target: { traineeId: lab.otherTrainee.user?.id } }),
    );
    expect(other.status).toBe(403);
    const otherCohort = await lab.instructor.request(
      'POST',
      '/api/assignments',
      assignmentBody(lab, { target: { cohortId: lab.otherCohortId } }),
    );
    expect(otherCohort.status).toBe(403);
    const admin = await lab.admin.request(
      'POST',
      '/api/assignments',
      assignmentBody(lab, { target: { cohortId: lab.otherCohortId } }),
    );
    expect(admin.status).toBe(201);
  });

  it.each([
    ['an exam without a number of attempts', { mode: 'exam', attemptsAllowed: null }, 'attemptsAllowed'],
    ['an unpublished scenario', { scenarioIds: ['no-such-scenario'] }, 'no-such-scenario'],
    ['no scenario', { scenarioIds: [] }, 'scenarioIds'],
    ['a scenario twice', { scenarioIds: [SCENARIO_ID, SCENARIO_ID] }, 'scenarioIds'],
    ['a seed with a fresh policy', { seedPolicy: 'fresh', seed: 5 }, 'seed'],
    ['a seed out of range', { seed: 2 ** 31 }, 'seed'],
    ['an exam released at once', { mode: 'exam', releaseScores: 'immediately' }, 'releaseScores'],
    ['a due date that is no date', { dueAt: 'next Friday' }, 'dueAt'],
    ['a pass mark over 100', { passMark: 101 }, 'passMark'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('refuses %s: 400 naming it', async (_name, change, named) => {
    const r = await lab.instructor.request('POST', '/api/assignments', assignmentBody(lab, change));
    expect(r.status).toBe(400);
    expect(r.body.message).toContain(named);
  });
});

describe('who sees an assignment', () => {
  it('its trainees with their standing, its instructor and the admin; no one else', async () => {
    const a = await assign(lab.instructor, assignmentBody(lab, { title: 'Visibility' }));
    const listed = async (c: typeof lab.trainee) =>
      ((await c.request('GET', '/api/assignments')).body.assignments as { id: string }[]).find((x) => x.id === a.id);
    expect(await listed(lab.trainee)).toMatchObject({
      id: a.id,
      mine: {
        attemptsUsed: 0,
        canStart: true,
        reason: null,
        scenarios: [{ scenarioId: SCENARIO_ID, status: 'not-started', bestTotal: null, latestTotal: null }],
      },
    });
    expect(await listed(lab.instructor)).toMatchObject({ id: a.id });
    expect((await listed(lab.instructor)) as object).not.toHaveProperty('mine');
    expect(await listed(lab.admin)).toMatchObject({ id: a.id });
    expect(await listed(lab.otherTrainee)).toBeUndefined();
    expect(await listed(lab.otherInstructor)).toBeUndefined();
    expect((await lab.otherTrainee.request('GET', `/api/assignments/${a.id}`)).status).toBe(403);
    expect((await lab.otherInstructor.request('GET', `/api/assignments/${a.id}`)).status).toBe(403);
    expect((await lab.trainee.request('GET', `/api/assignments/${a.id}`)).body.mine.canStart).toBe(true);
    expect((await lab.trainee.request('GET', `/api/assignments/${randomUUID()}`)).status).toBe(404);
    expect((await lab.trainee.request('GET', '/api/assignments/not-an-id')).status).toBe(404);
  });
});

describe('POST /api/assignments/:id/start: reservations', () => {
  it('reserves with the fixed seed and counts every reservation against the attempts allowed', async () => {
    const a = await assign(lab.instructor, assignmentBody(lab, { attemptsAllowed: 2, seed: 1234 }));
    const first = await start(lab.trainee, a.id);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      attemptId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      assignmentId: a.id,
      scenarioId: SCENARIO_ID,
      scenarioVersion: SCENARIO.version,
      scenarioHash: scenarioHash(SCENARIO),
      mode: 'practice',
      seed: 1234,
      passMark: SCENARIO.scoring.passScore,
    });
    // The first reservation is abandoned by its station, never uploaded: it still used a try.
    const second = await start(lab.trainee, a.id);
    expect(second.status).toBe(201);
    expect(second.body.attemptId).not.toBe(first.body.attemptId);
    expect((await uploadReserved(lab.trainee, second.body, 'abandoned')).status).toBe(200);
    const third = await start(lab.trainee, a.id);
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ error: 'no-attempts-left', message: 'No attempts left.' });
    const mine = (await lab.trainee.request('GET', `/api/assignments/${a.id}`)).body.mine;
    expect(mine).toMatchObject({ attemptsUsed: 2, canStart: false, reason: 'no attempts left' });
    // The first is open (never uploaded), so the scenario is still in progress.
    expect(mine.scenarios[0].status).toBe('in-progress');
  });

  it('stations starting at the same moment never get more attempts than allowed', async () => {
    const a = await assign(lab.instructor, assignmentBody(lab, { attemptsAllowed: 2 }));
    const replies = await Promise.all(Array.from({ length: 6 }, () => start(lab.trainee, a.id)));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
  });

  it("a fresh policy draws a new seed per attempt; the pass mark is the assignment's when it sets one", async () => {
    const a = await assign(
      lab.instructor,
      assignmentBody(lab, { seedPolicy: 'fresh', seed: undefined, attemptsAllowed: null, passMark: 60 }),
    );
    const seeds = [];
    for (let i = 0; i < 4; i++) {
      const r = await start(lab.trainee, a.id);
      expect(r.status).toBe(201);
      expect(r.body.passMark).toBe(60);
      seeds.push(r.body.seed);
    }
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s <= 2 ** 31 - 1).toBe(true);
    // Four draws from 2^31 coincide with probability under 3e-9.
    expect(new Set(seeds).size).toBe(4);
    expect((await lab.trainee.request('GET', `/api/assignments/${a.id}`)).body.seed).toBeNull();
  });

  it('refuses a trainee it is not set for, an instructor, and a scenario not in it', async () => {
    const a = await assign(lab.instructor, assignmentBody(lab));
    expect((await start(lab.otherTrainee, a.id)).status).toBe(403);
    expect((await start(lab.instructor, a.id)).status).toBe(403);
    expect((await start(lab.trainee, randomUUID())).status).toBe(404);
    const r = await start(lab.trainee, a.id, 't12-biconcave-vertebroplasty');
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('not-in-assignment');
  });
});

describe('PUT /api/attempts/:id on a reserved id', () => {
  it('takes only the reserved attempt: 409 naming the seed, the mode, the trainee', async () => {
    const a = await assign(lab.instructor, assignmentBody(lab, { attemptsAllowed: null, seed: 77 }));
    const { body: started } = await start(lab.trainee, a.id);
    const put = (c: typeof lab.trainee, file: unknown) =>
      c.request('PUT', `/api/attempts/${started.attemptId}`, { status: 'in-progress', station: 's', attempt: file });

    const wrongSeed = await put(lab.trainee, modeFile(2, 78, 'practice'));
    expect(wrongSeed.status).toBe(409);
    expect(wrongSeed.body.error).toBe('reservation-mismatch');
    expect(wrongSeed.body.message).toMatch(/^seed: .*77.*78/);

    const wrongMode = await put(lab.trainee, modeFile(2, 77, 'exam'));
    expect(wrongMode.status).toBe(409);
    expect(wrongMode.body.message).toMatch(/^mode: /);

    const otherTrainee = await put(lab.otherTrainee, modeFile(2, 77, 'practice'));
    expect(otherTrainee.status).toBe(409);
    expect(otherTrainee.body.message).toMatch(/^trainee: /);

    const ok = await put(lab.trainee, modeFile(2, 77, 'practice'));
    expect(ok.status).toBe(200);
    const summary = (await lab.trainee.request('GET', `/api/attempts/${started.attemptId}`)).body;
    expect(summary).toMatchObject({ assignmentId: a.id, released: true, seed: 77 });
  });

  it('a scenario other than the reserved one: 409 naming scenario.id', async () => {
    const a = await assign(lab.instructor, assignmentBody(lab, { attemptsAllowed: null, seed: 42 }));
    const { body: started } = await start(lab.trainee, a.id);
    const scenario = { ...SCENARIO, id: 'l1-other' };
    const r = await lab.trainee.request('PUT', `/api/attempts/${started.attemptId}`, {
      status: 'in-progress',
      station: 's',
      attempt: { ...modeFile(2, 42, 'practice'), scenario },
    });
    // The published-scenario check refuses an unpublished id first (400); a published other one would be 409.
    expect([400, 409]).toContain(r.status);
  });

  it('an unreserved id is free practice, as before: no assignment, released', async () => {
    const id = randomUUID();
    expect((await lab.trainee.request('PUT', `/api/attempts/${id}`, upload(attemptFile(2)))).status).toBe(200);
    const r = await lab.trainee.request('GET', `/api/attempts/${id}`);
    expect(r.body).toMatchObject({ assignmentId: null, released: true });
  });
});

describe('an exam: one open attempt, restarts, the due date', () => {
  it('refuses a second start while one is open; a restart abandons it, queues it for scoring and grants one more', async () => {
    const a = await assign(lab.instructor, assignmentBody(lab, { mode: 'exam', attemptsAllowed: 1 }));
    const first = await start(lab.trainee, a.id);
    expect(first.status).toBe(201);
    expect(first.body.mode).toBe('exam');
    expect((await uploadReserved(lab.trainee, first.body, 'in-progress', 2)).status).toBe(200);

    const second = await start(lab.trainee, a.id);
    expect(second.status).toBe(409);
    // One allowed and one used: "no attempts left" comes first; with more allowed it is the open exam.
    expect(second.body.error).toBe('no-attempts-left');
    const roomy = await assign(lab.instructor, assignmentBody(lab, { mode: 'exam', attemptsAllowed: 5 }));
    expect((await start(lab.trainee, roomy.id)).status).toBe(201);
    const blocked = await start(lab.trainee, roomy.id);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({
      error: 'exam-attempt-open',
      message: 'An exam attempt is still open: ask your instructor to allow a restart.',
    });

    expect(
      (await lab.otherInstructor.request('POST', `/api/assignments/${a.id}/restarts`, { traineeId: traineeId() }))
        .status,
    ).toBe(403);
    expect(
      (await lab.trainee.request('POST', `/api/assignments/${a.id}/restarts`, { traineeId: traineeId() })).status,
    ).toBe(403);
    expect(
      (
        await lab.instructor.request('POST', `/api/assignments/${a.id}/restarts`, {
          traineeId: lab.otherTrainee.user?.id,
        })
      ).status,
    ).toBe(404);

    const restart = await lab.instructor.request('POST', `/api/assignments/${a.id}/restarts`, {
      traineeId: traineeId(),
    });
    expect(restart.status).toBe(200);
    expect(restart.body).toEqual({
      assignmentId: a.id,
      traineeId: traineeId(),
      abandonedAttemptIds: [first.body.attemptId],
      restartsGranted: 1,
    });
    const abandoned = await scored(lab.instructor, first.body.attemptId);
    expect(abandoned.body).toMatchObject({ status: 'abandoned', scoring: 'done' });
    expect(abandoned.body.attempt.log).toHaveLength(2);
    expect(abandoned.body.endedAt).not.toBeNull();
    // The crashed station's late autosave changes nothing.
    expect((await uploadReserved(lab.trainee, first.body, 'in-progress', 3)).status).toBe(409);

    const again = await start(lab.trainee, a.id);
    expect(again.status).toBe(201);
    const mine = (await lab.trainee.request('GET', `/api/assignments/${a.id}`)).body.mine;
    expect(mine).toMatchObject({ attemptsUsed: 2, canStart: false });
  });

  it('a restart closes a reservation never uploaded; an upload on it later is refused', async () => {
    const a = await assign(lab.instructor, assignmentBody(lab, { mode: 'exam', attemptsAllowed: 1 }));
    const first = await start(lab.trainee, a.id);
    const r = await lab.instructor.request('POST', `/api/assignments/${a.id}/restarts`, { traineeId: traineeId() });
    expect(r.body.abandonedAttemptIds).toEqual([]);
    const late = await uploadReserved(lab.trainee, first.body, 'in-progress', 2);
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('attempt-closed');
    expect((await start(lab.trainee, a.id)).status).toBe(201);
  });

  it('past its due date an exam cannot start and shows overdue; practice still can', async () => {
    const exam = await assign(lab.instructor, assignmentBody(lab, { mode: 'exam', dueAt: hourAgo() }));
    const r = await start(lab.trainee, exam.id);
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('past-due');
    const mine = (await lab.trainee.request('GET', `/api/assignments/${exam.id}`)).body.mine;
    expect(mine).toMatchObject({ canStart: false, reason: 'the due date of this exam has passed' });
    expect(mine.scenarios[0].status).toBe('overdue');

    const practice = await assign(lab.instructor, assignmentBody(lab, { dueAt: hourAgo() }));
    expect((await lab.trainee.request('GET', `/api/assignments/${practice.id}`)).body.mine.scenarios[0].status).toBe(
      'overdue',
    );
    expect((await start(lab.trainee, practice.id)).status).toBe(201);
    const future = await assign(
      lab.instructor,
      assignmentBody(lab, { mode: 'exam', dueAt: new Date(Date.now() + 3600_000).toISOString() }),
    );
    expect((await start(lab.trainee, future.id)).status).toBe(201);
  });
});

describe('scores wait for their release', () => {
  it('a trainee sees no score, report or status before the release, and all of it after', async () => {
    const a = await assign(lab.instructor, assignmentBody(lab, { mode: 'exam', attemptsAllowed: 2 }));
    const { body: started } = await start(lab.trainee, a.id);
    expect((await uploadReserved(lab.trainee, started, 'finished')).status).toBe(200);
    const byInstructor = await scored(lab.instructor, started.attemptId);
    expect(byInstructor.body.score).not.toBeNull();
    expect(byInstructor.body.report).not.toBeNull();
    expect(byInstructor.body.released).toBe(false);

    const before = await lab.trainee.request('GET', `/api/attempts/${started.attemptId}`);
    expect(before.body).toMatchObject({ score: null, report: null, released: false, assignmentId: a.id });
    expect(before.body.scoring).toBe('done');
    const listed = (await lab.trainee.request('GET', '/api/attempts')).body.attempts.find(
      (x: { id: string }) => x.id === started.attemptId,
    );
    expect(listed).toMatchObject({ score: null, released: false });
    const mineBefore = (await lab.trainee.request('GET', `/api/assignments/${a.id}`)).body.mine;
    expect(mineBefore.scenarios[0]).toEqual({
      scenarioId: SCENARIO_ID,
      status: 'submitted',
      bestTotal: null,
      latestTotal: null,
    });

    expect((await lab.trainee.request('POST', `/api/assignments/${a.id}/release`, {})).status).toBe(403);
    expect((await lab.otherInstructor.request('POST', `/api/assignments/${a.id}/release`, {})).status).toBe(403);
    const released = await lab.instructor.request('POST', `/api/assignments/${a.id}/release`, {});
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ id: a.id, released: true });
    expect(released.body.releasedAt).not.toBeNull();

    const after = await lab.trainee.request('GET', `/api/attempts/${started.attemptId}`);
    expect(after.body.released).toBe(true);
    expect(after.body.score).toEqual(byInstructor.body.score);
    expect(after.body.report).toEqual(byInstructor.body.report);
    const mineAfter = (await lab.trainee.request('GET', `/api/assignments/${a.id}`)).body.mine.scenarios[0];
    expect(mineAfter.bestTotal).toBe(byInstructor.body.score.total);
    expect(mineAfter.latestTotal).toBe(byInstructor.body.score.total);
    expect(mineAfter.status).toBe(byInstructor.body.score.passed ? 'passed' : 'failed');
  });

  it('withholds ratings too, when the answer carries them; instructors get the answer whole', () => {
    const trainee: User = { id: randomUUID(), username: 't', displayName: 'T', role: 'trainee' };
    const instructor: User = { ...trainee, role: 'instructor' };
    const answer = { released: false, score: { total: 80 }, report: { total: 80 }, ratings: [{ total: 4 }], id: 'x' };
    expect(withheldUntilReleased(trainee, answer)).toEqual({
      released: false,
      score: null,
      report: null,
      ratings: [],
      id: 'x',
    });
    expect(withheldUntilReleased(instructor, answer)).toBe(answer);
    expect(withheldUntilReleased(trainee, { ...answer, released: true })).toEqual({ ...answer, released: true });
    expect(withheldUntilReleased(trainee, { released: false, score: 1 })).toEqual({ released: false, score: null });
  });
});
