import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { DomainEvent } from '../../sim/core/events';
import { createProjection, poseForView } from '../../sim/imaging/index';
import { buildAnatomy } from '../../sim/anatomy/index';
import { Trocar } from '../../sim/instruments/trocar';
import { createRng } from '../../sim/math/rng';
import { Patient } from '../../sim/patient/patient';
import { flinchShiftMm, PAIN_MOVEMENT, PainMovement } from '../../sim/patient/painMovement';
import { type Plan, planSchema, runPlan } from '../../sim/plan/index';

const SCENARIO: Scenario = parseScenario(
  JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')),
  'levels/l1-osteoporotic-wedge.json',
);
const plan = (path: string): Plan => planSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
/** The textbook kyphoplasty with no local anaesthetic (and two checklist items skipped). */
const NO_LOCAL = plan('tests/fixtures/plans/skipped-checks-kyphoplasty.json');
const TEXTBOOK = plan('levels/plans/textbook-kyphoplasty.json');

const moves = (events: readonly { event: DomainEvent }[]) =>
  events.flatMap((e) => (e.event.type === 'patient.moved' ? [e.event] : []));

describe('a patient in pain moves (sim/patient/painMovement.ts)', () => {
  it('flinches once as the pain rises through the threshold, again only after settling below the re-arm level', () => {
    const m = new PainMovement();
    expect(m.next(5.9, 'left')).toBeNull();
    const first = m.next(6.5, 'left');
    expect(first).toEqual({ from: 'left', shiftMm: flinchShiftMm(6.5), pain: 6.5 });
    // Still in pain, or easing but not settled: no second flinch.
    expect(m.next(8, 'left')).toBeNull();
    expect(m.next(4.5, 'left')).toBeNull();
    expect(m.next(7, 'right')).toBeNull();
    // Settled, then hurt again.
    expect(m.next(3, 'right')).toBeNull();
    expect(m.next(7, 'right')?.from).toBe('right');
  });

  it('shifts more the worse the pain, continuously, up to the bolsters’ limit', () => {
    const p = PAIN_MOVEMENT;
    expect(flinchShiftMm(p.flinchAtNrs)).toBe(p.shiftAtThresholdMm);
    expect(flinchShiftMm(7)).toBeCloseTo(p.shiftAtThresholdMm + p.shiftPerNrsMm, 9);
    expect(flinchShiftMm(10)).toBeLessThanOrEqual(p.maxShiftMm);
    for (let pain = 6; pain < 10; pain += 0.1)
      expect(Math.abs(flinchShiftMm(pain + 0.1) - flinchShiftMm(pain))).toBeLessThanOrEqual(
        p.shiftPerNrsMm * 0.1 + 1e-9,
      );
  });

  it('a pain with no side (no instrument hurt) makes no sideways shift', () => {
    expect(new PainMovement().next(9, null)).toBeNull();
  });

  const docked = (local: boolean): readonly DomainEvent[] => {
    const patient = new Patient(SCENARIO.patient, createRng(3).fork('patient'));
    if (local) patient.apply({ type: 'local.anaesthetic' }, 'left');
    // The local takes a few minutes to work.
    for (let i = 0; i < 60 * 5; i++) patient.step(1);
    patient.notice({ type: 'needle.docked' }, 'left');
    return patient.step(1 / 60);
  };

  it('the needle docking on unanaesthetised periosteum moves the awake patient away from it; under the local it does not', () => {
    const without = docked(false).filter((e) => e.type === 'patient.moved');
    expect(without).toHaveLength(1);
    expect(without[0]).toMatchObject({ type: 'patient.moved', from: 'left' });
    if (without[0].type !== 'patient.moved') throw new Error('unreachable');
    expect(without[0].pain).toBeGreaterThanOrEqual(PAIN_MOVEMENT.flinchAtNrs);
    expect(without[0].shiftMm).toBeCloseTo(flinchShiftMm(without[0].pain), 9);
    expect(docked(true).filter((e) => e.type === 'patient.moved')).toHaveLength(0);
  });

  it('the spine moves under the beam and the access needle levers medially (a kyphoplasty without local)', () => {
    const s = runPlan(SCENARIO, 42, NO_LOCAL);
    const [move] = moves(s.events);
    expect(move, 'the patient flinched at docking').toBeDefined();
    expect(move.from).toBe('left');
    expect(moves(s.events)).toHaveLength(1);
    const snap = s.snapshot();
    // Away from the left needle: toward the patient's right (negative toward their left).
    expect(snap.carm.patientShiftMm).toBeCloseTo(-move.shiftMm, 9);
    // Every later image is centred that far the other way in the patient's frame: the spine moved under the beam.
    const target = snap.anatomy.vertebrae[snap.anatomy.targetIndex].centre;
    const ap = poseForView(snap, 'AP');
    expect(ap.isocentre.x - target.x).toBeCloseTo(move.shiftMm, 9);
    // On the image the target's centre is no longer at the centre: shifted by the move times the magnification.
    const projected = createProjection(ap, 230).project(target);
    const magnification = ap.sourceToImageMm / ap.sourceToIsocentreMm;
    expect(Math.hypot(projected?.uMm ?? 0, projected?.vMm ?? 0)).toBeCloseTo(move.shiftMm * magnification, 1);
    // The textbook plan, with the local, never makes the patient move and the image stays centred.
    const textbook = runPlan(SCENARIO, 42, TEXTBOOK);
    expect(moves(textbook.events)).toHaveLength(0);
    expect(textbook.snapshot().carm.patientShiftMm).toBe(0);
  });

  it('the lever: a flinch away from the needle turns its tip medially by atan(shift / lever), in bone within its re-aim limit', () => {
    const anatomy = buildAnatomy(SCENARIO, createRng(42).fork('anatomy'));
    const left = new Trocar(anatomy, 11);
    expect(left.jolt(-4), 'outside the patient nothing moves').toBe(0);
    left.setEntry('left', 0, 0);
    left.aim(10, 5);
    left.requestAdvance(20);
    for (let i = 0; i < 600 && left.moving; i++) left.step(1 / 60);
    const tipBefore = left.view()?.tip;
    // Patient moves 4 mm to their right (away from the left needle): its handle, with the hand, goes lateral; the tip medial.
    const turned = left.jolt(-4);
    expect(turned).toBeGreaterThan(0);
    expect(turned).toBeLessThanOrEqual((Math.atan2(4, 100) * 180) / Math.PI + 1e-9);
    const tipAfter = left.view()?.tip;
    // The left pedicle's medial side is toward -x.
    expect((tipAfter?.x ?? 0) - (tipBefore?.x ?? 0)).toBeLessThan(0);
    // The other way round for a move toward the needle.
    expect(left.jolt(4)).toBeLessThan(0);
  });
});
