import { describe, expect, it } from 'vitest';
import { runPlan, type Plan, type PlanStep } from '../../sim/plan';
import type { Scenario } from '../../levels/scenarioSchema';
import type { SimSnapshot } from '../../sim/session';
import { loadPlan, loadScenario } from './goldenFixtures';

/**
 * The balloon's response to placement is smooth (sim/instruments/README.md, Balloon): the textbook
 * plan with the aim turned by 0.5 deg steps (the aimIdeal step's medial and caudal offsets, -2 to +2
 * deg) or the skin entry moved by 1 mm steps (needle.entry lateralMm and cranialMm, -4 to +4 mm)
 * changes the anterior height regained at full inflation by a bounded amount between neighbouring
 * placements, and a rupture does not switch on and off along the way. The first model failed this
 * on every patient: on the L1 wedge 1 mm of cranial entry took one from 31 % to 89 % regained
 * (2 mm: from 0 %), 0.5 deg of caudal aim another from 93 % to 43 %; on the bipedicular L2 wedge
 * 0.5 deg of caudal aim went from 100 % to 0 %; and ruptures lay on both sides of an intact middle.
 *
 * Each plan runs up to its first balloon deflation (the balloon's part; cement does not change the
 * peak). A placement whose trocar never reaches the pedicle (the plan stops before the balloon) is
 * left out: the access model decides that, not the balloon, and neighbours are compared only
 * across placements that both ran.
 */

/** Largest change of regained anterior height (percentage points of the lost height) between neighbours. */
const MAX_STEP_PP = 15;
/** Placements per axis that must reach the balloon, so that the comparison means something. */
const MIN_RUNS_PER_AXIS = 5;

type Axis = 'medialOffsetDeg' | 'caudalOffsetDeg' | 'lateralMm' | 'cranialMm';
const AXES: readonly { axis: Axis; values: readonly number[] }[] = [
  { axis: 'medialOffsetDeg', values: [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2] },
  { axis: 'caudalOffsetDeg', values: [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2] },
  { axis: 'lateralMm', values: [-4, -3, -2, -1, 0, 1, 2, 3, 4] },
  { axis: 'cranialMm', values: [-4, -3, -2, -1, 0, 1, 2, 3, 4] },
];

const CASES: readonly { level: string; plan: string; seeds: readonly number[] }[] = [
  { level: 'levels/l1-osteoporotic-wedge.json', plan: 'levels/plans/textbook-kyphoplasty.json', seeds: [3, 6] },
  {
    level: 'levels/l2-osteoporotic-wedge-bipedicular.json',
    plan: 'levels/plans/textbook-kyphoplasty-bipedicular.json',
    seeds: [1, 3],
  },
];

/**
 * The plan up to its first balloon deflation, with the first side's aim or skin entry moved by
 * `value` along `axis` (the other side of a bipedicular plan keeps the textbook placement).
 */
function perturbedPlan(plan: Plan, axis: Axis, value: number): Plan {
  const end = plan.steps.findIndex((s) => 'do' in s && s.do.type === 'balloon.deflate');
  let entryDone = false;
  let aimDone = false;
  const steps = plan.steps.slice(0, end).map((s): PlanStep => {
    if ('aimIdeal' in s && !aimDone && (axis === 'medialOffsetDeg' || axis === 'caudalOffsetDeg')) {
      aimDone = true;
      return { ...s, [axis]: (s[axis] ?? 0) + value };
    }
    if ('do' in s && s.do.type === 'needle.entry' && !entryDone && (axis === 'lateralMm' || axis === 'cranialMm')) {
      entryDone = true;
      return { ...s, do: { ...s.do, [axis]: s.do[axis] + value } };
    }
    return s;
  });
  return { ...plan, steps };
}

interface Outcome {
  /** % of the lost anterior height regained at full inflation. */
  readonly pct: number;
  readonly ruptured: boolean;
}

/** Runs the plan; null when it stopped before the balloon went in (the trocar never got there). */
function outcome(scenario: Scenario, seed: number, plan: Plan): Outcome | null {
  const balloonAt = plan.steps.findIndex((s) => 'do' in s && s.do.type === 'balloon.insert');
  let snap: SimSnapshot;
  try {
    snap = runPlan(scenario, seed, plan).snapshot();
  } catch (e) {
    const step = Number(/plan step (\d+)/.exec((e as Error).message)?.[1] ?? Number.NaN);
    if (step < balloonAt) return null;
    throw e;
  }
  const h = snap.height;
  const peak = h.stages?.peak?.anteriorMm ?? h.anteriorMm;
  return {
    pct: (100 * (peak - h.preOpAnteriorMm)) / (h.intactMm - h.preOpAnteriorMm),
    ruptured: snap.events.some((e) => e.event.type === 'balloon.ruptured'),
  };
}

describe('balloon response to small changes of aim and entry', () => {
  for (const c of CASES) {
    const scenario = loadScenario(c.level);
    const plan = loadPlan(c.plan);
    for (const seed of c.seeds) {
      it(`${c.level.replace('levels/', '')}, seed ${seed}: regained height moves by at most ${MAX_STEP_PP} points per step, ruptures do not flicker`, () => {
        const report: string[] = [];
        for (const { axis, values } of AXES) {
          const runs = values
            .map((v) => ({ v, o: outcome(scenario, seed, perturbedPlan(plan, axis, v)) }))
            .filter((r): r is { v: number; o: Outcome } => r.o !== null);
          report.push(
            `${axis}: ${runs.map((r) => `${r.v}:${r.o.pct.toFixed(0)}${r.o.ruptured ? 'R' : ''}`).join(' ')}`,
          );
          expect(runs.length, `${axis}: placements that reached the balloon`).toBeGreaterThanOrEqual(MIN_RUNS_PER_AXIS);
          const idx = values.indexOf(0);
          expect(
            runs.find((r) => r.v === values[idx])?.o.ruptured,
            `${axis}: the textbook placement ruptures`,
          ).not.toBe(true);
          let flips = 0;
          for (let i = 1; i < runs.length; i++) {
            const a = runs[i - 1];
            const b = runs[i];
            // Neighbours only: a gap left by a failed access is not one step.
            if (values.indexOf(b.v) - values.indexOf(a.v) !== 1) continue;
            expect(
              Math.abs(b.o.pct - a.o.pct),
              `${axis} ${a.v} -> ${b.v}: ${a.o.pct.toFixed(1)} -> ${b.o.pct.toFixed(1)} %`,
            ).toBeLessThanOrEqual(MAX_STEP_PP);
            if (a.o.ruptured !== b.o.ruptured) flips++;
          }
          // At most one edge: rupture may begin toward one end of a sweep, never come and go.
          expect(flips, `${axis}: rupture switches along the sweep`).toBeLessThanOrEqual(1);
        }
        console.log(`${c.level} seed ${seed}\n  ${report.join('\n  ')}`);
      }, 240_000);
    }
  }
});
