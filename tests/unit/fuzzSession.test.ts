import { describe, expect, it } from 'vitest';
import {
  decodeActions,
  emptyStats,
  encodeActions,
  type FuzzAction,
  fuzzOne,
  SCENARIO_FILES,
} from '../../scripts/fuzz/sessionFuzz';
import { massBalanceProblem, type Violation, walkNumbers } from '../../scripts/fuzz/snapshotChecks';

/**
 * The short run of the session fuzzer (docs/fuzzing.md): a few seeds of the `short` profile, one
 * random sequence and one perturbed textbook plan per scenario. `npm run fuzz` runs the long one.
 */
const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7];

describe('session fuzzer (short run)', () => {
  const stats = emptyStats();
  const kinds = new Set<string>();
  it.each(SEEDS)(
    'seed %i: no throw, finite and non-negative snapshot, cement mass balance, replay identity',
    (seed) => {
      const { sequence, failure } = fuzzOne(seed, 'short', stats);
      kinds.add(sequence.kind);
      expect(failure, `reproduce: npm run fuzz -- --seed ${seed} --profile short`).toBeNull();
      expect(sequence.scenarioFile).toBe(SCENARIO_FILES[seed % SCENARIO_FILES.length]);
    },
  );

  it('covered all scenarios, both kinds, accepted and refused commands, and reached cement', () => {
    expect(stats.sequences).toBe(SEEDS.length);
    expect(stats.accepted).toBeGreaterThan(50);
    expect(stats.refused).toBeGreaterThan(50);
    expect(kinds).toEqual(new Set(['random', 'plan']));
    expect(stats.withCement).toBeGreaterThanOrEqual(1);
  });

  it('is deterministic: a seed gives the same sequence', () => {
    const a = fuzzOne(1, 'short').sequence;
    const b = fuzzOne(1, 'short').sequence;
    expect(encodeActions(a.actions)).toBe(encodeActions(b.actions));
  });
});

describe('fuzzer checks', () => {
  it('walks a snapshot-like value and reports non-finite numbers and impossible negatives', () => {
    const out: Violation[] = [];
    walkNumbers(
      {
        tick: 3,
        cement: { injectedMl: -1, deposits: [{ centre: { x: -2, y: 0, z: 1 } }] },
        carm: { orbitDeg: -5 },
        dose: { mGy: Number.NaN },
      },
      out,
    );
    expect(out.map((v) => `${v.problem} ${v.path}`)).toEqual(['negative cement.injectedMl', 'non-finite dose.mGy']);
  });

  it('checks the cement mass balance', () => {
    const ok = { injectedMl: 2, inBodyMl: 1.5, leakedMl: 0.25, inCannulaMl: 0.25, leaks: [{ volumeMl: 0.2 }] };
    expect(massBalanceProblem(ok)).toBeNull();
    expect(massBalanceProblem({ ...ok, inBodyMl: 1.4 })).toMatch(/mass balance/);
    expect(massBalanceProblem({ ...ok, leaks: [{ volumeMl: 0.3 }] })).toMatch(/leaks add up/);
  });

  it('writes failing logs with NaN, infinities, -0 and undefined and reads them back', () => {
    const actions: FuzzAction[] = [
      { op: 'advance', dtS: Number.NaN },
      { op: 'advance', dtS: Number.NEGATIVE_INFINITY },
      { op: 'stepTicks', n: -0 },
      { op: 'dispatch', command: { type: 'needle.advance', mm: Number.POSITIVE_INFINITY } },
      { op: 'dispatch', command: undefined },
    ];
    const back = decodeActions(encodeActions(actions));
    expect(back).toHaveLength(5);
    expect(back[0]).toEqual({ op: 'advance', dtS: Number.NaN });
    expect(Object.is((back[2] as { n: number }).n, -0)).toBe(true);
    expect(back[3]).toEqual(actions[3]);
    expect((back[4] as { command?: unknown }).command).toBeUndefined();
  });
});
