import { createHmac, randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptFile } from '../../sim/attempt/index';
import { TICKS_PER_S } from '../../sim/core/index';
import { verifyAttemptSignature } from '../../server/attempts/attemptSignature';
import { assignmentArchive } from '../../server/results/assignmentArchive';
import { labKeyOf } from '../../server/attempts/labKey';
import { type LabServer, startLabServer } from '../../server/labServer';
import { assign, assignmentBody, modeFile, SCENARIO_ID, start, uploadReserved } from './assignmentHelpers';
import { parseCsv } from './csvReader';
import { attemptFile, type Client, type Lab, makeLab, PASSWORD, scored, signedIn, upload } from './labTestServer';
import { HOOK_TIMEOUT_MS, testDb } from './testDb';

/** The lab's secret, known to the test so it can check pseudonyms and signatures itself. */
const SECRET = 'results-test-lab-secret-0123456789abcdef';
const EVIL_NAME = '=HYPERLINK("http://evil.invalid","open")';

let server: LabServer;
let lab: Lab;
let evil: Client;
let assignment: any;
let finishedId: string;
let abandonedId: string;
let evilId: string;
let freeId: string;
let finishedScore: any;
let finishedFile: AttemptFile;

beforeAll(async () => {
  server = await startLabServer({
    host: '127.0.0.1',
    port: 0,
    db: await testDb(),
    labSecret: SECRET,
    scoringWorkers: 1,
    replayBudgetMs: 60_000,
    pollMs: 100,
    trustProxy: false,
  });
  lab = await makeLab(server);
  const made = await lab.instructor.request('POST', '/api/users', {
    username: 'evil-user',
    displayName: EVIL_NAME,
    password: PASSWORD,
    role: 'trainee',
    cohortId: lab.cohortId,
  });
  expect(made.status).toBe(201);
  evil = await signedIn(server, 'evil-user');
  // Released by hand, and never released here: the instructor's exports show scores all the same.
  assignment = await assign(
    lab.instructor,
    assignmentBody(lab, { title: '@Week 2', attemptsAllowed: null, releaseScores: 'manually' }),
  );
  const finished = (await start(lab.trainee, assignment.id)).body;
  finishedId = finished.attemptId;
  expect((await uploadReserved(lab.trainee, finished, 'finished')).status).toBe(200);
  const abandoned = (await start(lab.trainee, assignment.id)).body;
  abandonedId = abandoned.attemptId;
  expect((await uploadReserved(lab.trainee, abandoned, 'abandoned', 2)).status).toBe(200);
  const evilStart = (await start(evil, assignment.id)).body;
  evilId = evilStart.attemptId;
  const evilUpload = await evil.request('PUT', `/api/attempts/${evilId}`, {
    status: 'in-progress',
    station: '@SUM(1)',
    attempt: modeFile(2, evilStart.seed, 'practice'),
  });
  expect(evilUpload.status).toBe(200);
  freeId = randomUUID();
  expect((await lab.trainee.request('PUT', `/api/attempts/${freeId}`, upload(attemptFile(2)))).status).toBe(200);
  const done = await scored(lab.instructor, finishedId);
  finishedScore = done.body.score;
  finishedFile = done.body.attempt;
  await scored(lab.instructor, abandonedId);
}, HOOK_TIMEOUT_MS);
afterAll(() => server?.close());

const traineeId = () => lab.trainee.user?.id as string;

