import { describe, expect, it } from 'vitest';
import { posteriorConcaveHalfWidthMm, wallInsetMm } from '../../sim/anatomy/bodyWaist';
import type { Scenario } from '../../levels/scenarioSchema';
import { add, scale, type Vec3 } from '../../sim/math/vec3';
import { classifierFor } from '../../sim/anatomy/classifierCache';
import { idealTrajectory } from '../../sim/anatomy/idealTrajectory';
import { CODE } from '../../sim/anatomy/tissueCodes';
import type { Anatomy, PedicleGeometry } from '../../sim/anatomy/types';
import type { DomainEvent } from '../../sim/core/events';
import { Trocar } from '../../sim/instruments/trocar';
import {
  anatomyAt,
  breachesOf,
  ellipseGap,
  pedicleFrame,
  pushTo,
  pushUntil,
  settle,
  target,
  trocarThrough,
  type Side,
} from './trocarDrive';

/**
 * Scripted trajectories: aim, push through the soft tissue by hand, tap
 * through cortex with the mallet. Every wall and depth is checked against geometry computed here
 * from the plain VertebraGeometry / PedicleGeometry fields (pedicleFrame, ellipseGap), not by the
 * sim's exitWallAt or landmarks.
 */
const CASES: readonly (readonly [Scenario['level'], number, Side])[] = [
  ['T8', 42, 'left'],
  ['T8', 5, 'right'],
  ['T12', 42, 'left'],
  ['T12', 9, 'right'],
  ['L1', 42, 'left'],
  ['L1', 7, 'right'],
  ['L4', 42, 'left'],
  ['L4', 3, 'right'],
];

const pedicleOn = (anatomy: Anatomy, side: Side): PedicleGeometry => target(anatomy).pedicles[side === 'left' ? 0 : 1];

/** A point of the pedicle given in its own frame (t from the anterior centre, w lateral, v cranial). */
function pedicleFramePoint(p: PedicleGeometry, t: number, w: number, v: number): Vec3 {
  const f = pedicleFrame(p);
  // Invert the frame numerically from its axis and lateral unit vectors.
  const A = p.anteriorCentre;
  const o = f.local(A);
  const ex = f.local({ x: A.x + 1, y: A.y, z: A.z });
  const ez = f.local({ x: A.x, y: A.y, z: A.z + 1 });
  const det = (ex.t - o.t) * (ez.w - o.w) - (ez.t - o.t) * (ex.w - o.w);
  const dx = (t * (ez.w - o.w) - w * (ez.t - o.t)) / det;
  const dz = ((ex.t - o.t) * w - (ex.w - o.w) * t) / det;
  return { x: A.x + dx, y: A.y + v, z: A.z + dz };
}

/** Where a straight path first leaves the pedicle's outer oval going forward, in the pedicle frame (own geometry); null if it never does alongside it. */
function pedicleExit(p: PedicleGeometry, from: Vec3, dir: Vec3): { t: number; w: number; v: number } | null {
  const f = pedicleFrame(p);
  let wasIn = false;
  for (let s = 0; s < 80; s += 0.01) {
    const l = f.local(add(from, scale(dir, s)));
    if (l.t < 0) return null;
    const inside = (l.w / (p.widthMm / 2)) ** 2 + (l.v / (p.heightMm / 2)) ** 2 <= 1 && l.t <= f.lengthMm;
    if (inside) wasIn = true;
    else if (wasIn) return l;
  }
  return null;
}

function isBone(anatomy: Anatomy, q: Vec3): boolean {
  const code = classifierFor(anatomy)(q.x, q.y, q.z);
  return code === CODE.cortical || code === CODE.cancellous;
}

