import { describe, expect, it } from 'vitest';
import { pedicleOf } from '../../sim/anatomy/landmarks';
import {
  DETECTOR_DIAMETER_MM,
  drawPatientRotation,
  makePose,
  targetIsocentre,
  viewAlignment,
} from '../../sim/imaging/carmPose';
import { createProjection } from '../../sim/imaging/projection';
import { createRng } from '../../sim/math/rng';
import { runPlan } from '../../sim/plan/index';
import { createSession } from '../../sim/session/session';
import type { SimSnapshot } from '../../sim/session/snapshot';
import { loadPlan, loadScenario } from './goldenFixtures';

/**
 * A scenario's scoliosis (patient.scoliosis): the fractured level turned and tilted against the
 * table. The preset AP then shows it obliquely (asymmetric pedicles, the spinous process off the
 * midline between them) until the C-arm orbits by the vertebra's rotation, and a true view, the one
 * the set-up score rewards, is the one squared to the vertebra.
 */
const scoliotic = loadScenario('levels/l3-scoliosis-rotated-wedge-kyphoplasty.json');
const ROTATION = 15;
const TILT = 12;

/** How the target's landmarks fall on an AP image at this orbit (table tilt squared to the level). */
function apLandmarks(snap: SimSnapshot, orbitDeg: number) {
  const rotation = snap.carm.patientRotation;
  if (!rotation) throw new Error('no patient rotation');
  const anatomy = snap.anatomy;
  const v = anatomy.vertebrae[anatomy.targetIndex];
  const pose = makePose('AP', orbitDeg, rotation.pitchDeg, rotation, targetIsocentre(anatomy));
  const projection = createProjection(pose, DETECTOR_DIAMETER_MM);
  const u = (p: { x: number; y: number; z: number }): number => {
    const d = projection.project(p);
    if (!d) throw new Error('behind the source');
    return d.uMm;
  };
  const pedicleCentre = (side: 'left' | 'right'): number => {
    const p = pedicleOf(v, side);
    return u({ x: p.ax + (p.ux * p.len) / 2, y: p.y, z: p.az + (p.uz * p.len) / 2 });
  };
  const left = pedicleCentre('left');
  const right = pedicleCentre('right');
  // The body's centre and the spinous tip taken at the pedicles' height, so the coronal tilt (a
  // turn in the image plane) moves them with the pedicles.
  const y = pedicleOf(v, 'left').y;
  const body = u({ x: v.centre.x, y, z: v.centre.z });
  const spinous = u({ x: v.centre.x, y, z: v.spinousTipZMm });
  return {
    alignment: viewAlignment(pose),
    /** The spinous process tip's distance from the midpoint of the pedicles on the detector, mm. */
    spinousOffMm: spinous - (left + right) / 2,
    /** How much nearer the body's centre one pedicle projects than the other, mm. */
    pedicleAsymmetryMm: Math.abs(left - body) - Math.abs(right - body),
  };
}

describe('a scenario with a scoliosis', () => {
  it('turns and tilts the level by the scenario’s figures, keeping the patient’s own positioning draw', () => {
    for (const seed of [1, 2, 3]) {
      const straight = drawPatientRotation(createRng(seed), 'L3', { axialRotationDeg: 0, coronalTiltDeg: 0 });
      const turned = drawPatientRotation(createRng(seed), 'L3', { axialRotationDeg: ROTATION, coronalTiltDeg: TILT });
      expect(turned.rollDeg - straight.rollDeg).toBeCloseTo(ROTATION, 9);
      expect(turned.listDeg - straight.listDeg).toBeCloseTo(TILT, 9);
      expect(turned.pitchDeg).toBe(straight.pitchDeg);
    }
    const snap = createSession(scoliotic, 1).snapshot();
    expect(snap.anatomy.scoliosis).toEqual({ axialRotationDeg: ROTATION, coronalTiltDeg: TILT });
    // The session's patient: the same one as with a straight level, turned and tilted by the figures.
    const level = { axialRotationDeg: 0, coronalTiltDeg: 0 };
    const straight = createSession({ ...scoliotic, patient: { ...scoliotic.patient, scoliosis: level } }, 1).snapshot();
    const [a, b] = [snap.carm.patientRotation, straight.carm.patientRotation];
    if (!a || !b) throw new Error('no patient rotation');
    expect(a.rollDeg - b.rollDeg).toBeCloseTo(ROTATION, 9);
    expect(a.listDeg - b.listDeg).toBeCloseTo(TILT, 9);
    expect(a.pitchDeg).toBe(b.pitchDeg);
  });

  it('shows on the preset AP: asymmetric pedicles and the spinous process off the midline; squared at the vertebra’s rotation', () => {
    const level = { axialRotationDeg: 0, coronalTiltDeg: 0 };
    const straightCase = { ...scoliotic, patient: { ...scoliotic.patient, scoliosis: level } };
    for (const seed of [1, 2, 3]) {
      const snap = createSession(scoliotic, seed).snapshot();
      const straight = createSession(straightCase, seed).snapshot();
      const roll = snap.carm.patientRotation?.rollDeg ?? 0;
      const preset = apLandmarks(snap, 0);
      const squared = apLandmarks(snap, roll);
      // The same patient with the level straight, squared to its own small positioning roll: what is
      // left there is the patient's own left-right difference of the pedicles (seeded, ~1-2 mm).
      const reference = apLandmarks(straight, straight.carm.patientRotation?.rollDeg ?? 0);
      // At 15 deg the spinous tip (5-6 cm behind the body's centre) swings well over a centimetre on the image.
      expect(Math.abs(preset.spinousOffMm - reference.spinousOffMm), `seed ${seed}`).toBeGreaterThan(10);
      expect(Math.abs(preset.pedicleAsymmetryMm - reference.pedicleAsymmetryMm), `seed ${seed}`).toBeGreaterThan(3);
      expect(Math.abs(preset.alignment.axialDeg)).toBeGreaterThan(10);
      // Squared, the image is the straight patient's to a fraction of a millimetre (the cone beam's perspective).
      expect(Math.abs(squared.spinousOffMm - reference.spinousOffMm), `seed ${seed}`).toBeLessThan(0.3);
      expect(Math.abs(squared.pedicleAsymmetryMm - reference.pedicleAsymmetryMm), `seed ${seed}`).toBeLessThan(0.3);
      expect(Math.abs(squared.alignment.axialDeg)).toBeLessThan(0.05);
    }
  });

  it('the expert squares the C-arm to the vertebra: its AP set-up ends on a true AP with the C-arm orbited near the vertebra’s rotation', () => {
    const plan = loadPlan(`levels/plans/${scoliotic.scoring.expertPlan}.json`);
    const setupEnd = plan.steps.findIndex((s) => 'trueView' in s && s.trueView === 'AP') + 1;
    const s = runPlan(scoliotic, 1, { ...plan, steps: plan.steps.slice(0, setupEnd) });
    const snap = s.snapshot();
    const lastAp = snap.events.filter((e) => e.event.type === 'image.acquired' && e.event.view === 'AP').pop();
    if (lastAp?.event.type !== 'image.acquired' || !lastAp.event.alignment) throw new Error('no AP image');
    expect(Math.abs(lastAp.event.alignment.axialDeg)).toBeLessThanOrEqual(1.5);
    expect(snap.carm.orbitDeg).toBeGreaterThan(ROTATION - 8);
  });
});
