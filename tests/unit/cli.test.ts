import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAttemptFile } from '../../sim/attempt/attemptFile';
import { replay } from '../../sim/attempt/replay';
import { scoreAttempt } from '../../sim/scoring/score';
import { formatReportText, reportTextHeader } from '../../sim/scoring/reportText';
import { MAX_ATTEMPT_FILE_BYTES } from '../../sim/core/bounds';
import { scenarioHash } from '../../sim/attempt/scenarioHash';
import { UNSIGNED_ATTEMPT_STATEMENT } from '../../sim/attempt/verification';

const cli = (...args: string[]) => execFileSync('npx', ['tsx', 'sim/cli.ts', ...args], { encoding: 'utf8' });

describe('npm run sim', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kyphosim-cli-'));
  const attempt = join(dir, 'attempt.json');
  const planArgs = [
    'plan',
    'levels/plans/textbook-kyphoplasty.json',
    '--scenario',
    'levels/l1-osteoporotic-wedge.json',
    '--seed',
    '7',
  ];

  it('prints the same bytes twice for the same scenario, plan and seed', () => {
    const a = cli(...planArgs, '--attempt', attempt);
    const b = cli(...planArgs);
    expect(a).toBe(b);
    const out = JSON.parse(a);
    expect(out.metrics.finished).toBe(true);
    expect(typeof out.score.total).toBe('number');
    // The patient's final vital signs (sim/patient/): the textbook plan sedates no one.
    expect(out.patient).toMatchObject({ rass: 0, midazolamMg: 0, oxygenLPerMin: 0, alarms: [] });
    for (const key of ['heartRateBpm', 'systolicMmHg', 'diastolicMmHg', 'spo2Pct', 'respiratoryRatePerMin', 'pain'])
      expect(out.patient[key], key).toBeGreaterThan(0);
  });

  it('replays a saved attempt to the same outcome', () => {
    const planned = JSON.parse(cli(...planArgs));
    const { verification, ...replayed } = JSON.parse(cli('replay', attempt));
    expect(replayed).toEqual(planned);
    // A file says nothing that proves its seed, mode or author, and the replay says so.
    expect(verification).toEqual({ signed: false, verified: null, statement: UNSIGNED_ATTEMPT_STATEMENT });
    expect(JSON.parse(readFileSync(attempt, 'utf8')).format).toBe('kyphosim-attempt');
  });

  it('replay --text prints exactly the text report of the replayed attempt, and nothing else', () => {
    const printed = cli('replay', attempt, '--text');
    const a = parseAttemptFile(JSON.parse(readFileSync(attempt, 'utf8')));
    const session = replay(a.scenario, a.seed, a.log, a.endTick, a.mode);
    const final = session.snapshot();
    expect(printed).toBe(
      formatReportText(scoreAttempt(session.scenario, session.log, final), reportTextHeader(session, final.tick)),
    );
    expect(printed).toMatch(/^KyphoSim score report\nScenario: .* \[l1-osteoporotic-wedge\]\nSeed 7, practice mode/);
  });

  it('refuses --text with --full or --expert, which it would not print', () => {
    expect(() =>
      execFileSync('npx', ['tsx', 'sim/cli.ts', 'replay', attempt, '--text', '--full'], {
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    ).toThrow(/--text prints the text report alone/);
  });

  it('names the problem in a bad scenario and exits non-zero', () => {
    expect(() =>
      execFileSync('npx', ['tsx', 'sim/cli.ts', 'validate', 'package.json'], { encoding: 'utf8', stdio: 'pipe' }),
    ).toThrow(/schemaVersion/);
  });
});

describe('npm run sim: files from outside', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kyphosim-cli-bounds-'));
  const golden = JSON.parse(readFileSync('tests/fixtures/golden/textbook-vertebroplasty-t12-seed3.json', 'utf8'));
  const run = (...args: string[]) =>
    execFileSync('npx', ['tsx', 'sim/cli.ts', ...args], { encoding: 'utf8', stdio: 'pipe' });

  it('reads an attempt file that starts with a UTF-8 byte-order mark, as the app does', () => {
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, `\ufeff${JSON.stringify(golden.attempt)}`);
    expect(JSON.parse(run('replay', bom)).score.total).toBe(golden.expected.report.total);
  });

  it('refuses a file larger than an attempt can be before reading it', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, `${JSON.stringify(golden.attempt)}${' '.repeat(MAX_ATTEMPT_FILE_BYTES)}`);
    expect(() => run('replay', big)).toThrow(/too large/);
  });

  it('validate refuses a scenario whose expert plan is not in levels/plans', () => {
    const s = JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8'));
    s.scoring.expertPlan = 'no-such-plan';
    const path = join(dir, 'scenario.json');
    writeFileSync(path, JSON.stringify(s));
    expect(() => run('validate', path)).toThrow(/"no-such-plan", which is not in levels\/plans/);
  });

  it('refuses an attempt beyond the longest procedure, and stops a long replay at its budget with a message', () => {
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, JSON.stringify({ ...golden.attempt, endTick: 2 ** 53 - 1 }));
    expect(() => run('replay', huge)).toThrow(/endTick/);
    const long = join(dir, 'long.json');
    writeFileSync(long, JSON.stringify({ ...golden.attempt, log: golden.attempt.log.slice(0, 4), endTick: 200_000 }));
    expect(() => run('replay', long, '--budget-s', '0')).toThrow(
      /ran out of its time budget at tick 0 of 200000.*at most 0 s/,
    );
  });

  it.each(['4294967296', '5e9', '-1', '1.5', 'Infinity'])('plan refuses the seed %s instead of wrapping it', (seed) => {
    expect(() =>
      run(
        'plan',
        'levels/plans/textbook-kyphoplasty.json',
        '--scenario',
        'levels/l1-osteoporotic-wedge.json',
        '--seed',
        seed,
      ),
    ).toThrow(/--seed: The seed must be a whole number from 0 to 4294967295/);
  });

  it('refuses a failing attempt relabelled as a pass (pass score edited, hash recomputed), unless told it is a draft', () => {
    const failing = JSON.parse(
      readFileSync('tests/fixtures/golden/medial-breach-kyphoplasty-l1-seed42.json', 'utf8'),
    ).attempt;
    failing.scenario.scoring.passScore = 10;
    failing.scenarioHash = scenarioHash(failing.scenario);
    const path = join(dir, 'relabelled.json');
    writeFileSync(path, JSON.stringify(failing));
    expect(() => run('replay', path)).toThrow(
      /the embedded scenario differs from the published scenario l1-osteoporotic-wedge v2: scoring\.passScore/i,
    );
    // An instructor's own draft: not compared, and still failed by its critical error.
    expect(JSON.parse(run('replay', path, '--draft')).score.passed).toBe(false);
  });

  it('replay --expert reports a missing expert plan as a line of its output, not an abort', () => {
    const a = structuredClone(golden.attempt);
    a.scenario.scoring.expertPlan = 'no-such-plan';
    a.scenarioHash = scenarioHash(a.scenario);
    const path = join(dir, 'no-plan.json');
    writeFileSync(path, JSON.stringify(a));
    const out = JSON.parse(run('replay', path, '--expert', '--draft'));
    expect(out.expert).toEqual({
      plan: 'no-such-plan',
      error: 'the expert plan "no-such-plan" is not in levels/plans/',
    });
    expect(out.score.total).toBe(golden.expected.report.total);
  });
});

