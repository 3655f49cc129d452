import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario, scenarioSchema } from '../../levels/scenarioSchema';
import { asaLine, asaName, poorGeneralHealth } from '../../sim/core/asaClass';
import { scenarioHash } from '../../sim/attempt/scenarioHash';
import { conditionHolds, contextOf } from '../../sim/plan/runPlan';
import { conditionSchema } from '../../sim/plan/planSchema';
import { createSession } from '../../sim/session/session';
import { caseScreenHtml } from './caseScreenHtml';
import { ScenarioForm } from '../../src/editor/ScenarioForm';
import { validateScenario } from '../../src/editor/fieldErrors';
import { FormContext } from '../../src/editor/FormFields';
import { setAt } from '../../src/editor/scenarioDraft';

/** The patient's general health as an ASA class (patient.asaClass, optional; sim/core/asaClass.ts). */

const raw = (f: string): Record<string, any> => JSON.parse(readFileSync(`levels/${f}`, 'utf8'));
const L1 = parseScenario(raw('l1-osteoporotic-wedge.json'));
const withAsa = (asaClass: unknown) => ({ ...raw('l1-osteoporotic-wedge.json'), patient: { ...L1.patient, asaClass } });

describe('the ASA class in the scenario format', () => {
  it('accepts the classes 1 to 4 and its absence', () => {
    for (const asa of [1, 2, 3, 4]) expect(parseScenario(withAsa(asa)).patient.asaClass).toBe(asa);
    expect(L1.patient.asaClass).toBeUndefined();
  });

  it('refuses 0, 5, a fraction and a string, naming the field', () => {
    for (const asa of [0, 5, 2.5, '3', null]) {
      const r = scenarioSchema.safeParse(withAsa(asa));
      expect(r.success, String(asa)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['patient', 'asaClass']);
    }
  });

  it('absent leaves a case as it was: a file without it keeps its hash', () => {
    const { asaClass: _, ...patient } = { ...L1.patient, asaClass: 3 };
    expect(scenarioHash({ ...L1, patient })).toBe(scenarioHash(L1));
    expect(scenarioHash({ ...L1, patient: { ...L1.patient, asaClass: 3 } })).not.toBe(scenarioHash(L1));
  });
});

describe('its wording', () => {
  it('names the class and what it means; III and IV are poor general health, not stated is not', () => {
    expect(asaLine(1)).toBe('ASA I: a normal healthy patient');
    expect(asaLine(2)).toBe('ASA II: mild systemic disease');
    expect(asaLine(3)).toBe('ASA III: severe systemic disease');
    expect(asaLine(4)).toBe('ASA IV: severe systemic disease that is a constant threat to life');
    expect(asaLine(undefined)).toBeNull();
    expect(asaName(4)).toBe('ASA IV');
    expect([undefined, 1, 2, 3, 4].map(poorGeneralHealth)).toEqual([false, false, false, true, true]);
  });
});

describe('the case review', () => {
  const caseHtml = caseScreenHtml;

  it('shows a stated class in words beside the allergies, and nothing for a case that states none', () => {
    const html = caseHtml(parseScenario(withAsa(3)));
    expect(html).toMatch(/class="case-asa"[^>]*>ASA III: severe systemic disease</);
    expect(html.indexOf('case-allergies')).toBeLessThan(html.indexOf('case-asa'));
    expect(caseHtml(L1)).not.toContain('case-asa');
  });
});

describe('the scenario editor', () => {
  const render = (draft: unknown) =>
    renderToStaticMarkup(
      createElement(
        FormContext.Provider,
        { value: { draft, errors: new Map(), set: () => {} } },
        createElement(ScenarioForm, { plans: ['textbook-kyphoplasty'] }),
      ),
    );
  const asaSelect = (html: string) => html.slice(html.indexOf('data-field="patient.asaClass"')).split('</select>')[0];

  it('offers not stated and the four classes in words, with the case own class chosen', () => {
    const none = asaSelect(render(L1));
    expect(none).toMatch(/<option value="" selected="">not stated<\/option>/);
    expect(none).toContain(
      '<option value="4">ASA IV: severe systemic disease that is a constant threat to life</option>',
    );
    expect(asaSelect(render(setAt(L1, ['patient', 'asaClass'], 3)))).toMatch(
      /<option value="3" selected="">ASA III: severe systemic disease<\/option>/,
    );
  });

  it('a draft with a class validates; one out of range is named at its field', () => {
    expect(validateScenario(setAt(L1, ['patient', 'asaClass'], 2)).ok).toBe(true);
    const checked = validateScenario(setAt(L1, ['patient', 'asaClass'], 6));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect([...checked.errors.keys()]).toEqual(['patient.asaClass']);
  });
});

describe('plan conditions on the structured history', () => {
  const holds = (scenario: Scenario, c: unknown) => {
    const session = createSession(scenario, 1);
    return conditionHolds(session.snapshot(), conditionSchema.parse(c), contextOf(session));
  };
  const asa3 = parseScenario(withAsa(3));
  const allergic = {
    ...L1,
    patient: { ...L1.patient, allergies: [{ agent: 'cefazolin', reaction: 'rash' }] },
  } as Scenario;
  const onWarfarin = {
    ...L1,
    patient: { ...L1.patient, anticoagulant: { drug: 'warfarin', lastDoseHoursAgo: 120 } },
  } as Scenario;

  it('caseAsaClassAtLeast reads the stated class; a class not stated is none', () => {
    expect(holds(asa3, { caseAsaClassAtLeast: 3 })).toBe(true);
    expect(holds(asa3, { caseAsaClassAtLeast: 4 })).toBe(false);
    expect(holds(L1, { caseAsaClassAtLeast: 1 })).toBe(false);
    expect(conditionSchema.safeParse({ caseAsaClassAtLeast: 5 }).success).toBe(false);
  });

  it('caseAllergy reads the listed agents, whatever the reaction; caseAnticoagulant the drug', () => {
    expect(holds(allergic, { caseAllergy: 'cefazolin' })).toBe(true);
    expect(holds(allergic, { caseAllergy: 'pmma' })).toBe(false);
    expect(holds(L1, { caseAllergy: 'cefazolin' })).toBe(false);
    expect(holds(onWarfarin, { caseAnticoagulant: true })).toBe(true);
    expect(holds(L1, { caseAnticoagulant: true })).toBe(false);
  });
});
