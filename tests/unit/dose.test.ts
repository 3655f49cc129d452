import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { doseRates, modeRateFactor, pulseDose, relativeNoise, type ExposureGeometry } from '../../sim/imaging/dose';
import { TYPICAL_COLLIMATION, fieldAreaAtDetectorMm2 } from '../../sim/imaging/collimation';
import { DETECTOR_DIAMETER_MM, SOURCE_TO_IMAGE_MM, SOURCE_TO_ISOCENTRE_MM } from '../../sim/imaging/carmPose';
import { Fluoroscope } from '../../sim/imaging/fluoroscope';
import { peakSkinDoseMGy } from '../../sim/imaging';
import { createRng } from '../../sim/math/rng';
import { FIXED_DT_S } from '../../sim/core/constants';
import { phantomAnatomy, phantomField } from './fixtures/imagingPhantom';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import type { Vec3 } from '../../sim/math/vec3';
import { idealGrip } from './handFixture';

/** A hand gripping a trocar handle 70 mm above the phantom's back (skin at z = 100), over the left pedicle. */
const PHANTOM_GRIP: Vec3 = { x: 25, y: 0, z: 170 };

const field = fieldAreaAtDetectorMm2(DETECTOR_DIAMETER_MM, TYPICAL_COLLIMATION);
const geometry = (thicknessMm: number, entranceDepthMm: number): ExposureGeometry => ({
  thicknessMm,
  entranceDepthMm,
  fieldAreaAtDetectorMm2: field,
  sourceToIsocentreMm: SOURCE_TO_ISOCENTRE_MM,
  sourceToImageMm: SOURCE_TO_IMAGE_MM,
  zoom: 1,
});
/** Average habitus at L1 as sim/anatomy builds it (seed 1): 24 cm AP, 32 cm lateral. */
const AP = geometry(240, 145);
const LATERAL = geometry(322, 157);

describe('dose model', () => {
  it('a typical 5-minute kyphoplasty (2.1 min AP + 2.9 min lateral, pulsed 7.5) gives ~0.3 / ~0.7 Gy skin dose', () => {
    const ap = doseRates('pulsed7.5', AP);
    const lat = doseRates('pulsed7.5', LATERAL);
    const esdApGy = (ap.skinDoseMGyPerS * 126) / 1000;
    const esdLatGy = (lat.skinDoseMGyPerS * 174) / 1000;
    expect(esdApGy).toBeGreaterThan(0.25);
    expect(esdApGy).toBeLessThan(0.35);
    expect(esdLatGy).toBeGreaterThan(0.6);
    expect(esdLatGy).toBeLessThan(0.8);
  });

  it('dose rate is proportional to pulse rate, low dose is half of continuous', () => {
    expect(modeRateFactor('continuous')).toBe(1);
    expect(modeRateFactor('pulsed15') / modeRateFactor('pulsed7.5')).toBeCloseTo(2);
    expect(modeRateFactor('pulsed7.5') / modeRateFactor('pulsed4')).toBeCloseTo(7.5 / 4);
    expect(modeRateFactor('lowDose')).toBeCloseTo(0.5);
    expect(relativeNoise('pulsed4')).toBeGreaterThan(relativeNoise('pulsed15'));
    expect(relativeNoise('lowDose')).toBeGreaterThan(relativeNoise('continuous'));
  });

  it('thicker patients, bigger fields and magnification all cost more dose', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 120, max: 400, noNaN: true }),
        fc.double({ min: 1, max: 100, noNaN: true }),
        (t, extra) => {
          const thin = doseRates('continuous', geometry(t, 100));
          const thick = doseRates('continuous', geometry(t + extra, 100));
          expect(thick.irpKermaMGyPerS).toBeGreaterThan(thin.irpKermaMGyPerS);
        },
      ),
    );
    const wide = doseRates('continuous', AP);
    const narrow = doseRates('continuous', { ...AP, fieldAreaAtDetectorMm2: field * 0.64 });
    expect(narrow.dapGyCm2PerS / wide.dapGyCm2PerS).toBeCloseTo(0.64);
    const zoomed = doseRates('continuous', { ...AP, zoom: 1.5 });
    expect(zoomed.irpKermaMGyPerS / wide.irpKermaMGyPerS).toBeCloseTo(2.25);
  });
});

