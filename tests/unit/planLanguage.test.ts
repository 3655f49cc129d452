import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../sim/math/rng';
import {
  PlanError,
  conditionHolds,
  contextOf,
  planSchema,
  playPlan,
  runPlan,
  varyPlan,
  type Plan,
  type PlanCondition,
  type PlanStep,
} from '../../sim/plan/index';
import { createSession } from '../../sim/session/session';
import type { Session } from '../../sim/session/sessionTypes';
import type { SimSnapshot } from '../../sim/session/snapshot';
import { loadPlan, loadScenario } from './goldenFixtures';

const kyphoplasty = loadScenario('levels/l1-osteoporotic-wedge.json');
const vertebroplasty = loadScenario('levels/t12-biconcave-vertebroplasty.json');
const plan = (steps: PlanStep[], extra: Partial<Plan> = {}): Plan => ({
  format: 'kyphosim-plan',
  version: 1,
  description: 'test',
  steps,
  ...extra,
});
/** An if step (the plan's own words; built here once, so the lint rule on "then" properties is silenced in one place). */
const ifStep = (cond: unknown, thenSteps: unknown[], elseSteps?: unknown[]): PlanStep =>
  // biome-ignore lint/suspicious/noThenProperty: the plan's if / then / else; an array, never a thenable.
  ({ if: cond, then: thenSteps, ...(elseSteps ? { else: elseSteps } : {}) }) as PlanStep;
const tick = (item: 'history' | 'imaging' | 'candidacy'): PlanStep => ({ do: { type: 'checklist.tick', item } });
let base: SimSnapshot | null = null;
/** The snapshot of a new session (made once: conditions only read it). */
const fresh = (): SimSnapshot => {
  base ??= createSession(kyphoplasty, 1).snapshot();
  return base;
};
/** A fresh snapshot with some fields replaced: conditions read only the snapshot. */
const snapWith = (patch: Record<string, unknown>): SimSnapshot => ({ ...fresh(), ...patch }) as SimSnapshot;
const ctx = { phaseTick: 0, lastPushTick: null };