describe('GET /api/cohorts/:id/results', () => {
  it("gives the dashboard one cell per trainee and scenario, with the instructor's view of unreleased scores", async () => {
    const r = await lab.instructor.request('GET', `/api/cohorts/${lab.cohortId}/results`);
    expect(r.status).toBe(200);
    expect(r.body.cohort).toEqual({ id: lab.cohortId, name: 'Cohort A' });
    expect(r.body.trainees.map((t: { username: string }) => t.username).sort()).toEqual(['evil-user', 'trainee-a']);
    expect(r.body.assignments.map((a: { id: string }) => a.id)).toEqual([assignment.id]);
    const cell = (id: string) => r.body.cells.find((c: { traineeId: string }) => c.traineeId === id);
    expect(cell(traineeId())).toEqual({
      traineeId: traineeId(),
      assignmentId: assignment.id,
      scenarioId: SCENARIO_ID,
      status: finishedScore.passed ? 'passed' : 'failed',
      attemptsUsed: 2,
      bestTotal: finishedScore.total,
      latestTotal: finishedScore.total,
      passed: finishedScore.passed,
      criticalErrors: finishedScore.criticalErrors,
      timeSeconds: finishedFile.endTick / TICKS_PER_S,
      bestAttemptId: finishedId,
      latestAttemptId: finishedId,
      openAttemptId: null,
      abandoned: 1,
    });
    expect(cell(evil.user?.id as string)).toMatchObject({ status: 'in-progress', attemptsUsed: 1, bestTotal: null });
    expect(r.body.cells).toHaveLength(2);
  });

  it("is the cohort owner's and the admin's only", async () => {
    expect((await lab.admin.request('GET', `/api/cohorts/${lab.cohortId}/results`)).status).toBe(200);
    expect((await lab.otherInstructor.request('GET', `/api/cohorts/${lab.cohortId}/results`)).status).toBe(403);
    expect((await lab.trainee.request('GET', `/api/cohorts/${lab.cohortId}/results`)).status).toBe(403);
    expect((await lab.instructor.request('GET', `/api/cohorts/${randomUUID()}/results`)).status).toBe(404);
  });
});

describe('GET /api/cohorts/:id/results.csv', () => {
  it("one row per attempt, free practice included, the raters' totals, every cell a spreadsheet would run escaped", async () => {
    const rated = await lab.instructor.request('PUT', `/api/attempts/${finishedId}/ratings/mine`, {
      plus: '=HYPERLINK("x")',
      delta: '',
      ratings: { useOfImaging: 4, respectForTissue: 3 },
    });
    expect(rated.status).toBe(200);
    const r = await lab.instructor.request('GET', `/api/cohorts/${lab.cohortId}/results.csv`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(r.body);
    expect(header).toEqual([
      'trainee',
      'username',
      'assignment',
      'scenario',
      'version',
      'mode',
      'status',
      'started',
      'ended',
      'total',
      'passed',
      'critical errors',
      'rater totals',
      'station',
      'attempt id',
    ]);
    const byId = new Map(rows.map((row) => [row[14], row]));
    expect(byId.get(finishedId)?.[12]).toBe(`${lab.instructor.user?.displayName}: 7`);
    expect(byId.get(abandonedId)?.[12]).toBe('');
    expect(rows).toHaveLength(4);
    expect(byId.get(finishedId)?.slice(0, 12)).toEqual([
      'trainee-a',
      'trainee-a',
      "'@Week 2",
      SCENARIO_ID,
      '2',
      'practice',
      'finished',
      '2026-12-03T18:00:00.000Z',
      '',
      String(finishedScore.total),
      String(finishedScore.passed),
      String(finishedScore.criticalErrors),
    ]);
    expect(byId.get(abandonedId)?.[6]).toBe('abandoned');
    expect(byId.get(freeId)?.[2]).toBe('');
    const evilRow = byId.get(evilId) as string[];
    expect(evilRow[0]).toBe(`'${EVIL_NAME}`);
    expect(evilRow[6]).toBe('in-progress');
    expect(evilRow[13]).toBe("'@SUM(1)");
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^ *[=+\-@\t\r]/);
  });
});

