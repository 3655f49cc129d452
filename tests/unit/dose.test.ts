import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { doseRates, modeRateFactor, relativeNoise, type ExposureGeometry } from '../../sim/imaging/dose';
import { DEFAULT_COLLIMATION, fieldAreaAtDetectorMm2 } from '../../sim/imaging/collimation';
import { DETECTOR_DIAMETER_MM, SOURCE_TO_IMAGE_MM, SOURCE_TO_ISOCENTRE_MM } from '../../sim/imaging/carmPose';
import { Fluoroscope } from '../../sim/imaging/fluoroscope';
import { createRng } from '../../sim/math/rng';
import { FIXED_DT_S } from '../../sim/constants';
import { phantomAnatomy, phantomField } from './fixtures/imagingPhantom';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';

const field = fieldAreaAtDetectorMm2(DETECTOR_DIAMETER_MM, DEFAULT_COLLIMATION);
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
  it('the Boszczyk 2005 schedule (1.6 min AP + 2.2 min lateral, pulsed 7.5) gives ~0.3 / ~0.7 Gy skin dose', () => {
    const ap = doseRates('pulsed7.5', AP);
    const lat = doseRates('pulsed7.5', LATERAL);
    const esdApGy = (ap.skinDoseMGyPerS * 96) / 1000;
    const esdLatGy = (lat.skinDoseMGyPerS * 132) / 1000;
    expect(esdApGy).toBeGreaterThan(0.22);
    expect(esdApGy).toBeLessThan(0.42);
    expect(esdLatGy).toBeGreaterThan(0.5);
    expect(esdLatGy).toBeLessThan(0.9);
    // DAP follows from kerma x field: tens of Gy cm2 at these skin doses (see README on calibration).
    const dap = ap.dapGyCm2PerS * 96 + lat.dapGyCm2PerS * 132;
    expect(dap).toBeGreaterThan(20);
    expect(dap).toBeLessThan(70);
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
      fc.property(fc.double({ min: 120, max: 400, noNaN: true }), fc.double({ min: 1, max: 100, noNaN: true }), (t, extra) => {
        const thin = doseRates('continuous', geometry(t, 100));
        const thick = doseRates('continuous', geometry(t + extra, 100));
        expect(thick.irpKermaMGyPerS).toBeGreaterThan(thin.irpKermaMGyPerS);
      }),
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
  function expose(f: Fluoroscope, s: number, instrumentsMoving = false): string[] {
    const types: string[] = [];
    f.apply({ type: 'fluoro.expose', on: true });
    for (let i = 0; i < Math.round(s / FIXED_DT_S); i++) types.push(...f.step(FIXED_DT_S, { instrumentsMoving }).map((e) => e.type));
    f.apply({ type: 'fluoro.expose', on: false });
    return types;
  }
  function settle(f: Fluoroscope, s: number): void {
    for (let i = 0; i < Math.round(s / FIXED_DT_S); i++) f.step(FIXED_DT_S, { instrumentsMoving: false });
  }

  it('runs the typical single-level schedule to the published ranges, hand dose near Mroz 2008', () => {
    const f = new Fluoroscope(phantomAnatomy(), 'biplane', createRng(1), phantomField());
    f.apply({ type: 'fluoro.mode', mode: 'pulsed7.5' });
    // 1.6 min AP and 2.2 min lateral in 12 s shots, alternating; the hand is in the beam for 15 s.
    for (let i = 0; i < 8; i++) {
      f.apply({ type: 'carm.view', view: 'AP' });
      settle(f, 0.1);
      expose(f, 12);
    }
    for (let i = 0; i < 11; i++) {
      f.apply({ type: 'carm.view', view: 'lateral' });
      settle(f, 0.1);
      expose(f, i < 3 ? 7 : 12, false);
      if (i < 3) expose(f, 5, true);
    }
    const d = f.doseView();
    const esd = f.entranceSkinDoseMGy();
    expect(d.fluoroTimeByViewS.AP).toBeCloseTo(96, 0);
    expect(d.fluoroTimeByViewS.lateral).toBeCloseTo(132, 0);
    expect(d.fluoroTimeS).toBeCloseTo(228, 0);
    expect(d.shots.AP).toBe(8);
    expect(d.shots.lateral).toBe(14);
    expect(esd.AP / 1000).toBeGreaterThan(0.2);
    expect(esd.AP / 1000).toBeLessThan(0.45);
    expect(esd.lateral / 1000).toBeGreaterThan(0.45);
    expect(esd.lateral / 1000).toBeLessThan(1.0);
    expect(d.dapGyCm2).toBeGreaterThan(20);
    expect(d.dapGyCm2).toBeLessThan(70);
    expect(d.handInBeamS).toBeCloseTo(15, 0);
    expect(d.operatorHandDoseMSv).toBeGreaterThan(1);
    expect(d.operatorHandDoseMSv).toBeLessThan(2.5);
  });

  it('on the generated L1 patient, the schedule lands in the published ranges and habitus matters', () => {
    const scenario = parseScenario(JSON.parse(readFileSync(join(__dirname, '../../levels/l1-osteoporotic-wedge.json'), 'utf8')));
    const schedule = (habitus: 'thin' | 'average' | 'obese') => {
      const anatomy = buildAnatomy({ ...scenario, patient: { ...scenario.patient, habitus } }, createRng(1));
      const f = new Fluoroscope(anatomy, 'biplane', createRng(1));
      f.apply({ type: 'fluoro.mode', mode: 'pulsed7.5' });
      expose(f, 96);
      f.apply({ type: 'carm.view', view: 'lateral' });
      settle(f, 0.1);
      expose(f, 117);
      expose(f, 15, true);
      return { dose: f.doseView(), esd: f.entranceSkinDoseMGy() };
    };
    const avg = schedule('average');
    expect(avg.esd.AP / 1000).toBeGreaterThan(0.22);
    expect(avg.esd.AP / 1000).toBeLessThan(0.45);
    expect(avg.esd.lateral / 1000).toBeGreaterThan(0.45);
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
