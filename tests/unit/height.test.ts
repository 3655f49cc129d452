import { describe, expect, it } from 'vitest';
import { anteriorRestoration, heightView, wedgeAngleDeg } from '../../sim/instruments/vertebralHeight';
import { EndplateSupport } from '../../sim/instruments/endplateSupport';
import { Balloon } from '../../sim/instruments/balloon';
import { ANTERIOR_THIRD_TIP, TRANSPEDICULAR_AXIS, makeAnatomy } from './fixtures/anatomyFixture';

describe('heightView', () => {
  const anatomy = makeAnatomy({ heightLossPct: 32 });
  const v = anatomy.vertebrae[anatomy.targetIndex];

  it('reports pre-op heights and the wedge angle before any lift', () => {
    const h = heightView(anatomy, { anteriorMm: 0, middleMm: 0 });
    expect(h.anteriorMm).toBeCloseTo(26 * 0.68, 9);
    expect(h.preOpAnteriorMm).toBe(h.anteriorMm);
    expect(h.posteriorMm).toBe(26);
    expect(h.wedgeDeg).toBeCloseTo((Math.atan((26 - 26 * 0.68) / 32) * 180) / Math.PI, 9);
    expect(h.wedgeDeg).toBe(h.preOpWedgeDeg);
  });

  it('lift raises anterior height and reduces the wedge, never beyond intact', () => {
    const h = heightView(anatomy, { anteriorMm: 4, middleMm: 2 });
    expect(h.anteriorMm).toBeCloseTo(v.anteriorHeightMm + 4, 9);
    expect(h.wedgeDeg).toBeLessThan(h.preOpWedgeDeg);
    expect(anteriorRestoration(h)).toBeCloseTo(4 / (26 - v.anteriorHeightMm), 9);
    const over = heightView(anatomy, { anteriorMm: 50, middleMm: 50 });
    expect(over.anteriorMm).toBe(26);
    expect(over.wedgeDeg).toBeCloseTo(0, 9);
  });

  it('wedge angle is zero for a square body and grows with anterior loss', () => {
    expect(wedgeAngleDeg(25, 25, 32)).toBe(0);
    expect(wedgeAngleDeg(20, 25, 32)).toBeGreaterThan(wedgeAngleDeg(22, 25, 32));
  });
});

const v0 = (a: ReturnType<typeof makeAnatomy>): number => a.vertebrae[a.targetIndex].anteriorHeightMm;

describe('EndplateSupport', () => {
  const anatomy = makeAnatomy();
  const peak = { anteriorMm: 4, middleMm: 2 };
  const afterDeflation = { anteriorMm: 2.4, middleMm: 1.2 };
  const base = { balloonLift: afterDeflation, balloonPeakLift: peak, cavityMl: 3, cementInBodyMl: 0, cementSet: false };

  it('holds the lift left after deflation, and cement in the cavity wins back part of the loss (reseat 50 %)', () => {
    const s = new EndplateSupport(anatomy, 0.5);
    expect(s.update({ ...base, cementInCavityMl: 0 }).anteriorMm).toBeCloseTo(2.4, 9);
    expect(s.update({ ...base, cementInCavityMl: 1.5, cementInBodyMl: 1.5 }).anteriorMm).toBeCloseTo(2.8, 9);
    expect(s.update({ ...base, cementInCavityMl: 3, cementInBodyMl: 3.5 }).anteriorMm).toBeCloseTo(3.2, 9);
    expect(
      new EndplateSupport(anatomy, 1).update({ ...base, cementInCavityMl: 3, cementInBodyMl: 3.5 }).anteriorMm,
    ).toBeCloseTo(4, 9);
  });

  it('records the lift at full inflation, after deflation and after cement', () => {
    const s = new EndplateSupport(anatomy, 0.5);
    expect(s.stages()).toEqual({ peak: null, afterDeflation: null, afterCement: null });
    s.update({ ...base, balloonLift: peak, balloonVolumeMl: 4, cementInCavityMl: 0 });
    expect(s.stages().afterDeflation).toBeNull();
    s.update({ ...base, balloonVolumeMl: 0, cementInCavityMl: 0 });
    s.update({ ...base, balloonVolumeMl: 0, cementInCavityMl: 3, cementInBodyMl: 3.5, cementSet: true });
    const st = s.stages();
    expect(st.peak?.anteriorMm).toBeCloseTo(4, 9);
    expect(st.afterDeflation?.anteriorMm).toBeCloseTo(2.4, 9);
    expect(st.afterCement?.anteriorMm).toBeCloseTo(3.2, 9);
    const h = heightView(anatomy, s.lift(), st);
    expect(h.stages?.peak?.anteriorMm).toBeCloseTo(v0(anatomy) + 4, 9);
    expect(h.stages?.afterCement?.wedgeDeg).toBeCloseTo(h.wedgeDeg, 9);
    expect(h.stages?.before.wedgeDeg).toBeCloseTo(h.preOpWedgeDeg, 9);
  });

  it('remembers the balloon after it is gone and freezes once the cement has set', () => {
    const s = new EndplateSupport(anatomy, 1);
    s.update({ ...base, cementInCavityMl: 3, cementInBodyMl: 4, cementSet: true });
    expect(s.update({ cementInCavityMl: 0, cementInBodyMl: 0, cementSet: true }).anteriorMm).toBeCloseTo(4, 9);
  });

  it('vertebroplasty (no balloon) gains under 2 degrees; kyphoplasty gains clearly more', () => {
    const pre = heightView(anatomy, { anteriorMm: 0, middleMm: 0 }).wedgeDeg;
    const vp = new EndplateSupport(anatomy).update({ cementInCavityMl: 0, cementInBodyMl: 4.5, cementSet: true });
    const vpGain = pre - heightView(anatomy, vp).wedgeDeg;
    expect(vpGain).toBeGreaterThan(0.5);
    expect(vpGain).toBeLessThan(2);

    const b = new Balloon(anatomy, 15);
    b.insert(ANTERIOR_THIRD_TIP, TRANSPEDICULAR_AXIS);
    // 4 mL (the textbook fill of the 15 mm balloon): the cavity spans this body from plate to plate
    // by ~2.4 mL and lifts the plate from there.
    b.inflate(4);
    for (let i = 0; i < 60 * 10; i++) b.step(1 / 60);
    b.deflate();
    for (let i = 0; i < 60 * 10; i++) b.step(1 / 60);
    const kp = new EndplateSupport(anatomy).update({
      balloonLift: b.lift(),
      balloonPeakLift: b.peakLift(),
      cavityMl: b.cavityMl,
      cementInCavityMl: b.cavityMl,
      cementInBodyMl: 4.5,
      cementSet: true,
    });
    const kpGain = pre - heightView(anatomy, kp).wedgeDeg;
    expect(kpGain).toBeGreaterThan(vpGain + 2);
  });
});
