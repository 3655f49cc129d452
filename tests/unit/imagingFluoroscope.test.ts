import { describe, expect, it } from 'vitest';
import { Fluoroscope, SWING_S } from '../../sim/imaging/fluoroscope';
import { beamAxes, makePose, obliquityDeg } from '../../sim/imaging/carmPose';
import { MIN_SHUTTER_HALF_MM, OPEN_COLLIMATION } from '../../sim/imaging/collimation';
import { DETECTOR_DIAMETER_MM } from '../../sim/imaging/carmPose';
import { createProjection } from '../../sim/imaging/projection';
import { handBeamFraction, tissueBeforeMm } from '../../sim/imaging/handInBeam';
import { HAND_BEAM_FRACTION } from '../../sim/imaging/dose';
import { dot, normalize, sub, type Vec3 } from '../../sim/math/vec3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { createRng } from '../../sim/math/rng';
import { FIXED_DT_S } from '../../sim/core/constants';
import type { DomainEvent } from '../../sim/core/events';
import { phantomAnatomy, phantomField } from './fixtures/imagingPhantom';

const make = (carm: 'single-plane' | 'biplane', seed = 1) =>
  new Fluoroscope(phantomAnatomy(), carm, createRng(seed), phantomField());
function run(f: Fluoroscope, s: number, hands: readonly Vec3[] = []): DomainEvent[] {
  const out: DomainEvent[] = [];
  for (let i = 0; i < Math.round(s / FIXED_DT_S); i++) out.push(...f.step(FIXED_DT_S, { hands }));
  return out;
}