describe('Fluoroscope dose bookkeeping', () => {
  /** Hold the pedal for `s` seconds of sim time, with or without instruments moving. */
  function expose(f: Fluoroscope, s: number, hands: readonly Vec3[] = []): string[] {
    const types: string[] = [];
    f.apply({ type: 'fluoro.expose', on: true });
    for (let i = 0; i < Math.round(s / FIXED_DT_S); i++)
      types.push(...f.step(FIXED_DT_S, { hands }).map((e) => e.type));
    f.apply({ type: 'fluoro.expose', on: false });
    return types;
  }
  function settle(f: Fluoroscope, s: number): void {
    for (let i = 0; i < Math.round(s / FIXED_DT_S); i++) f.step(FIXED_DT_S, { hands: [] });
  }

  it('runs Boszczyk 2005 schedule (3.8 min) to proportionate doses, hand dose near Mroz 2008', () => {
    const f = new Fluoroscope(phantomAnatomy(), 'biplane', createRng(1), phantomField());
    f.apply({ type: 'fluoro.mode', mode: 'pulsed7.5' });
    f.apply({ type: 'carm.collimate', ...TYPICAL_COLLIMATION });
    f.apply({ type: 'carm.view', view: 'lateral' });
    f.apply({ type: 'carm.collimate', ...TYPICAL_COLLIMATION });
    // 1.6 min AP and 2.2 min lateral in 12 s shots; the hand pushes the trocar under three AP shots (15 s in the beam).
    for (let i = 0; i < 8; i++) {
      f.apply({ type: 'carm.view', view: 'AP' });
      settle(f, 0.1);
      expose(f, i < 3 ? 7 : 12);
      if (i < 3) expose(f, 5, [PHANTOM_GRIP]);
    }
    for (let i = 0; i < 11; i++) {
      f.apply({ type: 'carm.view', view: 'lateral' });
      settle(f, 0.1);
      expose(f, 12);
    }
    const d = f.doseView();
    const esd = f.entranceSkinDoseMGy();
    expect(d.fluoroTimeByViewS.AP).toBeCloseTo(96, 0);
    expect(d.fluoroTimeByViewS.lateral).toBeCloseTo(132, 0);
    expect(d.fluoroTimeS).toBeCloseTo(228, 0);
    expect(d.shots.AP).toBe(11);
    expect(d.shots.lateral).toBe(11);
    // 3.8 min (Boszczyk's own schedule): about 3.8 / 5 of the 5-minute case's 0.3 / 0.7 Gy.
    expect(esd.AP / 1000).toBeGreaterThan(0.17);
    expect(esd.AP / 1000).toBeLessThan(0.3);
    expect(esd.lateral / 1000).toBeGreaterThan(0.4);
    expect(esd.lateral / 1000).toBeLessThan(0.7);
    expect(d.dapGyCm2).toBeGreaterThan(10);
    expect(d.dapGyCm2).toBeLessThan(40);
    expect(d.handInBeamS).toBeCloseTo(15, 0);
    expect(d.operatorHandDoseMSv).toBeGreaterThan(1);
    expect(d.operatorHandDoseMSv).toBeLessThan(2.5);
  });

  it('on the generated L1 patient, the 5-minute schedule lands in the published ranges and habitus matters', () => {
    const scenario = parseScenario(
      JSON.parse(readFileSync(join(__dirname, '../../levels/l1-osteoporotic-wedge.json'), 'utf8')),
    );
    const schedule = (habitus: 'thin' | 'average' | 'obese') => {
      const anatomy = buildAnatomy({ ...scenario, patient: { ...scenario.patient, habitus } }, createRng(1));
      const f = new Fluoroscope(anatomy, 'biplane', createRng(1));
      f.apply({ type: 'fluoro.mode', mode: 'pulsed7.5' });
      expose(f, 111);
      expose(f, 15, [idealGrip(anatomy, 60)]);
      f.apply({ type: 'carm.view', view: 'lateral' });
      settle(f, 0.1);
      expose(f, 174);
      return { dose: f.doseView(), esd: f.entranceSkinDoseMGy() };
    };
    const avg = schedule('average');
    expect(avg.esd.AP / 1000).toBeGreaterThan(0.2);
    expect(avg.esd.AP / 1000).toBeLessThan(0.45);
    expect(avg.esd.lateral / 1000).toBeGreaterThan(0.5);
    expect(avg.esd.lateral / 1000).toBeLessThan(1.0);
    expect(avg.dose.operatorHandDoseMSv).toBeGreaterThan(1);
    expect(avg.dose.operatorHandDoseMSv).toBeLessThan(2.5);
    const thin = schedule('thin');
    const obese = schedule('obese');
    expect(obese.dose.airKermaMGy).toBeGreaterThan(avg.dose.airKermaMGy * 1.1);
    expect(thin.dose.airKermaMGy).toBeLessThan(avg.dose.airKermaMGy);
  });

  it('accrues nothing without the pedal, and continuous costs more than pulsed 4', () => {
    const a = new Fluoroscope(phantomAnatomy(), 'biplane', createRng(2), phantomField());
    settle(a, 10);
    expect(a.doseView().airKermaMGy).toBe(0);
    expose(a, 10);
    const b = new Fluoroscope(phantomAnatomy(), 'biplane', createRng(2), phantomField());
    b.apply({ type: 'fluoro.mode', mode: 'pulsed4' });
    expose(b, 10);
    expect(a.doseView().airKermaMGy / b.doseView().airKermaMGy).toBeCloseTo(1 / modeRateFactor('pulsed4'), 1);
  });
});

