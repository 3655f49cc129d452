import type { Command } from '../core/commands';
import type { Rng } from '../math/rng';
import type { Plan, PlanCondition, PlanStep, PlanVariation } from './planSchema';

/**
 * Natural per-patient variation of a plan's technique: the written plan with small departures
 * drawn from rng (aims, skin entries, waits, step sizes, stop thresholds), as one operator varies
 * from patient to patient. runPlan draws rng from the patient's seed, so the same plan on the same
 * patient always varies the same way. Draws follow the plan's document order (branches of an if
 * included, taken or not), so one step's draws never depend on another step's outcome.
 */
export function varyPlan(plan: Plan, rng: Rng): Plan {
  const v = plan.variation;
  if (!v) return plan;
  return { ...plan, steps: varySteps(plan.steps, v, rng) };
}

const round = (x: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** A factor 1 + N(0, pct/100), never below 0.2 (clipped draws keep it near 1 anyway). */
function factor(rng: Rng, pct: number | undefined): number {
  if (!pct) return 1;
  return Math.max(0.2, 1 + rng.normal(0, pct / 100));
}

const offset = (rng: Rng, sd: number | undefined): number => (sd ? rng.normal(0, sd) : 0);

function varySteps(steps: readonly PlanStep[], v: PlanVariation, rng: Rng): PlanStep[] {
  return steps.map((s) => varyStep(s, v, rng));
}

/** Commands whose size is a technique choice: scaled by stepPct where they are repeated. */
function scaleCommand(c: Command, f: number): Command {
  if (f === 1) return c;
  switch (c.type) {
    case 'needle.advance':
      return { ...c, mm: round(c.mm * f, 2) };
    case 'balloon.inflate':
      return { ...c, mL: round(c.mL * f) };
    case 'cement.inject':
      return { ...c, mL: round(c.mL * f) };
    case 'channel.drill':
      return { ...c, mm: round(c.mm * f, 1) };
    default:
      return c;
  }
}

/** Commands that carry an aim or an entry get their offsets; others pass as they are. */
function varyCommand(c: Command, v: PlanVariation, rng: Rng): Command {
  if (c.type === 'needle.entry' && v.entryMm)
    return {
      ...c,
      lateralMm: round(c.lateralMm + offset(rng, v.entryMm), 2),
      cranialMm: round(c.cranialMm + offset(rng, v.entryMm), 2),
    };
  if (c.type === 'needle.aim' && v.aimDeg)
    return {
      ...c,
      medialDeg: round(c.medialDeg + offset(rng, v.aimDeg), 2),
      caudalDeg: round(c.caudalDeg + offset(rng, v.aimDeg), 2),
    };
  if (c.type === 'time.wait' && v.timingPct) return { ...c, s: round(c.s * factor(rng, v.timingPct), 2) };
  return c;
}

/** Thresholds the operator chooses (how far to inflate, how much cement) move with volumePct; others stay. */
function varyCondition(c: PlanCondition, f: number): PlanCondition {
  if (f === 1) return c;
  if ('balloonVolumeMl' in c) return { balloonVolumeMl: round(c.balloonVolumeMl * f) };
  if ('balloonPressurePsi' in c) return { balloonPressurePsi: round(c.balloonPressurePsi * f, 1) };
  if ('heightRegainedPct' in c) return { heightRegainedPct: round(c.heightRegainedPct * f, 1) };
  if ('cementInBodyMl' in c) return { cementInBodyMl: round(c.cementInBodyMl * f) };
  if ('cementBodyShare' in c) return { cementBodyShare: Math.min(1, round(c.cementBodyShare * f, 3)) };
  if ('anyOf' in c) return { anyOf: c.anyOf.map((x) => varyCondition(x, f)) };
  if ('allOf' in c) return { allOf: c.allOf.map((x) => varyCondition(x, f)) };
  if ('not' in c) return { not: varyCondition(c.not, f) };
  return c;
}

function varyStep(step: PlanStep, v: PlanVariation, rng: Rng): PlanStep {
  if ('do' in step) return { ...step, do: varyCommand(step.do, v, rng) };
  if ('waitS' in step) return { waitS: round(Math.min(3600, step.waitS * factor(rng, v.timingPct)), 2) };
  if ('shot' in step || 'trueView' in step) return step;
  if ('aimIdeal' in step) {
    if (!v.aimDeg) return step;
    return {
      ...step,
      medialOffsetDeg: round((step.medialOffsetDeg ?? 0) + offset(rng, v.aimDeg), 2),
      caudalOffsetDeg: round((step.caudalOffsetDeg ?? 0) + offset(rng, v.aimDeg), 2),
    };
  }
  if ('repeat' in step) {
    const everyS = round(step.everyS * factor(rng, v.timingPct), 2);
    const repeat = scaleCommand(step.repeat, factor(rng, v.stepPct));
    const vol = factor(rng, v.volumePct);
    return {
      ...step,
      repeat,
      everyS,
      until: varyCondition(step.until, vol),
      ...(step.stopIf ? { stopIf: varyCondition(step.stopIf, vol) } : {}),
    };
  }
  if ('dock' in step) {
    // Drawn in the repeat step's order (timing, then step size), so a plan whose docking loop
    // becomes a dock step keeps the same variation of the steps after it.
    const everyS = round(step.dock.everyS * factor(rng, v.timingPct), 2);
    const mm = round(step.dock.mm * factor(rng, v.stepPct), 2);
    factor(rng, v.volumePct);
    return { dock: { ...step.dock, everyS, mm } };
  }
  if ('waitUntil' in step) return { ...step, waitUntil: varyCondition(step.waitUntil, factor(rng, v.volumePct)) };
  // A measurement's error is the plan's own (no draw, so adding one leaves every other step's variation as it was).
  // A drill depth read off the image is the anatomy's, like a fixed channel.drill (no draw either way,
  // so switching a plan from one to the other leaves every other step's variation as it was).
  if ('localise' in step || 'measure' in step || 'drillTo' in step) return step;
  if ('routeEntry' in step) {
    if (!v.entryMm) return step;
    return {
      ...step,
      lateralMm: round((step.lateralMm ?? 0) + offset(rng, v.entryMm), 2),
      cranialMm: round((step.cranialMm ?? 0) + offset(rng, v.entryMm), 2),
    };
  }
  return {
    ...step,
    // biome-ignore lint/suspicious/noThenProperty: the plan's if / then / else; an array, never a thenable.
    then: varySteps(step.then, v, rng),
    ...(step.else ? { else: varySteps(step.else, v, rng) } : {}),
  };
}
