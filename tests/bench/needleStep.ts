// The needle's step cost and its share of the whole sim step.
// Run: npx tsx tests/bench/needleStep.ts [runs]. Prints JSON (medians over runs), asserts nothing.
//
// The motion: the textbook kyphoplasty (L1, seed 42) up to the aim, then a hand push from the skin
// (it stalls at the pedicle's cortex), mallet taps where the hand stalls and hand pushes elsewhere,
// to the ideal depth. "needle" times Trocar.step alone over that motion on the same anatomy;
// "session" times session.stepTicks(1) (the whole fixed step: world, imaging state, machine) over
// the same commands. Only steps during which the trocar moves are counted.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../../levels/scenarioSchema';
import { planSchema } from '../../sim/plan/planSchema';
import { runPlan } from '../../sim/plan/runPlan';
import { FIXED_DT_S } from '../../sim/core/constants';
import { idealTrajectory } from '../../sim/anatomy/idealTrajectory';
import { Trocar } from '../../sim/instruments/trocar';
import type { Anatomy } from '../../sim/anatomy/types';
import type { Session } from '../../sim/session/sessionTypes';

const runs = Number(process.argv[2] ?? 7);
const scenario = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));
const plan = planSchema.parse(JSON.parse(readFileSync('levels/plans/textbook-kyphoplasty.json', 'utf8')));
const toAim = plan.steps.slice(0, plan.steps.findIndex((s) => 'aimIdeal' in s) + 1);

interface Timing {
  softUs: number[];
  boneUs: number[];
}

const isBone = (tissue: string): boolean => tissue === 'cortical' || tissue === 'cancellous';

/** Drive the motion through `hand`, `tap` and `step` (one fixed step, timed by the caller); returns per-step times by tissue at the tip. */
function motion(
  depthMm: number,
  view: () => { depthMm: number; tissueAtTip: string },
  moving: () => boolean,
  hand: (mm: number) => void,
  tap: () => void,
  step: () => number,
): Timing {
  const t: Timing = { softUs: [], boneUs: [] };
  const settle = (): void => {
    for (let i = 0; i < 50_000 && moving(); i++) {
      const bone = isBone(view().tissueAtTip);
      (bone ? t.boneUs : t.softUs).push(step());
    }
  };
  for (let taps = 0; view().depthMm < depthMm - 1e-6 && taps < 300; taps++) {
    hand(depthMm - view().depthMm);
    settle();
    if (view().depthMm >= depthMm - 1e-6) break;
    tap();
    settle();
  }
  return t;
}

function needleAlone(anatomy: Anatomy): Timing {
  const ideal = idealTrajectory(anatomy, 'left');
  const trocar = new Trocar(anatomy, scenario.equipment.trocarGauge);
  trocar.setEntry('left', 0, 0);
  trocar.aim(ideal.medialDeg, ideal.caudalDeg);
  return motion(
    ideal.depthMm,
    () => trocar.view()!,
    () => trocar.moving,
    (mm) => trocar.requestAdvance(mm),
    () => trocar.tap(),
    () => {
      const t0 = performance.now();
      trocar.step(FIXED_DT_S);
      return (performance.now() - t0) * 1000;
    },
  );
}

function wholeSession(session: Session): Timing {
  const anatomy = session.snapshot().anatomy;
  const ideal = idealTrajectory(anatomy, 'left');
  const send = (c: Parameters<Session['dispatch']>[0]): void => {
    const r = session.dispatch(c);
    if (!r.accepted) throw new Error(`${c.type} refused: ${r.reason}`);
  };
  return motion(
    ideal.depthMm,
    () => session.snapshot().trocar!,
    // The world's trocar counts as moving until a step leaves its depth unchanged.
    () => pending > 0,
    (mm) => {
      send({ type: 'needle.advance', mm });
      pending = 1;
    },
    () => {
      send({ type: 'needle.tap' });
      pending = 1;
    },
    () => {
      const before = session.snapshot().trocar!.depthMm;
      const t0 = performance.now();
      session.stepTicks(1);
      const us = (performance.now() - t0) * 1000;
      // Still when a step leaves the depth unchanged (a stall or the end of a push or tap).
      if (session.snapshot().trocar!.depthMm === before) pending = 0;
      return us;
    },
  );
}
let pending = 0;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : Number.NaN;
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

const results: { needleSoft: number; needleBone: number; needleAll: number; sessionAll: number; steps: number }[] = [];
for (let r = 0; r <= runs; r++) {
  const session = runPlan(scenario, 42, { ...plan, steps: toAim });
  const anatomy = session.snapshot().anatomy;
  const n = needleAlone(anatomy);
  const s = wholeSession(session);
  if (r === 0) continue; // warm-up (JIT)
  results.push({
    needleSoft: mean(n.softUs),
    needleBone: mean(n.boneUs),
    needleAll: mean([...n.softUs, ...n.boneUs]),
    sessionAll: mean([...s.softUs, ...s.boneUs]),
    steps: n.softUs.length + n.boneUs.length,
  });
}
const m = (k: keyof (typeof results)[number]): number => Math.round(median(results.map((x) => x[k])) * 10) / 10;
console.log(
  JSON.stringify(
    {
      benchmark: 'trocar step cost, textbook L1 kyphoplasty access (seed 42): hand push, taps in bone',
      unit: 'microseconds per fixed step (1/60 s), mean over the moving steps of a run, median of runs',
      needleStepUs: { softTissue: m('needleSoft'), bone: m('needleBone'), all: m('needleAll') },
      sessionStepUs: m('sessionAll'),
      needleShareOfSessionStep: Math.round((m('needleAll') / m('sessionAll')) * 1000) / 1000,
      movingStepsPerRun: m('steps'),
      runs,
    },
    null,
    2,
  ),
);
