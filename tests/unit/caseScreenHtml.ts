import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Scenario } from '../../levels/scenarioSchema';
import { createSession } from '../../sim/session/session';
import { CaseScreen } from '../../src/procedure/CaseScreen';

/** The case review of a scenario as practice shows it before anything is ticked, as static markup (seed 1). */
export function caseScreenHtml(scenario: Scenario): string {
  return renderToStaticMarkup(
    createElement(CaseScreen, {
      scenario,
      segmentationFinding: null,
      mode: 'practice',
      checklist: {},
      canTick: true,
      onTick: () => {},
      canDecline: true,
      onDecline: () => {},
      anatomy: createSession(scenario, 1).snapshot().anatomy,
      seed: 1,
      canMeasure: false,
      onMeasure: () => {},
      antibiotic: 'cefazolin',
    }),
  );
}
