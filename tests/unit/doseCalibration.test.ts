import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../levels/scenarioSchema';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import { Fluoroscope } from '../../sim/imaging/fluoroscope';
import { OPEN_COLLIMATION, TYPICAL_COLLIMATION, type Collimation } from '../../sim/imaging/collimation';
import { createRng } from '../../sim/math/rng';
import { FIXED_DT_S } from '../../sim/core/constants';
import type { Vec3 } from '../../sim/math/vec3';
import { idealGrip } from './handFixture';

/**
 * Calibration of the dose model against docs/clinical-sources.md, printed beside the targets so a
 * reader sees both figures (sim/imaging/README.md, "Calibration"). The typical single-level
 * kyphoplasty: 5 min of pulsed 7.5 p/s fluoroscopy (Mroz 2008; Kopparapu 2021: 4-6 min, 5.7 +/- 2),
 * split 42 % AP / 58 % lateral as in Boszczyk 2005 (1.6 + 2.2 min), 15 s of the AP time with a
 * hand pushing the trocar (in the beam: on AP its grip is over the pedicle), on the generated average-habitus L1 patient.
 */
const scenario = parseScenario(
  JSON.parse(readFileSync(join(__dirname, '../../levels/l1-osteoporotic-wedge.json'), 'utf8')),
);
/** Effective dose per DAP for thoraco-lumbar fluoroscopy, mSv/(Gy cm2) (assumed, ~0.1-0.2 for the lumbar spine). */
const EFFECTIVE_PER_DAP = 0.15;

function typicalCase(collimation: Collimation) {
  const anatomy = buildAnatomy(scenario, createRng(1));
  const f = new Fluoroscope(anatomy, 'biplane', createRng(1));
  const hold = (s: number, hands: readonly Vec3[] = []) => {
    f.apply({ type: 'fluoro.expose', on: true });
    for (let i = 0; i < Math.round(s / FIXED_DT_S); i++) f.step(FIXED_DT_S, { hands });
    f.apply({ type: 'fluoro.expose', on: false });
  };
  f.apply({ type: 'fluoro.mode', mode: 'pulsed7.5' });
  f.apply({ type: 'carm.collimate', ...collimation });
  // The hand pushes the trocar (tip 60 mm deep) under live AP for 15 s: its grip is over the pedicle.
  hold(111);
  hold(15, [idealGrip(anatomy, 60)]);
  f.apply({ type: 'carm.view', view: 'lateral' });
  f.apply({ type: 'carm.collimate', ...collimation });
  hold(174);
  return { dose: f.doseView(), esd: f.entranceSkinDoseMGy() };
}

describe('dose calibration (typical 5-minute single-level kyphoplasty)', () => {
  it('lands at Boszczyk 2005 skin doses; DAP follows the collimated field', () => {
    const typical = typicalCase(TYPICAL_COLLIMATION);
    const tight = typicalCase({ halfWidthMm: 40, halfHeightMm: 40 });
    const open = typicalCase(OPEN_COLLIMATION);
    const f = (x: number, d = 2) => x.toFixed(d);
    const rows = [
      ['fluoro time', `${f(typical.dose.fluoroTimeS / 60, 1)} min`, '4-6 min (Mroz 2008; Kopparapu 2021)'],
      ['entrance skin dose AP', `${f(typical.esd.AP / 1000)} Gy`, '0.32 Gy (Boszczyk 2005)'],
      ['entrance skin dose lateral', `${f(typical.esd.lateral / 1000)} Gy`, '0.68 Gy (Boszczyk 2005)'],
      ['reference air kerma', `${f(typical.dose.airKermaMGy / 1000)} Gy`, '-'],
      [
        'DAP, typical field (14 x 16 cm at the detector)',
        `${f(typical.dose.dapGyCm2, 1)} Gy cm2`,
        '3.5 Gy cm2 (vertebroplasty median, Int J Spine Surg)',
      ],
      ['DAP, tight field (8 x 8 cm at the detector)', `${f(tight.dose.dapGyCm2, 1)} Gy cm2`, '3.5 Gy cm2'],
      ['DAP, shutters open (23 cm II)', `${f(open.dose.dapGyCm2, 1)} Gy cm2`, '-'],
      [
        'effective dose, typical (DAP x 0.15)',
        `${f(typical.dose.dapGyCm2 * EFFECTIVE_PER_DAP, 1)} mSv`,
        '~4.3 mSv (0.5-10) (Boszczyk 2005)',
      ],
      ['hand in the beam', `${f(typical.dose.handInBeamS, 1)} s`, '-'],
      ['operator hand (unprotected)', `${f(typical.dose.operatorHandDoseMSv)} mSv`, '1.7 mSv per vertebra (Mroz 2008)'],
    ];
    console.log(['dose calibration: model | target', ...rows.map((r) => `  ${r[0]}: ${r[1]} | ${r[2]}`)].join('\n'));

    expect(typical.esd.AP / 1000).toBeGreaterThan(0.2);
    expect(typical.esd.AP / 1000).toBeLessThan(0.45);
    expect(typical.esd.lateral / 1000).toBeGreaterThan(0.5);
    expect(typical.esd.lateral / 1000).toBeLessThan(1.0);
    // The hand's grip over the pedicle projects into the AP field, whatever the collimation.
    expect(typical.dose.handInBeamS).toBeCloseTo(15, 0);
    expect(tight.dose.handInBeamS).toBeCloseTo(15, 0);
    expect(typical.dose.operatorHandDoseMSv).toBeGreaterThan(1);
    expect(typical.dose.operatorHandDoseMSv).toBeLessThan(2.5);
    // DAP = kerma x area: same kerma, field areas 64 : ~224 : ~415 cm2 at the detector.
    expect(tight.dose.airKermaMGy).toBeCloseTo(typical.dose.airKermaMGy, 6);
    expect(tight.dose.dapGyCm2).toBeLessThan(typical.dose.dapGyCm2 * 0.35);
    expect(open.dose.dapGyCm2).toBeGreaterThan(typical.dose.dapGyCm2 * 1.6);
    // Effective dose within Boszczyk's 0.5-10 mSv range for the typical field.
    expect(typical.dose.dapGyCm2 * EFFECTIVE_PER_DAP).toBeGreaterThan(0.5);
    expect(typical.dose.dapGyCm2 * EFFECTIVE_PER_DAP).toBeLessThan(10);
  });
});