describe('plan language: schema', () => {
  it('keeps every shipped and fixture plan valid', () => {
    const files = [
      ...readdirSync('levels/plans')
        .filter((f) => f.endsWith('.json'))
        .map((f) => `levels/plans/${f}`),
      ...readdirSync('tests/fixtures/plans')
        .filter((f) => f.endsWith('.json'))
        .map((f) => `tests/fixtures/plans/${f}`),
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(planSchema.safeParse(JSON.parse(readFileSync(f, 'utf8'))).success, f).toBe(true);
  });

  it('accepts the new steps and conditions, nested, and refuses malformed ones', () => {
    const ok = plan([
      ifStep(
        { anyOf: [{ cementLeakSeen: true }, { event: 'needle.breach', since: 'start' }] },
        [{ do: { type: 'discharge.decide', decision: 'overnight' } }],
        [ifStep({ not: { tackFeel: 'doughy' } }, [{ waitS: 1 }])],
      ),
      { trueView: 'AP' },
      {
        repeat: { type: 'balloon.inflate', mL: 0.25 },
        everyS: 2,
        until: { allOf: [{ balloonVolumeMl: 1 }, { heightRegainedPct: 50 }] },
        stopIf: { anyOf: [{ balloonPressurePsi: 250 }, { event: 'cement.leak', since: 'lastPush' }] },
        max: 10,
      },
    ]);
    expect(planSchema.safeParse({ ...ok, fits: { procedure: 'kyphoplasty' }, variation: { aimDeg: 1 } }).success).toBe(
      true,
    );
    const bad: unknown[] = [
      plan([{ if: { tackFeel: 'doughy' } } as unknown as PlanStep]),
      plan([ifStep({ tackFeel: 'crunchy' }, [])]),
      plan([ifStep({ anyOf: [] }, [])]),
      plan([ifStep({ event: 'x', since: 'yesterday' }, [])]),
      { ...plan([]), variation: { aimDeg: -1 } },
      { ...plan([]), fits: { procedure: 'discectomy' } },
    ];
    for (const b of bad) expect(planSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });
});

describe('plan language: conditions', () => {
  it('cementBodyShare reads the share of the body the cement fills, not its volume', () => {
    const withFill = (fillFraction: number) =>
      snapWith({ cement: { ...fresh().cement, distribution: { ...fresh().cement.distribution, fillFraction } } });
    expect(conditionHolds(withFill(0.19), { cementBodyShare: 0.2 }, ctx)).toBe(false);
    expect(conditionHolds(withFill(0.2), { cementBodyShare: 0.2 }, ctx)).toBe(true);
    expect(planSchema.safeParse(plan([{ waitUntil: { cementBodyShare: 1.5 }, stepS: 1, maxS: 5 }])).success).toBe(
      false,
    );
  });

  it('the volume-by-body plan puts less cement in a small thoracic body than in a large lumbar one', () => {
    const byBody = loadPlan('levels/plans/kyphoplasty-volume-by-body.json');
    const t12 = runPlan(loadScenario('levels/t12-osteoporotic-wedge-kyphoplasty.json'), 3, byBody).snapshot();
    const l3 = runPlan(loadScenario('levels/l3-osteoporotic-wedge-obese.json'), 3, byBody).snapshot();
    expect(t12.cement.distribution.fillFraction).toBeGreaterThanOrEqual(0.17);
    expect(l3.cement.distribution.fillFraction).toBeGreaterThanOrEqual(0.17);
    expect(l3.cement.inBodyMl - t12.cement.inBodyMl).toBeGreaterThan(1.5);
  });

  it('anyOf, allOf and not combine conditions', () => {
    const s = fresh();
    const yes: PlanCondition = { phase: 'caseReview' };
    const no: PlanCondition = { phase: 'cement' };
    expect(conditionHolds(s, { anyOf: [no, yes] }, ctx)).toBe(true);
    expect(conditionHolds(s, { anyOf: [no, no] }, ctx)).toBe(false);
    expect(conditionHolds(s, { allOf: [yes, yes] }, ctx)).toBe(true);
    expect(conditionHolds(s, { allOf: [yes, no] }, ctx)).toBe(false);
    expect(conditionHolds(s, { not: no }, ctx)).toBe(true);
    expect(conditionHolds(s, { not: { anyOf: [yes] } }, ctx)).toBe(false);
  });

  it('balloonPressurePsi and heightRegainedPct are thresholds the operator chooses (>=)', () => {
    const s = snapWith({ balloon: { ...({} as object), volumeMl: 3, pressurePsi: 200 } });
    expect(conditionHolds(s, { balloonPressurePsi: 200 }, ctx)).toBe(true);
    expect(conditionHolds(s, { balloonPressurePsi: 201 }, ctx)).toBe(false);
    expect(conditionHolds(fresh(), { balloonPressurePsi: 1 }, ctx)).toBe(false);
    const h = fresh().height;
    // 10 mm lost, 6 mm back: 60 % regained.
    const lifted = snapWith({ height: { ...h, intactMm: 30, preOpAnteriorMm: 20, anteriorMm: 26 } });
    expect(conditionHolds(lifted, { heightRegainedPct: 60 }, ctx)).toBe(true);
    expect(conditionHolds(lifted, { heightRegainedPct: 61 }, ctx)).toBe(false);
  });

  it('an event since the last push counts only events from the latest cement.inject on', () => {
    const events = [{ tick: 100, event: { type: 'cement.leak', location: 'venous', volumeMl: 0.1 } }];
    const s = snapWith({ events });
    const leakSincePush: PlanCondition = { event: 'cement.leak', since: 'lastPush' };
    expect(conditionHolds(s, leakSincePush, { phaseTick: 0, lastPushTick: 90 })).toBe(true);
    expect(conditionHolds(s, leakSincePush, { phaseTick: 0, lastPushTick: 100 })).toBe(true);
    expect(conditionHolds(s, leakSincePush, { phaseTick: 0, lastPushTick: 120 })).toBe(false);
    expect(conditionHolds(s, leakSincePush, { phaseTick: 0, lastPushTick: null })).toBe(false);
    // The default counts from the phase start; 'start' counts everything.
    expect(conditionHolds(s, { event: 'cement.leak' }, { phaseTick: 150, lastPushTick: null })).toBe(false);
    expect(conditionHolds(s, { event: 'cement.leak', since: 'start' }, { phaseTick: 150, lastPushTick: null })).toBe(
      true,
    );
  });

  it("the last push is the current side's: a bipedicular side begins with none, so the other side's leak does not stop it", () => {
    const at = (tick: number, command: Record<string, unknown>) => ({ tick, command }) as Session['log'][number];
    const log = [
      at(5, { type: 'phase.next' }),
      at(10, { type: 'cement.inject', mL: 0.4 }),
      at(14, { type: 'cement.inject', mL: 0.4 }),
      at(20, { type: 'side.select', side: 'right' }),
    ];
    const afterSelect = contextOf({ log, scenario: kyphoplasty });
    expect(afterSelect).toMatchObject({ phaseTick: 20, lastPushTick: null });
    // A leak from the left side's last push (tick 16) is not "since the last push" on the right.
    const leak = snapWith({
      events: [{ tick: 16, event: { type: 'cement.leak', location: 'venous', volumeMl: 0.1 } }],
    });
    expect(conditionHolds(leak, { event: 'cement.leak', since: 'lastPush' }, afterSelect)).toBe(false);
    const onRight = contextOf({ log: [...log, at(25, { type: 'cement.inject', mL: 0.4 })], scenario: kyphoplasty });
    expect(onRight).toMatchObject({ phaseTick: 20, lastPushTick: 25 });
    // Within one side the latest push is found behind later commands of other kinds.
    const left = contextOf({ log: [...log.slice(0, 3), at(15, { type: 'cement.tackTest' })], scenario: kyphoplasty });
    expect(left).toMatchObject({ phaseTick: 5, lastPushTick: 14 });
  });

  it('tackFeel reads the latest tack test; cementLeakSeen only a leak an image showed', () => {
    const c = fresh().cement;
    const doughy = snapWith({ cement: { ...c, lastTack: { feel: 'doughy', sinceMixS: 200 } } });
    expect(conditionHolds(doughy, { tackFeel: 'doughy' }, ctx)).toBe(true);
    expect(conditionHolds(doughy, { tackFeel: 'sticky' }, ctx)).toBe(false);
    expect(conditionHolds(fresh(), { tackFeel: 'doughy' }, ctx)).toBe(false);
    const leak = { location: 'venous', volumeMl: 0.2, firstTick: 10, via: [] };
    expect(
      conditionHolds(
        snapWith({ cement: { ...c, leaks: [{ ...leak, seenTick: null }] } }),
        { cementLeakSeen: true },
        ctx,
      ),
    ).toBe(false);
    expect(
      conditionHolds(snapWith({ cement: { ...c, leaks: [{ ...leak, seenTick: 12 }] } }), { cementLeakSeen: true }, ctx),
    ).toBe(true);
  });

  it('caseFinding reads what the case review shows of the fracture', () => {
    const broken = {
      phaseTick: 0,
      lastPushTick: null,
      fracture: { ...vertebroplasty.fracture, posteriorWallDefect: true },
    };
    const intact = {
      phaseTick: 0,
      lastPushTick: null,
      fracture: { ...vertebroplasty.fracture, posteriorWallDefect: false },
    };
    expect(conditionHolds(fresh(), { caseFinding: 'posteriorWallDefect' }, broken)).toBe(true);
    expect(conditionHolds(fresh(), { caseFinding: 'posteriorWallDefect' }, intact)).toBe(false);
    expect(conditionHolds(fresh(), { caseFinding: 'posteriorWallDefect' }, ctx)).toBe(false);
  });

  it('the expert vertebroplasty for a broken wall stops at the posterior quarter on that case', () => {
    const myeloma = loadScenario('levels/l1-myeloma-posterior-wall-defect.json');
    const textbook = planSchema.parse(
      JSON.parse(readFileSync('levels/plans/expert-vertebroplasty-wall-defect.json', 'utf8')),
    );
    // The same plan without the broken-wall clause: it stops only near the posterior wall (0.9).
    const withoutWallClause: Plan = {
      ...textbook,
      steps: textbook.steps.map((s) =>
        'repeat' in s && s.repeat.type === 'cement.inject'
          ? { ...s, stopIf: { anyOf: [{ event: 'cement.leak' }, { cementPosteriorReachSeen: 0.9 }] } }
          : s,
      ),
    };
    const reach = (p: Plan) => runPlan(myeloma, 3, p).snapshot().cement.distribution.posteriorReach ?? 0;
    const careful = reach(textbook);
    expect(careful).toBeLessThan(0.85);
    expect(reach(withoutWallClause)).toBeGreaterThan(careful + 0.05);
  });

  it('cementPosteriorReachSeen needs a lateral image since the latest push showing the front that far back', () => {
    const c = fresh().cement;
    const deep = { ...c, distribution: { ...c.distribution, posteriorReach: 0.8 } };
    const lateralAt = (tick: number) => ({ tick, event: { type: 'image.acquired', view: 'lateral' } });
    const apAt = (tick: number) => ({ tick, event: { type: 'image.acquired', view: 'AP' } });
    const stop: PlanCondition = { cementPosteriorReachSeen: 0.75 };
    const afterPush = { phaseTick: 0, lastPushTick: 100 };
    expect(conditionHolds(snapWith({ cement: deep, events: [lateralAt(110)] }), stop, afterPush)).toBe(true);
    // The image came before the push: the operator has not seen where this push went.
    expect(conditionHolds(snapWith({ cement: deep, events: [lateralAt(90)] }), stop, afterPush)).toBe(false);
    // An AP image does not show how far back the cement is.
    expect(conditionHolds(snapWith({ cement: deep, events: [apAt(110)] }), stop, afterPush)).toBe(false);
    // Not as far back as the operator's line, or no push yet.
    expect(
      conditionHolds(
        snapWith({ cement: deep, events: [lateralAt(110)] }),
        { cementPosteriorReachSeen: 0.85 },
        afterPush,
      ),
    ).toBe(false);
    expect(conditionHolds(snapWith({ cement: deep, events: [lateralAt(110)] }), stop, ctx)).toBe(false);
  });
});

describe('plan language: runner', () => {
  it('if runs then when the condition holds, else otherwise', () => {
    const p = plan([
      ifStep({ phase: 'caseReview' }, [tick('history')], [tick('imaging')]),
      ifStep({ phase: 'cement' }, [tick('imaging')], [tick('candidacy')]),
      ifStep({ phase: 'cement' }, [tick('imaging')]),
    ]);
    const items = runPlan(kyphoplasty, 1, p).log.map((e) =>
      e.command.type === 'checklist.tick' ? e.command.item : '',
    );
    expect(items).toEqual(['history', 'candidacy']);
  });

  it('a refused step ends the plan with the session kept and the step named (nested steps too)', () => {
    const p = plan([
      tick('history'),
      ifStep({ phase: 'caseReview' }, [tick('imaging'), { do: { type: 'balloon.insert' } }]),
      tick('candidacy'),
    ]);
    const run = playPlan(kyphoplasty, 1, p);
    expect(run.stoppedAt?.step).toBe('1.then.1');
    expect(run.stoppedAt?.reason).toMatch(/balloon\.insert refused in phase caseReview/);
    expect(run.session.log.map((e) => e.command.type)).toEqual(['checklist.tick', 'checklist.tick']);
    expect(() => runPlan(kyphoplasty, 1, p)).toThrow(PlanError);
    expect(() => runPlan(kyphoplasty, 1, p)).toThrow(/plan step 1\.then\.1: balloon\.insert refused/);
    expect(playPlan(kyphoplasty, 1, plan([tick('history')])).stoppedAt).toBeUndefined();
  });

  it('a closed-loop step that misses its goal stops the plan without losing the session', () => {
    const run = playPlan(kyphoplasty, 1, plan([{ waitUntil: { phase: 'cement' }, stepS: 1, maxS: 3 }]));
    expect(run.stoppedAt?.step).toBe('0');
    expect(run.session.snapshot().timeS).toBeCloseTo(3, 5);
  });

  it('trueView squares the C-arm to the patient: the central ray lies along the true AP', () => {
    // The textbook plan up to its set-up phase (the steps before it turns pulsed fluoroscopy on).
    const textbook = loadPlan('levels/plans/textbook-kyphoplasty.json').steps;
    const setup = textbook.findIndex((s) => 'do' in s && s.do.type === 'fluoro.mode');
    const upToSetup = textbook.slice(0, setup);
    // A patient lying rotated on the table, so the preset AP is oblique.
    const seed = [1, 2, 3, 4, 5, 6, 7, 8].find((s) => createSession(kyphoplasty, s).snapshot().carm.obliquityDeg > 2);
    if (seed === undefined) throw new Error('no rotated patient among seeds 1..8');
    const before = runPlan(kyphoplasty, seed, plan([...upToSetup, { shot: 'AP', seconds: 1 }])).snapshot();
    expect(before.carm.obliquityDeg).toBeGreaterThan(2);
    const after = runPlan(
      kyphoplasty,
      seed,
      plan([...upToSetup, { trueView: 'AP' }, { shot: 'AP', seconds: 1 }]),
    ).snapshot();
    expect(after.carm.view).toBe('AP');
    expect(after.carm.obliquityDeg).toBeLessThan(0.5);
  });

  it('a tack test repeated every 20 s until doughy stops when the glove says so, in the working phase', () => {
    const steps = loadPlan('levels/plans/textbook-vertebroplasty.json').steps;
    const mix = steps.findIndex((s) => 'do' in s && s.do.type === 'cement.mix');
    const s = runPlan(
      vertebroplasty,
      3,
      plan([
        ...steps.slice(0, mix + 1),
        { repeat: { type: 'cement.tackTest' }, everyS: 20, until: { tackFeel: 'doughy' }, max: 60 },
      ]),
    ).snapshot();
    const tacks = s.events.filter((e) => e.event.type === 'cement.tack');
    expect(tacks.length).toBeGreaterThan(1);
    expect(s.cement.lastTack?.feel).toBe('doughy');
    expect(s.cement.phase).toBe('working');
    // Every earlier test felt otherwise, or the loop would have stopped there.
    expect(tacks.slice(0, -1).every((e) => e.event.type === 'cement.tack' && e.event.feel !== 'doughy')).toBe(true);
  });
});

describe('plan language: natural variation', () => {
  const varied = plan(
    [
      { do: { type: 'needle.entry', side: 'left', lateralMm: 0, cranialMm: 0 } },
      { aimIdeal: true },
      { waitS: 20 },
      {
        repeat: { type: 'cement.inject', mL: 0.5 },
        everyS: 3,
        until: { cementInBodyMl: 4 },
        stopIf: { anyOf: [{ event: 'cement.leak' }, { balloonPressurePsi: 250 }] },
        max: 10,
      },
      ifStep({ phase: 'x' }, [{ waitS: 10 }]),
    ],
    { variation: { aimDeg: 1, entryMm: 2, timingPct: 10, stepPct: 10, volumePct: 10 } },
  );
  const draw = (seed: number) => varyPlan(varied, createRng(seed).fork('plan.variation'));

  it('is deterministic per seed and differs between seeds', () => {
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
  });

  it('moves each figure it names, within 3 sd, and leaves the rest', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const [entry, aim, wait, inject, branch] = draw(seed).steps as [PlanStep, PlanStep, PlanStep, PlanStep, PlanStep];
      if (!('do' in entry) || entry.do.type !== 'needle.entry') throw new Error('entry');
      expect(Math.abs(entry.do.lateralMm)).toBeLessThanOrEqual(6.01);
      expect(entry.do.side).toBe('left');
      if (!('aimIdeal' in aim)) throw new Error('aim');
      expect(Math.abs(aim.medialOffsetDeg ?? 0)).toBeLessThanOrEqual(3.01);
      if (!('waitS' in wait)) throw new Error('wait');
      expect(wait.waitS).toBeGreaterThanOrEqual(20 * 0.7 - 0.01);
      expect(wait.waitS).toBeLessThanOrEqual(20 * 1.3 + 0.01);
      if (!('repeat' in inject) || inject.repeat.type !== 'cement.inject' || !('cementInBodyMl' in inject.until))
        throw new Error('inject');
      expect(inject.repeat.mL).toBeGreaterThanOrEqual(0.35 - 1e-9);
      expect(inject.repeat.mL).toBeLessThanOrEqual(0.65 + 1e-9);
      expect(inject.until.cementInBodyMl).toBeGreaterThanOrEqual(2.8 - 1e-9);
      expect(inject.until.cementInBodyMl).toBeLessThanOrEqual(5.2 + 1e-9);
      expect(inject.max).toBe(10);
      // The event stays an event; the pressure threshold moves with the stop volume.
      const stop = inject.stopIf as { anyOf: PlanCondition[] };
      expect(stop.anyOf[0]).toEqual({ event: 'cement.leak' });
      if (!('if' in branch) || !('waitS' in branch.then[0])) throw new Error('branch');
      expect(branch.then[0].waitS).not.toBe(10);
    }
  });

  it('two operators (variation keys) on the same patient vary independently, each reproducibly', () => {
    const p = plan([tick('history'), { waitS: 20 }, tick('imaging')], { variation: { timingPct: 20 } });
    const gap = (key: string) => {
      const log = playPlan(kyphoplasty, 4, p, { variationKey: key }).session.log;
      return log[1].tick - log[0].tick;
    };
    expect(gap('a')).toBe(gap('a'));
    expect(gap('a')).not.toBe(gap('b'));
  });

  it('a plan without variation is run as written; playPlan can switch variation off', () => {
    const plain = plan(varied.steps);
    expect(varyPlan(plain, createRng(1))).toBe(plain);
    const a = playPlan(
      kyphoplasty,
      4,
      plan([tick('history'), { waitS: 20 }, tick('imaging')], { variation: { timingPct: 20 } }),
    );
    const b = playPlan(
      kyphoplasty,
      4,
      plan([tick('history'), { waitS: 20 }, tick('imaging')], { variation: { timingPct: 20 } }),
      {
        variation: false,
      },
    );
    expect(b.session.log[1].tick - b.session.log[0].tick).toBe(20 * 60);
    expect(a.session.log[1].tick - a.session.log[0].tick).not.toBe(20 * 60);
  });
});
