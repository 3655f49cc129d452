import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { beamAxes, makePose, NO_ROTATION, obliquityDeg, drawPatientRotation } from '../../sim/imaging/carmPose';
import { createProjection } from '../../sim/imaging/projection';
import { createRng } from '../../sim/math/rng';
import { vec3, add, scale } from '../../sim/math/vec3';

const ORIGIN = vec3(0, 0, 0);
const proj = (view: 'AP' | 'lateral', orbitDeg = 0, tiltDeg = 0, patient = NO_ROTATION) =>
  createProjection(makePose(view, orbitDeg, tiltDeg, patient, ORIGIN), 230);

describe('C-arm pose and projection', () => {
  it('AP: tube under the table (anterior), beam +z; lateral: beam along +x', () => {
    const ap = proj('AP');
    expect(ap.source.z).toBeCloseTo(-600);
    expect(ap.direction.z).toBeCloseTo(1);
    const lat = proj('lateral');
    expect(lat.source.x).toBeCloseTo(-600);
    expect(lat.direction.x).toBeCloseTo(1);
  });

  it('the isocentre lands on the detector centre with SID/SOD magnification', () => {
    const p = proj('AP').project(ORIGIN)!;
    expect(p.uMm).toBeCloseTo(0);
    expect(p.vMm).toBeCloseTo(0);
    expect(p.magnification).toBeCloseTo(1000 / 600);
    expect(proj('AP').project(vec3(0, 10, 0))!.vMm).toBeCloseTo(10 * (1000 / 600));
  });

  it('orientation: AP shows the patient as seen from behind (left on image left), cranial up; lateral shows posterior on the right', () => {
    const ap = proj('AP');
    expect(ap.project(vec3(20, 0, 0))!.uMm).toBeLessThan(0);
    expect(ap.project(vec3(0, 20, 0))!.vMm).toBeGreaterThan(0);
    const lat = proj('lateral');
    expect(lat.project(vec3(0, 0, 20))!.uMm).toBeGreaterThan(0);
    expect(lat.project(vec3(0, 20, 0))!.vMm).toBeGreaterThan(0);
  });

  it('points along a detector ray project back onto that detector point', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'AP' | 'lateral'>('AP', 'lateral'),
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 200, max: 900, noNaN: true }),
        (view, orbit, tilt, u, v, t) => {
          const p = proj(view, orbit, tilt, { rollDeg: 3, pitchDeg: -2, listDeg: 1 });
          const ray = p.rayAt(u, v);
          const q = p.project(add(ray.origin, scale(ray.direction, t)))!;
          expect(q.uMm).toBeCloseTo(u, 6);
          expect(q.vMm).toBeCloseTo(v, 6);
        },
      ),
    );
  });

  it('image axes stay orthonormal and perpendicular to the beam', () => {
    const a = beamAxes(makePose('lateral', 7, -5, { rollDeg: 2, pitchDeg: 3, listDeg: -4 }, ORIGIN));
    const dot = (p: typeof a.up, q: typeof a.up) => p.x * q.x + p.y * q.y + p.z * q.z;
    expect(dot(a.direction, a.right)).toBeCloseTo(0);
    expect(dot(a.direction, a.up)).toBeCloseTo(0);
    expect(dot(a.right, a.up)).toBeCloseTo(0);
    expect(dot(a.up, a.up)).toBeCloseTo(1);
  });

  it('a rotated patient makes the preset oblique; matching orbit and tilt find the true view', () => {
    const patient = { rollDeg: 4, pitchDeg: -3, listDeg: 0 };
    expect(obliquityDeg(makePose('AP', 0, 0, patient, ORIGIN))).toBeGreaterThan(4);
    expect(obliquityDeg(makePose('AP', 4, -3, patient, ORIGIN))).toBeLessThan(0.01);
    const lateralPatient = { rollDeg: 4, pitchDeg: 0, listDeg: 2 };
    expect(obliquityDeg(makePose('lateral', 0, 0, lateralPatient, ORIGIN))).toBeGreaterThan(4);
    expect(obliquityDeg(makePose('lateral', 4, 2, lateralPatient, ORIGIN))).toBeLessThan(0.01);
  });

  it('the patient rotation is seeded: same seed same rotation, a few degrees, seeds differ', () => {
    const a = drawPatientRotation(createRng(1));
    expect(drawPatientRotation(createRng(1))).toEqual(a);
    expect(drawPatientRotation(createRng(2))).not.toEqual(a);
    let scoliotic = 0;
    for (let s = 0; s < 200; s++) {
      const r = drawPatientRotation(createRng(s));
      expect(Math.abs(r.pitchDeg)).toBeLessThanOrEqual(9);
      // A scoliosis adds coronal list and about half as much axial roll.
      expect(Math.abs(r.listDeg)).toBeLessThanOrEqual(30);
      expect(Math.abs(r.rollDeg)).toBeLessThanOrEqual(9 + 15);
      if (Math.abs(r.listDeg) > 6.5) scoliotic++;
    }
    expect(scoliotic / 200).toBeGreaterThan(0.05);
    expect(scoliotic / 200).toBeLessThan(0.35);
  });

  it('kyphosis and lordosis tilt the target: the true AP needs more cranio-caudal tilt at T5 and L5 than at T7 / L3', () => {
    const meanPitch = (level: string) => {
      let sum = 0;
      for (let s = 0; s < 100; s++) sum += drawPatientRotation(createRng(s), level).pitchDeg;
      return sum / 100;
    };
    expect(meanPitch('L5') - meanPitch('L3')).toBeCloseTo(10, 0);
    expect(meanPitch('T5') - meanPitch('T7')).toBeCloseTo(8, 0);
    expect(meanPitch('T12')).toBeLessThan(meanPitch('L3') - 5);
    // The same patient at another level differs only by the curve.
    expect(drawPatientRotation(createRng(4), 'L1').listDeg).toBe(drawPatientRotation(createRng(4), 'L5').listDeg);
  });
});
