import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { AnticoagulantFields } from '../../src/editor/AnticoagulantFields';
import { validateScenario } from '../../src/editor/fieldErrors';
import { FormContext } from '../../src/editor/FormFields';
import { setAt } from '../../src/editor/scenarioDraft';

/** The editor's anticoagulant fields (patient.anticoagulant, optional): none, or a drug and its last dose. */

const L1 = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));

function render(draft: unknown): string {
  return renderToStaticMarkup(
    createElement(
      FormContext.Provider,
      { value: { draft, errors: new Map(), set: () => {} } },
      createElement(AnticoagulantFields),
    ),
  );
}

describe('the anticoagulant in the scenario editor', () => {
  it('shows none and no hours for a case without one; the drug and its hours for one with one', () => {
    const none = render(L1);
    expect(none).toMatch(/<option value="" selected="">none<\/option>/);
    expect(none).not.toContain('Last dose');
    const withDrug = render(setAt(L1, ['patient', 'anticoagulant'], { drug: 'apixaban', lastDoseHoursAgo: 6 }));
    expect(withDrug).toMatch(/<option value="apixaban" selected="">apixaban<\/option>/);
    expect(withDrug).toContain('Last dose, hours ago');
    expect(withDrug).toMatch(/value="6"/);
  });

  it('a draft with one validates; hours out of range are named at their field', () => {
    expect(
      validateScenario(setAt(L1, ['patient', 'anticoagulant'], { drug: 'aspirin', lastDoseHoursAgo: 48 })).ok,
    ).toBe(true);
    const checked = validateScenario(
      setAt(L1, ['patient', 'anticoagulant'], { drug: 'aspirin', lastDoseHoursAgo: 800 }),
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect([...checked.errors.keys()]).toEqual(['patient.anticoagulant.lastDoseHoursAgo']);
  });
});