describe('Fluoroscope', () => {
  it('one image.acquired per pedal press, counted as a shot of the current view', () => {
    const f = make('single-plane');
    f.apply({ type: 'fluoro.expose', on: true });
    const ev = run(f, 3);
    // Each image carries how far the view is from true (the patient lies a little rotated on the table).
    expect(ev.filter((e) => e.type === 'image.acquired')).toEqual([
      {
        type: 'image.acquired',
        view: 'AP',
        alignment: { axialDeg: expect.any(Number), craniocaudalDeg: expect.any(Number) },
      },
    ]);
    f.apply({ type: 'fluoro.expose', on: false });
    f.apply({ type: 'fluoro.expose', on: true });
    expect(run(f, 1).filter((e) => e.type === 'image.acquired')).toHaveLength(1);
    expect(f.doseView().shots).toEqual({ AP: 2, lateral: 0 });
    expect(f.doseView().fluoroTimeS).toBeCloseTo(4, 5);
  });

  it('single-plane swing takes ~20 s: exposing meanwhile costs dose but forms no image until it arrives', () => {
    const f = make('single-plane');
    f.apply({ type: 'carm.view', view: 'lateral' });
    expect(f.carmView()).toMatchObject({ view: 'lateral', movingS: SWING_S });
    f.apply({ type: 'fluoro.expose', on: true });
    const during = run(f, SWING_S - 1);
    expect(during.some((e) => e.type === 'image.acquired' || e.type === 'carm.moved')).toBe(false);
    expect(f.doseView().airKermaMGy).toBeGreaterThan(0);
    const after = run(f, 2);
    expect(after.map((e) => e.type)).toEqual(['carm.moved', 'image.acquired']);
    expect(f.carmView().movingS).toBe(0);
    expect(f.doseView().shots.lateral).toBe(1);
  });

  it('reversing mid-swing only undoes the distance travelled', () => {
    const f = make('single-plane');
    f.apply({ type: 'carm.view', view: 'lateral' });
    run(f, 5);
    f.apply({ type: 'carm.view', view: 'AP' });
    expect(f.carmView().movingS).toBeCloseTo(5, 5);
  });

  it('biplane switches instantly and reports carm.moved on the next step', () => {
    const f = make('biplane');
    f.apply({ type: 'carm.view', view: 'lateral' });
    f.apply({ type: 'fluoro.expose', on: true });
    expect(run(f, FIXED_DT_S).map((e) => e.type)).toEqual(['carm.moved', 'image.acquired']);
  });

  it('hand in beam: only a hand on an instrument inside the exposed field, during an exposure; one event per pedal press', () => {
    // Grip 70 mm above the phantom's back (skin z = 100) over the left pedicle: on AP it projects onto the field.
    const grip = { x: 25, y: 0, z: 170 };
    const f = make('biplane');
    run(f, 2, [grip]);
    expect(f.doseView().handInBeamS).toBe(0);
    f.apply({ type: 'fluoro.expose', on: true });
    const ev = run(f, 2, [grip]);
    run(f, 1);
    const again = run(f, 1, [grip]);
    expect(ev.filter((e) => e.type === 'handInBeam')).toEqual([{ type: 'handInBeam', view: 'AP' }]);
    // Same press: the hand went out and back, still one episode.
    expect(again.filter((e) => e.type === 'handInBeam')).toEqual([]);
    expect(f.doseView().handInBeamS).toBeCloseTo(3, 5);
    f.apply({ type: 'fluoro.expose', on: false });
    f.apply({ type: 'fluoro.expose', on: true });
    expect(run(f, 0.5, [grip]).filter((e) => e.type === 'handInBeam')).toHaveLength(1);
    const still = make('biplane');
    still.apply({ type: 'fluoro.expose', on: true });
    run(still, 2);
    const held = make('biplane');
    held.apply({ type: 'fluoro.expose', on: true });
    run(held, 2, [grip]);
    expect(held.doseView().operatorHandDoseMSv).toBeGreaterThan(still.doseView().operatorHandDoseMSv * 3);
    // On the lateral view the same grip lies far behind the field (the back is at its edge): no hand in the beam.
    const lateral = make('biplane');
    lateral.apply({ type: 'carm.view', view: 'lateral' });
    lateral.apply({ type: 'fluoro.expose', on: true });
    const latEv = run(lateral, 2, [grip]);
    expect(latEv.some((e) => e.type === 'handInBeam')).toBe(false);
    expect(lateral.doseView().handInBeamS).toBe(0);
  });

  it('shutters and magnification decide whether a hand near the field edge is in the beam', () => {
    // A hand beside the field on AP: 100 mm lateral of the midline, 60 mm above the back.
    const hand = { x: 100, y: 0, z: 160 };
    const inBeam = (setup: (f: Fluoroscope) => void): boolean => {
      const f = make('biplane');
      setup(f);
      f.apply({ type: 'fluoro.expose', on: true });
      return run(f, 0.5, [hand]).some((e) => e.type === 'handInBeam');
    };
    expect(inBeam(() => {})).toBe(true);
    expect(inBeam((f) => f.apply({ type: 'carm.collimate', halfWidthMm: 50, halfHeightMm: 115 }))).toBe(false);
    expect(inBeam((f) => f.apply({ type: 'carm.zoom', zoom: 2 }))).toBe(false);
  });

  it('a hand with no patient between it and the tube gets the primary beam itself, far more than one behind the patient', () => {
    const f = make('biplane');
    const projection = createProjection(f.pose('AP'), DETECTOR_DIAMETER_MM);
    const behind = { x: 25, y: 0, z: 170 };
    // Between the tube (under the table) and the phantom's front (z = -120): 450 mm from the source, at the IRP.
    const tubeSide = { x: 0, y: 0, z: -150 };
    const tissue = (h: Vec3) => tissueBeforeMm(phantomField(), projection.source, h);
    expect(tissue(behind)).toBeGreaterThan(200);
    expect(tissue(tubeSide)).toBe(0);
    const fraction = (h: Vec3) => handBeamFraction([h], projection, DETECTOR_DIAMETER_MM, OPEN_COLLIMATION, tissue);
    expect(fraction(behind)).toBe(HAND_BEAM_FRACTION);
    // ~1: inverse-square from the IRP, the patient rotation moves it a little.
    expect(fraction(tubeSide)).toBeGreaterThan(0.95);
    expect(fraction(tubeSide)).toBeLessThan(1.05);
    // Beyond the detector, or off the field, nothing.
    expect(fraction({ x: 0, y: 0, z: 500 })).toBe(0);
    expect(fraction({ x: 300, y: 0, z: 170 })).toBe(0);
  });

  it('the seeded patient rotation makes the preset oblique and carm.adjust corrects it', () => {
    const f = make('single-plane', 7);
    const r = f.carmView().patientRotation!;
    expect(Math.abs(r.rollDeg) + Math.abs(r.pitchDeg)).toBeGreaterThan(0);
    const before = obliquityDeg(f.pose('AP'));
    f.apply({ type: 'carm.adjust', dOrbitDeg: r.rollDeg, dTiltDeg: r.pitchDeg });
    expect(obliquityDeg(f.pose('AP'))).toBeLessThan(Math.min(before, 0.01));
    expect(f.carmView()).toMatchObject({ orbitDeg: r.rollDeg, tiltDeg: r.pitchDeg });
    // Adjustments belong to the view they were made in.
    expect(f.pose('lateral').orbitDeg).toBe(0);
  });

  it('mode changes show in the C-arm view', () => {
    const f = make('single-plane');
    f.apply({ type: 'fluoro.mode', mode: 'lowDose' });
    expect(f.carmView().mode).toBe('lowDose');
  });

  it('collimation and zoom are per view, clamped, and shown in the C-arm view with the obliquity and the kind', () => {
    const f = make('single-plane', 7);
    expect(f.carmView().collimation).toEqual(OPEN_COLLIMATION);
    expect(f.carmView().zoom).toBe(1);
    expect(f.carmView().kind).toBe('single-plane');
    f.apply({ type: 'carm.collimate', halfWidthMm: 5, halfHeightMm: 60 });
    f.apply({ type: 'carm.zoom', zoom: 2 });
    expect(f.carmView().collimation).toEqual({ halfWidthMm: MIN_SHUTTER_HALF_MM, halfHeightMm: 60 });
    expect(f.carmView().zoom).toBe(2);
    f.apply({ type: 'carm.view', view: 'lateral' });
    expect(f.carmView().collimation).toEqual(OPEN_COLLIMATION);
    expect(f.carmView().zoom).toBe(1);
    expect(f.carmView().obliquityDeg).toBeCloseTo(obliquityDeg(f.pose('lateral')), 9);
    expect(make('biplane').carmView().kind).toBe('biplane');
  });

  it('fluoro.store stores the active view only once an image of it exists', () => {
    const f = make('biplane');
    f.apply({ type: 'fluoro.store' });
    expect(run(f, FIXED_DT_S).filter((e) => e.type === 'image.stored')).toEqual([]);
    f.apply({ type: 'fluoro.expose', on: true });
    run(f, 0.5);
    f.apply({ type: 'fluoro.expose', on: false });
    f.apply({ type: 'fluoro.store' });
    expect(run(f, FIXED_DT_S).filter((e) => e.type === 'image.stored')).toEqual([{ type: 'image.stored', view: 'AP' }]);
    f.apply({ type: 'carm.view', view: 'lateral' });
    f.apply({ type: 'fluoro.store' });
    expect(run(f, FIXED_DT_S).filter((e) => e.type === 'image.stored')).toEqual([]);
    expect(f.doseView().stored).toEqual({ AP: 1, lateral: 0 });
  });

  it("an owl's-eye view down the pedicle is reachable with orbit and tilt", () => {
    const scenario = parseScenario(
      JSON.parse(readFileSync(join(__dirname, '../../levels/l1-osteoporotic-wedge.json'), 'utf8')),
    );
    const anatomy = buildAnatomy(scenario, createRng(5));
    const f = new Fluoroscope(anatomy, 'single-plane', createRng(5));
    const p = anatomy.vertebrae[anatomy.targetIndex].pedicles[0];
    const axis = normalize(sub(p.anteriorCentre, p.posteriorCentre));
    let best = 90;
    let bestOrbit = 0;
    for (let o = -40; o <= 40; o += 1) {
      for (let t = -30; t <= 30; t += 1) {
        const pose = makePose('AP', o, t, f.carmView().patientRotation!, p.posteriorCentre);
        const d = beamAxes(pose).direction;
        const angle = (Math.acos(Math.min(1, Math.abs(dot(d, axis)))) * 180) / Math.PI;
        if (angle < best) {
          best = angle;
          bestOrbit = o;
        }
      }
    }
    expect(best).toBeLessThan(1.5);
    // The beam runs along a medially converging pedicle: clearly oblique, not the AP preset.
    expect(Math.abs(bestOrbit)).toBeGreaterThan(5);
  });
});