describe('dose accounting, collimation and magnification', () => {
  const fresh = () => new Fluoroscope(phantomAnatomy(), 'biplane', createRng(3), phantomField());
  function hold(f: Fluoroscope, steps: number): void {
    f.apply({ type: 'fluoro.expose', on: true });
    for (let i = 0; i < steps; i++) f.step(FIXED_DT_S, { hands: [] });
    f.apply({ type: 'fluoro.expose', on: false });
  }

  it('dose = pulses x dose per pulse: 10 s of pulsed 7.5 is 75 pulses; a tap is one pulse', () => {
    const f = fresh();
    f.apply({ type: 'fluoro.mode', mode: 'pulsed7.5' });
    hold(f, 600);
    const d = f.doseView();
    expect(d.pulses).toBe(75);
    const perPulse = d.airKermaMGy / d.pulses;
    expect(perPulse).toBeGreaterThan(0);
    // A one-step tap fires exactly one pulse: the same dose per pulse.
    const tap = fresh();
    tap.apply({ type: 'fluoro.mode', mode: 'pulsed7.5' });
    hold(tap, 1);
    expect(tap.doseView().pulses).toBe(1);
    expect(tap.doseView().airKermaMGy).toBeCloseTo(perPulse, 9);
    // Continuous at 30 frames/s: 300 frames in 10 s, each 1/30 s of the continuous rate.
    const c = fresh();
    hold(c, 600);
    expect(c.doseView().pulses).toBe(300);
    expect(c.doseView().airKermaMGy / 300 / perPulse).toBeCloseTo(1 / 1.5, 6);
  });

  it('pulseDose is the rate divided by the pulse rate', () => {
    const p = pulseDose('pulsed4', AP);
    expect(p.irpKermaMGy * 4).toBeCloseTo(doseRates('pulsed4', AP).irpKermaMGyPerS, 12);
    expect(p.dapGyCm2 * 4).toBeCloseTo(doseRates('pulsed4', AP).dapGyCm2PerS, 12);
  });

  it('collimation cuts DAP in proportion to the exposed field area; kerma and skin dose stay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 115 }), fc.integer({ min: 20, max: 115 }), (w, h) => {
        const open = fresh();
        const shut = fresh();
        shut.apply({ type: 'carm.collimate', halfWidthMm: w, halfHeightMm: h });
        hold(open, 60);
        hold(shut, 60);
        const ratio =
          fieldAreaAtDetectorMm2(DETECTOR_DIAMETER_MM, { halfWidthMm: w, halfHeightMm: h }) /
          fieldAreaAtDetectorMm2(DETECTOR_DIAMETER_MM, { halfWidthMm: 115, halfHeightMm: 115 });
        expect(shut.doseView().dapGyCm2 / open.doseView().dapGyCm2).toBeCloseTo(ratio, 6);
        expect(shut.doseView().airKermaMGy).toBeCloseTo(open.doseView().airKermaMGy, 9);
      }),
      { numRuns: 20 },
    );
    // Clinical lever: collimating a 20 cm square field to 16 cm cuts DAP by ~36 % (the II circle clips the corners).
    const a20 = fieldAreaAtDetectorMm2(DETECTOR_DIAMETER_MM, { halfWidthMm: 100, halfHeightMm: 100 });
    const a16 = fieldAreaAtDetectorMm2(DETECTOR_DIAMETER_MM, { halfWidthMm: 80, halfHeightMm: 80 });
    expect(1 - a16 / a20).toBeGreaterThan(0.25);
    expect(1 - a16 / a20).toBeLessThan(0.45);
  });

  it('magnification raises the kerma rate by its square; with open shutters DAP barely changes', () => {
    for (const zoom of [1.5, 2] as const) {
      const base = fresh();
      const zoomed = fresh();
      zoomed.apply({ type: 'carm.zoom', zoom });
      hold(base, 60);
      hold(zoomed, 60);
      expect(zoomed.doseView().airKermaMGy / base.doseView().airKermaMGy).toBeCloseTo(zoom * zoom, 6);
      // The II field shrinks to 23 cm / zoom, so the exposed area falls by zoom^2 (open shutters).
      expect(zoomed.doseView().dapGyCm2 / base.doseView().dapGyCm2).toBeCloseTo(1, 1);
      expect(zoomed.carmView().zoom).toBe(zoom);
    }
  });

  it('keeps totals per view', () => {
    const f = fresh();
    hold(f, 120);
    f.apply({ type: 'carm.view', view: 'lateral' });
    hold(f, 60);
    const d = f.doseView();
    expect(d.airKermaByViewMGy.AP + d.airKermaByViewMGy.lateral).toBeCloseTo(d.airKermaMGy, 9);
    expect(d.dapByViewGyCm2.AP + d.dapByViewGyCm2.lateral).toBeCloseTo(d.dapGyCm2, 9);
    expect(d.skinDoseByViewMGy).toEqual(f.entranceSkinDoseMGy());
    expect(d.airKermaByViewMGy.lateral).toBeGreaterThan(0);
  });

  it('skin dose per field: each view charges only its own skin; the peak field, not the sum, is what erythema is judged on', () => {
    const f = fresh();
    hold(f, 600);
    const apOnly = f.doseView().skinDoseByViewMGy;
    expect(apOnly.AP).toBeGreaterThan(0);
    expect(apOnly.lateral).toBe(0);
    f.apply({ type: 'carm.view', view: 'lateral' });
    f.apply({ type: 'carm.zoom', zoom: 2 });
    hold(f, 600);
    const both = f.doseView().skinDoseByViewMGy;
    // The lateral exposure left the AP skin alone.
    expect(both.AP).toBe(apOnly.AP);
    // Same time, lateral: thicker patient and skin nearer the tube, and zoom 2 raises its kerma by 4.
    const unzoomed = fresh();
    unzoomed.apply({ type: 'carm.view', view: 'lateral' });
    hold(unzoomed, 600);
    expect(both.lateral / unzoomed.doseView().skinDoseByViewMGy.lateral).toBeCloseTo(4, 6);
    expect(unzoomed.doseView().skinDoseByViewMGy.lateral).toBeGreaterThan(apOnly.AP);
    expect(peakSkinDoseMGy(f.doseView())).toBe(both.lateral);
    expect(peakSkinDoseMGy(f.doseView())).toBeLessThan(both.AP + both.lateral);
    expect(peakSkinDoseMGy({ skinDoseByViewMGy: { AP: 2100, lateral: 300 } })).toBe(2100);
  });
});