describe.each(CASES)('scripted trajectories at %s (seed %i, %s)', (level, seed, side) => {
  it('a textbook trajectory reaches the anterior third with no breach', () => {
    const anatomy = anatomyAt(level, seed);
    const ideal = idealTrajectory(anatomy, side);
    const trocar = trocarThrough(anatomy, side, ideal.boneEntry, ideal.medialDeg, ideal.caudalDeg);
    const events: DomainEvent[] = [];
    // Hand push from the skin toward the target: it docks on the pedicle's cortex, short of it, and
    // the hand stops there (the rest of the push is abandoned).
    trocar.requestAdvance(ideal.depthMm);
    settle(trocar, events);
    expect(events.map((e) => e.type)).toContain('needle.docked');
    expect(trocar.moving).toBe(false);
    expect(trocar.view()!.depthMm).toBeLessThan(ideal.depthMm - 10);
    // Mallet taps where the hand stalls, hand pushes elsewhere, to the planned depth.
    pushTo(trocar, ideal.depthMm, events);
    const v = trocar.view()!;
    const types = events.map((e) => e.type);
    expect(types).toContain('needle.stalled');
    expect(v.taps).toBeGreaterThan(0);
    expect(types).toContain('needle.inTargetZone');
    expect(v.milestone).toBe('target');
    expect(v.breaches).toEqual([]);
    expect(v.safetyRuleViolated).toBe(false);
    expect(v.missedPedicle).toBeNull();
    // Own check of "anterior third": the tip is in front of the body's centre by a third of its half-depth or more.
    const body = target(anatomy);
    expect(v.tip.z - body.centre.z).toBeLessThanOrEqual(-body.bodyDepthMm / 6);
    expect(v.tissueAtTip).toBe('cancellous');
  });

  it('an over-medial trajectory breaches medially, to the depth beyond the pedicle wall, and violates the safety rule', () => {
    const anatomy = anatomyAt(level, seed);
    const p = pedicleOn(anatomy, side);
    const f = pedicleFrame(p);
    const ideal = idealTrajectory(anatomy, side);
    // Enter the pedicle's posterior end in its medial part and converge too much: the first
    // extra angle whose straight path leaves the oval through the medial wall in the posterior
    // half of the pedicle (own geometry).
    const through = pedicleFramePoint(p, f.lengthMm, -0.3 * (p.widthMm / 2), 0.2 * (p.heightMm / 2));
    let plan: { medialDeg: number } | null = null;
    for (let extra = 4; extra <= 40 && !plan; extra += 1) {
      const trial = trocarThrough(anatomy, side, through, ideal.medialDeg + extra, ideal.caudalDeg);
      const tv = trial.view()!;
      const e = pedicleExit(p, add(through, scale(tv.direction, -1)), tv.direction);
      if (
        e &&
        e.w < 0 &&
        Math.abs(e.w) / (p.widthMm / 2) >= Math.abs(e.v) / (p.heightMm / 2) &&
        e.t >= 0.5 * f.lengthMm
      )
        plan = { medialDeg: ideal.medialDeg + extra };
    }
    expect(plan).not.toBeNull();
    const trocar = trocarThrough(anatomy, side, through, plan!.medialDeg, ideal.caudalDeg);
    const events = pushUntil(trocar, (ev) => breachesOf(ev).length > 0, 200);
    expect(breachesOf(events)[0].wall).toBe('medial');
    // On into the canal in 0.25 mm hand pushes until the AP view would show the tip past the
    // pedicle's medial border, while it is still alongside the pedicle and out of bone.
    const outside: Vec3[] = [trocar.view()!.tip];
    const alongside = (q: Vec3): boolean => f.local(q).t >= 0.25 && !isBone(anatomy, q);
    while (!trocar.view()!.safetyRuleViolated && alongside(trocar.view()!.tip)) {
      pushTo(trocar, trocar.view()!.depthMm + 0.25, events);
      if (alongside(trocar.view()!.tip)) outside.push(trocar.view()!.tip);
    }
    const v = trocar.view()!;
    expect(v.safetyRuleViolated).toBe(true);
    expect(events.some((e) => e.type === 'needle.safetyRuleViolated')).toBe(true);
    expect(breachesOf(events).map((b) => b.wall)).toEqual(['medial']);
    // The path is straight from the exit on (no skive in soft tissue): the deepest point beyond the
    // pedicle's outer oval among the points it reached out of bone is the breach depth.
    const expected = Math.max(
      ...outside.map((q) => {
        const l = f.local(q);
        return ellipseGap(l.w, l.v, p.widthMm / 2, p.heightMm / 2);
      }),
    );
    expect(expected).toBeGreaterThan(0.2);
    expect(Math.abs(v.breaches.find((b) => b.wall === 'medial')!.depthMm - expected)).toBeLessThanOrEqual(1);
  });

  it('a too-caudal trajectory breaches inferiorly, to the depth beneath the pedicle', () => {
    const anatomy = anatomyAt(level, seed);
    const p = pedicleOn(anatomy, side);
    const f = pedicleFrame(p);
    const ideal = idealTrajectory(anatomy, side);
    const through = pedicleFramePoint(p, f.lengthMm, 0, 0.3 * (p.heightMm / 2));
    let plan: { caudalDeg: number } | null = null;
    for (let extra = 4; extra <= 50 && !plan; extra += 1) {
      const trial = trocarThrough(anatomy, side, through, ideal.medialDeg, ideal.caudalDeg + extra);
      const tv = trial.view()!;
      const e = pedicleExit(p, add(through, scale(tv.direction, -1)), tv.direction);
      if (e && e.v < 0 && Math.abs(e.v) / (p.heightMm / 2) > Math.abs(e.w) / (p.widthMm / 2) && e.t >= 0.5 * f.lengthMm)
        plan = { caudalDeg: ideal.caudalDeg + extra };
    }
    expect(plan).not.toBeNull();
    const trocar = trocarThrough(anatomy, side, through, ideal.medialDeg, plan!.caudalDeg);
    const events = pushUntil(trocar, (ev) => breachesOf(ev).length > 0, 200);
    pushTo(trocar, trocar.view()!.depthMm + 1, events);
    const v = trocar.view()!;
    expect(breachesOf(events)[0].wall).toBe('inferior');
    const l = f.local(v.tip);
    expect(l.t).toBeGreaterThanOrEqual(0);
    expect(l.t).toBeLessThanOrEqual(f.lengthMm);
    expect(l.v).toBeLessThan(0);
    expect(['cortical', 'cancellous']).not.toContain(v.tissueAtTip);
    const expected = ellipseGap(l.w, l.v, p.widthMm / 2, p.heightMm / 2);
    expect(expected).toBeGreaterThan(0.3);
    expect(Math.abs(v.breaches.find((b) => b.wall === 'inferior')!.depthMm - expected)).toBeLessThanOrEqual(1);
  });

  it('a too-deep trajectory perforates the anterior cortex, to the depth in front of the body', () => {
    const anatomy = anatomyAt(level, seed);
    const ideal = idealTrajectory(anatomy, side);
    const trocar = trocarThrough(anatomy, side, ideal.boneEntry, ideal.medialDeg, ideal.caudalDeg);
    const events = pushUntil(trocar, (ev) => breachesOf(ev).length > 0, 250);
    pushTo(trocar, trocar.view()!.depthMm + 2, events);
    const v = trocar.view()!;
    expect(events.map((e) => e.type)).toContain('needle.inTargetZone');
    expect(breachesOf(events)[0].wall).toBe('anterior');
    expect(v.breaches.map((b) => b.wall)).not.toContain('medial');
    // Own geometry: in front of the centre the footprint is the ellipse (bodyWidth/2, bodyDepth/2).
    const body = target(anatomy);
    const lx = v.tip.x - body.centre.x;
    const lz = v.tip.z - body.centre.z;
    expect(lz).toBeLessThan(0);
    // Past the anterior wall, which stands inside the ellipse by the body's waist at the tip's height.
    const waist = wallInsetMm(
      v.tip.y,
      body.centre.y,
      body.intactHeightMm / 2,
      lx,
      lz,
      posteriorConcaveHalfWidthMm(body),
      body.bodyDepthMm / 2,
    );
    const expected = ellipseGap(lx, lz, body.bodyWidthMm / 2, body.bodyDepthMm / 2) + waist;
    expect(expected).toBeGreaterThan(1);
    expect(Math.abs(v.breaches.find((b) => b.wall === 'anterior')!.depthMm - expected)).toBeLessThanOrEqual(1);
  });

  it('a too-lateral trajectory misses the pedicle, outside its oval, without entering the vertebra', () => {
    const anatomy = anatomyAt(level, seed);
    const p = pedicleOn(anatomy, side);
    const f = pedicleFrame(p);
    const body = target(anatomy);
    const ideal = idealTrajectory(anatomy, side);
    const a = body.bodyWidthMm / 2;
    const b = body.bodyDepthMm / 2;
    // Own footprint: ellipse in front of the centre, superellipse (exponent 4) behind it.
    const inFootprint = (q: Vec3): boolean => {
      const u = (q.x - body.centre.x) / a;
      const w = (q.z - body.centre.z) / b;
      return w <= 0 ? u * u + w * w <= 1 : u ** 4 + w ** 4 <= 1;
    };
    // A skin entry too far lateral, converging no more than the textbook: the first (least
    // lateral) one whose straight path passes lateral of the pedicle's oval, clear of it by 1 mm,
    // and does not reach the body's footprint before it is 12 mm in front of the pedicle (a
    // lateral pass is called a miss only 10 mm in front of it: closer, it may still be an
    // extrapedicular route onto the body).
    let trocar: ReturnType<typeof trocarThrough> | null = null;
    for (let lateralMm = 10; lateralMm <= 60 && !trocar; lateralMm += 5) {
      for (let less = 0; less <= 30 && !trocar; less += 5) {
        const trial = new Trocar(anatomy, anatomy.scenario.equipment.trocarGauge);
        trial.setEntry(side, lateralMm, 0);
        trial.aim(ideal.medialDeg - less, ideal.caudalDeg);
        const tv = trial.view()!;
        let clear = true;
        for (let s = 0; clear; s += 0.1) {
          const q = add(tv.entry, scale(tv.direction, s));
          const l = f.local(q);
          if (l.t < -12) break;
          if (l.t <= f.lengthMm + 1 && (l.w <= 0 || ellipseGap(l.w, l.v, p.widthMm / 2, p.heightMm / 2) < 1))
            clear = false;
          if (inFootprint(q)) clear = false;
        }
        if (clear) trocar = trial;
      }
    }
    expect(trocar).not.toBeNull();
    const events = pushUntil(trocar!, (ev) => ev.some((e) => e.type === 'needle.missedPedicle'), 250);
    const v = trocar!.view()!;
    expect(v.missedPedicle).toBe('lateral');
    // Never docked on, nor entered, the target's pedicle or body (a transverse process or rib on the way may be crossed).
    expect(v.milestone).toBe('skin');
    expect(events.filter((e) => e.type === 'needle.docked' || e.type === 'needle.inPedicle')).toEqual([]);
    // No wall of the vertebra was breached; the only possible breach is the pleura, where the path ran into a lung.
    for (const br of v.breaches) expect(br.wall).toBe('pleura');
    // Own geometry: alongside the pedicle the tip's path stayed outside its oval, on the lateral side.
    let alongside = 0;
    for (let s = 0; s <= v.depthMm; s += 0.25) {
      const l = f.local(add(v.entry, scale(v.direction, s)));
      if (l.t < 0 || l.t > f.lengthMm) continue;
      alongside++;
      expect(l.w).toBeGreaterThan(0);
      expect(ellipseGap(l.w, l.v, p.widthMm / 2, p.heightMm / 2)).toBeGreaterThan(0.5);
    }
    expect(alongside).toBeGreaterThan(0);
    expect(f.local(v.tip).t).toBeLessThan(0);
  });
});
