import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CementPanel } from '../../src/procedure/panels/CementPanel';
import type { CementView } from '../../sim/instruments/cementView';

/** A working-phase cement after a tack test, 6 min after mixing, one bone filler partly used. */
const CEMENT: CementView = {
  phase: 'working',
  sinceMixS: 360,
  viscosityPaS: 1700,
  injectedMl: 1,
  inBodyMl: 0.5,
  leakedMl: 0,
  inCannulaMl: 0.5,
  pendingMl: 0,
  injectionPressureKPa: 900,
  peakInjectionPressureKPa: 1200,
  peakBodyPressureKPa: 90,
  maxUnimagedMl: 0.5,
  leaks: [],
  deposits: [],
  cannulaStuck: false,
  delivery: { device: 'boneFiller', loadedMl: 0.5, batchLeftMl: 7, devicesUsed: 2 },
  lastTack: { feel: 'doughy', sinceMixS: 345 },
  distribution: {
    fillFraction: 0.1,
    crossesMidline: false,
    touchesSuperiorEndplate: false,
    touchesInferiorEndplate: false,
  },
  lastFlowTick: null,
};

const render = (mode: 'practice' | 'exam'): string =>
  renderToStaticMarkup(createElement(CementPanel, { cement: CEMENT, mode }));

describe('cement panel', () => {
  it('practice shows the phase and the viscosity; exam shows neither', () => {
    const practice = render('practice');
    expect(practice).toContain('data-testid="cement-phase"');
    expect(practice).toContain('data-testid="cement-viscosity"');
    expect(practice).toMatch(/working/);
    const exam = render('exam');
    expect(exam).not.toContain('data-testid="cement-phase"');
    expect(exam).not.toContain('data-testid="cement-viscosity"');
    expect(exam).not.toMatch(/working|Pa·s|1700/);
  });

  it('shows the device, what it and the batch hold, devices used and the last tack test with its time', () => {
    for (const mode of ['practice', 'exam'] as const) {
      const html = render(mode);
      expect(html).toContain('Bone filler device');
      expect(html).toMatch(/data-testid="cement-device-ml">0\.50/);
      expect(html).toMatch(/data-testid="cement-batch-ml">7\.0/);
      expect(html).toMatch(/data-testid="cement-devices-used">2</);
      expect(html).toMatch(/Tack test at 5:45: doughy, it no longer sticks to the glove/);
    }
  });

  it('exam hides leaks and the volume in the body: a leak is seen only on the images', () => {
    const leaking: CementView = {
      ...CEMENT,
      injectedMl: 2,
      inBodyMl: 1.3,
      leakedMl: 0.2,
      leaks: [{ location: 'venous', volumeMl: 0.2, firstTick: 100, seenTick: null, via: ['basivertebralVein'] }],
    };
    const html = (mode: 'practice' | 'exam'): string =>
      renderToStaticMarkup(createElement(CementPanel, { cement: leaking, mode }));
    expect(html('practice')).toContain('data-testid="cement-leaks"');
    expect(html('practice')).toMatch(/venous: 0\.20 mL \(not yet on an image\)/);
    expect(html('practice')).toContain('data-testid="cement-inbody"');
    expect(html('exam')).not.toMatch(/cement-leaks|cement-leaked|cement-inbody|venous|alarm/);
    expect(html('exam')).toMatch(/data-testid="cement-injected">2\.00/);
  });
});
