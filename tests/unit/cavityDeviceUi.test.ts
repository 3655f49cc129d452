import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../levels/scenarioSchema';
import { createSession } from '../../sim/session';
import { BalloonPanel } from '../../src/procedure/panels/BalloonPanel';
import { PhaseHeader } from '../../src/procedure/panels/PhaseHeader';
import { BalloonPlots } from '../../src/debrief/BalloonPlots';

const scenario = (file: string) =>
  parseScenario(JSON.parse(readFileSync(new URL(`../../levels/${file}.json`, import.meta.url), 'utf8')), file);

/** The cavity stage's panel for a scenario, with the device as the world shows it before insertion. */
function panel(file: string): string {
  const s = createSession(scenario(file), 1, { mode: 'practice' });
  const snap = s.snapshot();
  return renderToStaticMarkup(
    createElement(BalloonPanel, {
      balloon: snap.balloon,
      height: snap.height,
      mode: 'practice',
      allowed: [],
      onAction: () => {},
    }),
  );
}

describe('the procedure and debrief name the cavity device', () => {
  it('the panel: balloon tamp with its manometer, ball tamp and mesh container without', () => {
    expect(panel('l1-osteoporotic-wedge')).toContain('Balloon tamp');
    const tamp = panel('l1-osteoporotic-wedge-ball-tamp');
    expect(tamp).toContain('Expandable ball tamp');
    expect(tamp).toContain('20 mm sphere');
    const mesh = panel('l1-osteoporotic-wedge-mesh-container');
    expect(mesh).toContain('Mesh container');
    expect(mesh).toContain('Not deployed.');
    expect(mesh).not.toContain('psi');
  });

  it("the phase header's cavity stage follows the device", () => {
    const header = (cavityDevice?: 'balloon' | 'ballTamp' | 'meshContainer') =>
      renderToStaticMarkup(
        createElement(PhaseHeader, {
          phase: 'balloon',
          mode: 'practice',
          hint: null,
          canAdvance: false,
          stateValue: 'balloon.out',
          cavityDevice,
        }),
      );
    expect(header()).toContain('Insert the balloon');
    expect(header('meshContainer')).toContain('Deploy the mesh container');
    expect(header('ballTamp')).toContain('open it in steps under lateral images to its full sphere');
  });

  it('the debrief plots say which device made the cavity, and that only the balloon has a manometer', () => {
    const trace = { balloons: [] } as unknown as Parameters<typeof BalloonPlots>[0]['trace'];
    const plots = (cavityDevice?: 'balloon' | 'ballTamp' | 'meshContainer') =>
      renderToStaticMarkup(createElement(BalloonPlots, { trace, balloonLengthMm: 15, cavityDevice }));
    expect(plots()).toContain('Balloon pressure');
    expect(plots('ballTamp')).toContain('Cavity made with the expandable ball tamp');
    expect(plots('meshContainer')).toContain('Cavity made with the mesh container');
  });
});