describe('GET /api/cohorts/:id/research.csv', () => {
  it('names, usernames and stations replaced: HMAC pseudonyms with the lab secret, stable between exports', async () => {
    const r = await lab.instructor.request('GET', `/api/cohorts/${lab.cohortId}/research.csv`);
    expect(r.status).toBe(200);
    const text: string = r.body;
    for (const secret of ['trainee-a', 'evil', 'Week 2', 'station', '@SUM']) expect(text).not.toContain(secret);
    const [header, ...rows] = parseCsv(text);
    expect(header).not.toContain('station');
    const expected = `P-${createHmac('sha256', SECRET).update(`pseudonym:${traineeId()}`).digest('hex').slice(0, 10)}`;
    const mine = rows.filter((row) => row[0] === expected);
    expect(mine).toHaveLength(3);
    expect(mine.every((row) => row[1] === expected)).toBe(true);
    expect(rows.find((row) => row[0] !== expected)?.[0]).toMatch(/^P-[0-9a-f]{10}$/);
    expect(mine.find((row) => row.at(-1) === finishedId)?.[2]).toBe(assignment.id);
    // The raters' totals without the raters' names (the rating test above ran first: 4 + 3).
    expect(header.at(-2)).toBe('rater totals');
    expect(mine.find((row) => row.at(-1) === finishedId)?.at(-2)).toBe('7');
    expect(text).not.toContain(String(lab.instructor.user?.displayName));
    const again = await lab.instructor.request('GET', `/api/cohorts/${lab.cohortId}/research.csv`);
    expect(again.body).toBe(text);
    expect((await lab.otherInstructor.request('GET', `/api/cohorts/${lab.cohortId}/research.csv`)).status).toBe(403);
  });
});

describe('GET /api/assignments/:id/archive', () => {
  it("zips every uploaded attempt, signed as /file serves it, and the assignment's results.csv", async () => {
    const res = await fetch(`${server.url}/api/assignments/${assignment.id}/archive`, {
      headers: { cookie: lab.instructor.cookie as string },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const names = Object.keys(entries).sort();
    expect(names).toEqual(
      [
        `trainee-a-${SCENARIO_ID}-${finishedId}.kyphosim.json`,
        `trainee-a-${SCENARIO_ID}-${abandonedId}.kyphosim.json`,
        `evil-user-${SCENARIO_ID}-${evilId}.kyphosim.json`,
        'results.csv',
      ].sort(),
    );
    const key = labKeyOf(Buffer.from(SECRET, 'utf8'));
    const decoder = new TextDecoder();
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const file = JSON.parse(decoder.decode(entries[name])) as AttemptFile;
      expect(verifyAttemptSignature(key, file)).toEqual({ valid: true });
      const byServer = await lab.instructor.request('POST', '/api/attempts/verify', { attempt: file });
      expect(byServer.body).toEqual({ valid: true });
      // A changed file no longer verifies: the check above is not vacuous.
      expect(verifyAttemptSignature(key, { ...file, seed: file.seed + 1 }).valid).toBe(false);
    }
    const finished = JSON.parse(decoder.decode(entries[`trainee-a-${SCENARIO_ID}-${finishedId}.kyphosim.json`]));
    expect(finished.log).toEqual(finishedFile.log);
    const csv = parseCsv(decoder.decode(entries['results.csv']));
    expect(
      csv
        .slice(1)
        .map((row) => row.at(-1))
        .sort(),
    ).toEqual([finishedId, abandonedId, evilId].sort());
  });

  it('streams: waits while its reader does not read, then gives every file', async () => {
    const many = await assign(lab.instructor, assignmentBody(lab, { title: 'Many', attemptsAllowed: null, seed: 7 }));
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const started = (await start(lab.trainee, many.id)).body;
      expect((await uploadReserved(lab.trainee, started, 'finished')).status).toBe(200);
      ids.push(started.attemptId);
    }
    const stream = await assignmentArchive(server.db, labKeyOf(Buffer.from(SECRET, 'utf8')), many.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // 24 files of over 1 KiB compressed each: past the stream's 16 KiB buffer it stopped and waits.
    expect(stream.readableLength).toBeGreaterThanOrEqual(16 * 1024);
    expect((stream as Duplex).writableEnded).toBe(false);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const entries = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    expect(Object.keys(entries)).toHaveLength(25);
    for (const id of ids) expect(Object.keys(entries).some((n) => n.endsWith(`-${id}.kyphosim.json`))).toBe(true);
  });

  it("is the assignment's instructor's and the admin's only", async () => {
    const path = `/api/assignments/${assignment.id}/archive`;
    expect((await lab.trainee.request('GET', path)).status).toBe(403);
    expect((await lab.otherInstructor.request('GET', path)).status).toBe(403);
    expect((await lab.admin.request('GET', path)).status).toBe(200);
  });
});
