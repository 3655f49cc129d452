/**
 * Test helpers shared by the trocar tests: scenarios at any level, a trocar aimed through a chosen
 * bone point, a driver that pushes by hand and taps with the mallet where the hand stalls, and an
 * independent geometry (pedicle frame, ellipse distance) computed here from the anatomy's plain
 * fields, not by the sim's own landmark or breach code.
 */
import { readFileSync } from 'node:fs';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/rng';
import type { DomainEvent } from '../../sim/core/events';
import type { Vec3 } from '../../sim/math/vec3';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { defaultSkinEntry, trajectoryDirection } from '../../sim/anatomy/idealTrajectory';
import { exitThroughSkin } from '../../sim/anatomy/torso';
import type { Anatomy, PedicleGeometry, VertebraGeometry } from '../../sim/anatomy/types';
import { Trocar } from '../../sim/instruments/trocar';

export type Side = 'left' | 'right';
const base = JSON.parse(readFileSync(new URL('../../levels/l1-osteoporotic-wedge.json', import.meta.url), 'utf8'));

/** The L1 scenario moved to another level (mid-thoracic levels get a 13 G trocar, docs/clinical-sources.md). */
export function scenarioAt(
  level: Scenario['level'],
  overrides: { gauge?: 11 | 13 | 15; tScore?: number } = {},
): Scenario {
  const gauge = overrides.gauge ?? (level.startsWith('T') && Number(level.slice(1)) <= 10 ? 13 : 11);
  return parseScenario({
    ...base,
    level,
    patient: { ...base.patient, tScore: overrides.tScore ?? base.patient.tScore },
    equipment: { ...base.equipment, trocarGauge: gauge },
  });
}

export function anatomyAt(
  level: Scenario['level'],
  seed: number,
  overrides: { gauge?: 11 | 13 | 15; tScore?: number } = {},
): Anatomy {
  return buildAnatomy(scenarioAt(level, overrides), createRng(seed));
}

export const target = (anatomy: Anatomy): VertebraGeometry => anatomy.vertebrae[anatomy.targetIndex];

/** A trocar on `side` whose straight path passes through `through` with the given angles; the skin entry is found backwards along it. */
export function trocarThrough(
  anatomy: Anatomy,
  side: Side,
  through: Vec3,
  medialDeg: number,
  caudalDeg: number,
): Trocar {
  const d = trajectoryDirection(side, medialDeg, caudalDeg);
  const skin = exitThroughSkin(anatomy, through, { x: -d.x, y: -d.y, z: -d.z });
  const base0 = defaultSkinEntry(anatomy, side);
  const trocar = new Trocar(anatomy, anatomy.scenario.equipment.trocarGauge);
  trocar.setEntry(side, (side === 'left' ? 1 : -1) * (skin.x - base0.x), skin.y - base0.y);
  trocar.aim(medialDeg, caudalDeg);
  return trocar;
}

/** Step at the fixed 1/60 s until the trocar is still. */
export function settle(trocar: Trocar, events: DomainEvent[], maxTicks = 50_000): void {
  for (let i = 0; i < maxTicks && trocar.moving; i++) events.push(...trocar.step(1 / 60));
}

/**
 * Push by hand toward depthMm; wherever the hand stalls (cortex), give one mallet tap and push
 * again. A tap can carry the tip past depthMm (the hand checks it only after its travel).
 */
export function pushTo(trocar: Trocar, depthMm: number, events: DomainEvent[] = [], maxTaps = 200): DomainEvent[] {
  for (let taps = 0; trocar.view()!.depthMm < depthMm - 1e-6 && taps <= maxTaps; taps++) {
    trocar.requestAdvance(depthMm - trocar.view()!.depthMm);
    settle(trocar, events);
    if (trocar.view()!.depthMm >= depthMm - 1e-6) break;
    trocar.tap();
    settle(trocar, events);
  }
  return events;
}

/** Advance in 0.5 mm pushes (tapping where needed) until `stop` says so or maxDepthMm is reached. */
export function pushUntil(
  trocar: Trocar,
  stop: (events: readonly DomainEvent[]) => boolean,
  maxDepthMm: number,
  events: DomainEvent[] = [],
): DomainEvent[] {
  for (let stuck = 0; !stop(events) && trocar.view()!.depthMm < maxDepthMm && stuck < 20; ) {
    const before = trocar.view()!.depthMm;
    pushTo(trocar, before + 0.5, events, 20);
    stuck = trocar.view()!.depthMm > before + 1e-6 ? 0 : stuck + 1;
  }
  return events;
}

/** The pedicle's frame from its plain fields: t along the axis from the anterior centre (posterior +), w lateral, v cranial. */
export function pedicleFrame(p: PedicleGeometry): {
  local: (q: Vec3) => { t: number; w: number; v: number };
  lengthMm: number;
} {
  const A = p.anteriorCentre;
  const dx = p.posteriorCentre.x - A.x;
  const dz = p.posteriorCentre.z - A.z;
  const lengthMm = Math.hypot(dx, dz);
  const ux = dx / lengthMm;
  const uz = dz / lengthMm;
  // Horizontal normal to the axis, turned to point away from the midline.
  let nx = uz;
  let nz = -ux;
  if (Math.sign(nx) !== (p.side === 'left' ? 1 : -1)) {
    nx = -nx;
    nz = -nz;
  }
  return {
    lengthMm,
    local: (q) => ({ t: (q.x - A.x) * ux + (q.z - A.z) * uz, w: (q.x - A.x) * nx + (q.z - A.z) * nz, v: q.y - A.y }),
  };
}

/**
 * Distance from (x, y) to the ellipse with half-axes a, b (0 inside): dense sampling of the
 * ellipse, then golden-section refinement around the best sample (independent of the sim's
 * bisection on Eberly's function).
 */
export function ellipseGap(x: number, y: number, a: number, b: number): number {
  if ((x / a) ** 2 + (y / b) ** 2 <= 1) return 0;
  const d = (th: number): number => Math.hypot(x - a * Math.cos(th), y - b * Math.sin(th));
  const N = 2000;
  let best = 0;
  for (let i = 1; i < N; i++) if (d((2 * Math.PI * i) / N) < d((2 * Math.PI * best) / N)) best = i;
  let lo = (2 * Math.PI * (best - 1)) / N;
  let hi = (2 * Math.PI * (best + 1)) / N;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 60; k++) {
    const m1 = hi - g * (hi - lo);
    const m2 = lo + g * (hi - lo);
    if (d(m1) < d(m2)) hi = m2;
    else lo = m1;
  }
  return d((lo + hi) / 2);
}

export const breachesOf = (events: readonly DomainEvent[]) =>
  events.flatMap((e) => (e.type === 'needle.breach' ? [e] : []));