describe('npm run sim: plans that stop early and standard-set', () => {
  it('a plan whose step is refused prints where it stopped and the attempt scored as it stands', () => {
    const out = JSON.parse(
      cli(
        'plan',
        'levels/plans/textbook-kyphoplasty.json',
        '--scenario',
        'levels/t12-biconcave-vertebroplasty.json',
        '--seed',
        '1',
      ),
    );
    expect(out.stoppedAt.step).toMatch(/^\d+$/);
    expect(out.stoppedAt.reason).toMatch(/refused/);
    expect(out.metrics.finished).toBe(false);
    expect(typeof out.score.total).toBe('number');
  });

  it('standard-set runs the reference plans that fit a scenario and prints the groups, d and the mark', () => {
    const out = JSON.parse(
      cli('standard-set', '--scenario', 't12-biconcave-vertebroplasty', '--patients', '1', '--json'),
    );
    expect(out.patients).toBe(1);
    expect(out.scenarios.map((s: { scenarioId: string }) => s.scenarioId)).toEqual(['t12-biconcave-vertebroplasty']);
    const [s] = out.scenarios;
    expect(s.expert.n).toBeGreaterThanOrEqual(2);
    expect(s.novice.n).toBeGreaterThanOrEqual(2);
    expect(s.runs).toHaveLength(s.expert.n + s.novice.n);
    for (const r of s.runs) expect(r.seed).toBe(1);
    expect(out.pooled.expert.n).toBe(s.expert.n);
    expect(() => cli('standard-set', '--scenario', 'no-such-scenario', '--patients', '1')).toThrow();
  }, 240_000);
});
