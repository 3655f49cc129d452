import { readdirSync, readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { type Allergy, allergyLine, MAX_ALLERGIES } from '../../sim/core/allergies';
import { checkCommand } from '../../sim/core/commandSchema';
import type { Command } from '../../sim/core/commands';
import type { DomainEvent, TimedEvent } from '../../sim/core/events';
import { createRng } from '../../sim/math/rng';
import { Patient } from '../../sim/patient/patient';
import type { PatientView } from '../../sim/patient/patientView';
import { type Plan, planSchema, runPlan } from '../../sim/plan/index';
import { createSession, type Session } from '../../sim/session/index';
import { describeEvent } from '../../src/procedure/describeEvent';
import { caseScreenHtml } from './caseScreenHtml';
import { ChecklistPanel } from '../../src/procedure/panels/ChecklistPanel';
import { PatientMonitorPanel } from '../../src/procedure/panels/PatientMonitorPanel';

/**
 * An allergic reaction (sim/patient/anaphylaxis.ts): the wedge case's patient (74 years, 62 kg; seed 1
 * rests at SpO2 95.2 %, HR 78 bpm, systolic 134 mmHg) given an allergy in the test, the antibiotic the
 * pre-op tick gives, and what adrenaline, fluids and oxygen do. No shipped scenario has an allergy,
 * so none of them changes.
 */

const WEDGE_FILE = 'levels/l1-osteoporotic-wedge.json';
const WEDGE: Scenario = parseScenario(JSON.parse(readFileSync(WEDGE_FILE, 'utf8')), WEDGE_FILE);
const TEXTBOOK: Plan = planSchema.parse(JSON.parse(readFileSync('levels/plans/textbook-kyphoplasty.json', 'utf8')));

/** The wedge case with these allergies, through the scenario parser (as a file would load). */
function allergic(...allergies: Allergy[]): Scenario {
  const raw = JSON.parse(readFileSync(WEDGE_FILE, 'utf8'));
  raw.patient.allergies = allergies;
  return parseScenario(raw, 'allergic wedge');
}
const CEFAZOLIN_ANAPHYLAXIS = allergic({ agent: 'cefazolin', reaction: 'anaphylaxis' });

const accept = (s: Session, c: Command): void => {
  const r = s.dispatch(c);
  expect(r.accepted, r.reason).toBe(true);
};

/** A session in pre-op (case review ticked). */
function inPreOp(scenario: Scenario, seed = 1): Session {
  const s = createSession(scenario, seed);
  for (const item of ['history', 'imaging', 'candidacy'] as const) accept(s, { type: 'checklist.tick', item });
  accept(s, { type: 'phase.next' });
  return s;
}

const allergyEvents = (events: readonly TimedEvent[]) =>
  events.filter((e) => e.event.type === 'patient.complication' && e.event.kind === 'anaphylaxis');
const severities = (events: readonly TimedEvent[]) =>
  allergyEvents(events).map((e) => (e.event.type === 'patient.complication' ? e.event.severity : null));

/** The vital signs a trainee reads, rounded as the monitor shows them (SpO2 to a tenth here). */
const vitals = (p: PatientView) => ({
  spo2: Math.round(p.spo2Pct * 10) / 10,
  hr: Math.round(p.heartRateBpm),
  sbp: Math.round(p.systolicMmHg),
});

/**
 * The antibiotic tick in pre-op (with `choose` first, if any), then the patient at 2, 5 and 10 min
 * after it; `answer` runs once, at the first reported sign (the mild grade), if there is one.
 */
function course(scenario: Scenario, answer?: (s: Session) => void, choose?: Command) {
  const s = inPreOp(scenario);
  if (choose) accept(s, choose);
  accept(s, { type: 'checklist.tick', item: 'antibiotics' });
  const at: PatientView[] = [];
  let answered = false;
  let firstSignS: number | null = null;
  for (let sec = 1; sec <= 600; sec++) {
    s.stepTicks(60);
    if (firstSignS === null && allergyEvents(s.events).length > 0) firstSignS = sec;
    if (answer && !answered && firstSignS !== null) {
      answer(s);
      answered = true;
    }
    if (sec === 120 || sec === 300 || sec === 600) at.push(s.snapshot().patient);
  }
  return { s, at, firstSignS, events: s.events };
}

describe('anaphylaxis to cefazolin: the chain from the case to the signs', () => {
  const untreated = course(CEFAZOLIN_ANAPHYLAXIS);
  const treated = course(CEFAZOLIN_ANAPHYLAXIS, (s) => accept(s, { type: 'patient.adrenaline', mg: 0.5 }));

  it('without adrenaline it runs from mild to severe: each grade reported once, shock by 10 min', () => {
    // Onset 2 min after the dose, then the cascade: mild at 3.1 min, moderate at 4.5, severe at 6.9.
    expect(untreated.firstSignS).toBe(185);
    expect(severities(untreated.events)).toEqual(['mild', 'moderate', 'severe']);
    const [at2, at5, at10] = untreated.at.map(vitals);
    expect(at2).toEqual({ spo2: 95.2, hr: 78, sbp: 134 }); // nothing yet
    expect(at5).toEqual({ spo2: 92.1, hr: 96, sbp: 120 }); // bronchospasm, a falling pressure
    expect(at10).toEqual({ spo2: 80.4, hr: 113, sbp: 79 }); // shock
    const p = untreated.s.snapshot().patient;
    expect(p.anaphylaxis).toBe('severe');
    expect(p.allergicSignsNow).toBe('severe');
    expect(p.alarms).toEqual(expect.arrayContaining(['spo2Low', 'systolicLow']));
  });

  it('adrenaline 0.5 mg IM at the first sign keeps it mild: no bronchospasm, no fall in pressure', () => {
    expect(severities(treated.events)).toEqual(['mild']);
    const [at2, at5, at10] = treated.at.map(vitals);
    expect(at2).toEqual({ spo2: 95.2, hr: 78, sbp: 134 });
    expect(at5).toEqual({ spo2: 94.2, hr: 92, sbp: 135 });
    expect(at10).toEqual({ spo2: 94.8, hr: 89, sbp: 139 });
    const p = treated.s.snapshot().patient;
    expect(p.adrenalineMg).toBe(0.5);
    expect(p.alarms).toEqual([]);
  });

  it('the alternative antibiotic (clindamycin, chosen before the tick) gives no reaction at all', () => {
    const clinda = course(CEFAZOLIN_ANAPHYLAXIS, undefined, { type: 'antibiotic.choose', drug: 'clindamycin' });
    expect(allergyEvents(clinda.events)).toEqual([]);
    const plain = course(WEDGE);
    const { antibioticChoice, antibiotic, ...rest } = clinda.s.snapshot().patient;
    const { antibioticChoice: _c, antibiotic: _a, ...plainRest } = plain.s.snapshot().patient;
    expect([antibioticChoice, antibiotic]).toEqual(['clindamycin', 'clindamycin']);
    expect(rest).toEqual(plainRest);
  });

  it('a patient with no allergy, or another one, has nothing from cefazolin', () => {
    const none = course(WEDGE);
    expect(allergyEvents(none.events)).toEqual([]);
    expect(none.at.map(vitals)).toEqual(Array(3).fill({ spo2: 95.2, hr: 78, sbp: 134 }));
    expect(none.s.snapshot().patient.antibiotic).toBe('cefazolin');
    // A penicillin allergy: cefazolin's side chain differs, no cross-reaction is modelled.
    const penicillin = course(allergic({ agent: 'penicillin', reaction: 'anaphylaxis' }));
    expect(allergyEvents(penicillin.events)).toEqual([]);
    expect(penicillin.s.snapshot().patient).toEqual(none.s.snapshot().patient);
  });

  it('a rash alone stays mild', () => {
    const rash = course(allergic({ agent: 'cefazolin', reaction: 'rash' }));
    expect(severities(rash.events)).toEqual(['mild']);
    const [, , at10] = rash.at.map(vitals);
    expect(at10.sbp).toBeGreaterThan(130);
    expect(at10.spo2).toBeGreaterThan(94.5);
  });
});

describe('the answers: adrenaline, a repeat, fluids and oxygen', () => {
  /** Untreated until the severe grade, then `answer`, then the patient `afterS` seconds later. */
  function fromSevere(answer: (s: Session) => void, afterS: number) {
    const s = inPreOp(CEFAZOLIN_ANAPHYLAXIS);
    accept(s, { type: 'checklist.tick', item: 'antibiotics' });
    while (!severities(s.events).includes('severe')) s.stepTicks(60);
    const atSevere = s.snapshot().patient;
    answer(s);
    s.stepTicks(afterS * 60);
    return { s, atSevere, after: s.snapshot().patient };
  }

  it('one dose at the severe grade takes it back to mild within 5 min; the repeat 5 min later clears it', () => {
    const once = fromSevere((s) => accept(s, { type: 'patient.adrenaline', mg: 0.5 }), 300);
    expect(once.after.allergicSignsNow).toBe('mild');
    expect(once.after.systolicMmHg).toBeGreaterThan(once.atSevere.systolicMmHg + 30);
    const repeated = fromSevere((s) => {
      accept(s, { type: 'patient.adrenaline', mg: 0.5 });
      s.stepTicks(300 * 60);
      accept(s, { type: 'patient.adrenaline', mg: 0.5 });
    }, 600);
    const single = fromSevere((s) => accept(s, { type: 'patient.adrenaline', mg: 0.5 }), 900);
    expect(repeated.after.allergicSigns).toBeLessThan(single.after.allergicSigns / 2);
    expect(repeated.after.adrenalineMg).toBe(1);
  });

  it('fluids lift the pressure and oxygen the SpO2 of an untreated reaction', () => {
    const none = fromSevere(() => {}, 300).after;
    const fluids = fromSevere((s) => accept(s, { type: 'patient.fluids', mL: 1000 }), 300).after;
    const oxygen = fromSevere((s) => accept(s, { type: 'oxygen.nasal', lPerMin: 4 }), 300).after;
    expect(fluids.systolicMmHg).toBeGreaterThan(none.systolicMmHg + 15);
    expect(oxygen.spo2Pct).toBeGreaterThan(none.spo2Pct + 5);
    // Neither stops the reaction itself.
    expect(fluids.allergicSignsNow).toBe('severe');
    expect(oxygen.allergicSignsNow).toBe('severe');
  });

  it('adrenaline: 0.1-0.5 mg a dose, at most 1.5 mg in one procedure, from pre-op on', () => {
    const s = inPreOp(WEDGE);
    for (let i = 0; i < 3; i++) accept(s, { type: 'patient.adrenaline', mg: 0.5 });
    const over = s.dispatch({ type: 'patient.adrenaline', mg: 0.1 });
    expect(over.accepted).toBe(false);
    expect(over.reason).toMatch(/1\.5 mg limit/);
    expect(checkCommand({ type: 'patient.adrenaline', mg: 0.05 }).ok).toBe(false);
    expect(checkCommand({ type: 'patient.adrenaline', mg: 1 }).ok).toBe(false);
    const review = createSession(WEDGE, 1);
    expect(review.dispatch({ type: 'patient.adrenaline', mg: 0.5 }).accepted).toBe(false);
  });

  it('adrenaline without a reaction lifts the heart rate and the pressure a little, and nothing is reported', () => {
    const s = inPreOp(WEDGE);
    accept(s, { type: 'patient.adrenaline', mg: 0.5 });
    s.stepTicks(300 * 60);
    const p = s.snapshot().patient;
    expect(p.heartRateBpm - 78).toBeGreaterThan(3);
    expect(p.heartRateBpm - 78).toBeLessThan(8);
    expect(p.systolicMmHg - 134).toBeLessThan(10);
    expect(allergyEvents(s.events)).toEqual([]);
  });
});

describe('the antibiotic choice', () => {
  it('is made in pre-op before the tick; after the tick, in case review and after pre-op it is refused', () => {
    const review = createSession(WEDGE, 1);
    expect(review.dispatch({ type: 'antibiotic.choose', drug: 'vancomycin' }).accepted).toBe(false);
    const s = inPreOp(WEDGE);
    accept(s, { type: 'antibiotic.choose', drug: 'vancomycin' });
    expect(s.snapshot().patient.antibioticChoice).toBe('vancomycin');
    expect(s.snapshot().patient.antibiotic).toBeNull();
    accept(s, { type: 'checklist.tick', item: 'antibiotics' });
    expect(s.snapshot().patient.antibiotic).toBe('vancomycin');
    const late = s.dispatch({ type: 'antibiotic.choose', drug: 'cefazolin' });
    expect(late.accepted).toBe(false);
    expect(late.reason).toMatch(/vancomycin/);
    accept(s, { type: 'checklist.tick', item: 'timeOut' });
    accept(s, { type: 'phase.next' });
    expect(s.dispatch({ type: 'antibiotic.choose', drug: 'clindamycin' }).reason).toMatch(/pre-op/);
  });
});

describe('the other agents: contrast from a ruptured balloon, cement monomer', () => {
  const DT_S = 1 / 60;
  const patientWith = (...allergies: Allergy[]) =>
    new Patient({ ...WEDGE.patient, allergies }, createRng(1).fork('patient'));
  function run(p: Patient, seconds: number, events: DomainEvent[] = []): PatientView {
    for (let i = 0; i < seconds * 60; i++) events.push(...p.step(DT_S));
    return p.view();
  }

  it('contrast out of a ruptured balloon starts the reaction in a contrast-allergic patient only', () => {
    const events: DomainEvent[] = [];
    const p = patientWith({ agent: 'iodinatedContrast', reaction: 'anaphylaxis' });
    p.notice({ type: 'balloon.ruptured', pressurePsi: 300 }, 'left');
    run(p, 600, events);
    expect(
      events
        .filter((e) => e.type === 'patient.complication')
        .map((e) => e.type === 'patient.complication' && e.severity),
    ).toEqual(['mild', 'moderate', 'severe']);
    const other = patientWith({ agent: 'cefazolin', reaction: 'anaphylaxis' });
    other.notice({ type: 'balloon.ruptured', pressurePsi: 300 }, 'left');
    expect(run(other, 600).allergicSigns).toBe(0);
  });

  it('cement starts it within two minutes; pushing on renews it, stopping lets adrenaline clear it', () => {
    const pushedOn = patientWith({ agent: 'pmma', reaction: 'anaphylaxis' });
    const stopped = patientWith({ agent: 'pmma', reaction: 'anaphylaxis' });
    const firstEvents: DomainEvent[] = [];
    for (const p of [pushedOn, stopped]) p.notice({ type: 'cement.delivered' }, 'left');
    run(stopped, 120, firstEvents);
    run(pushedOn, 120);
    // Mild about 95 s after the first cement (onset 30 s, then the cascade).
    expect(firstEvents.some((e) => e.type === 'patient.complication' && e.severity === 'mild')).toBe(true);
    for (const p of [pushedOn, stopped]) p.apply({ type: 'patient.adrenaline', mg: 0.5 }, null);
    for (let i = 0; i < 20; i++) {
      pushedOn.apply({ type: 'cement.inject', mL: 0.5 }, 'left');
      run(pushedOn, 30);
      run(stopped, 30);
    }
    // The monomer is cleared within minutes: stopped, the signs fall below mild; pushed on, they stay.
    expect(stopped.view().allergicSignsNow).toBeNull();
    expect(pushedOn.view().allergicSignsNow).toBe('mild');
    expect(pushedOn.view().allergicSigns).toBeGreaterThan(2 * stopped.view().allergicSigns);
  });

  it('an allergic patient never exposed is the patient the model never touched', () => {
    const a = patientWith();
    const b = patientWith(
      { agent: 'cefazolin', reaction: 'anaphylaxis' },
      { agent: 'iodinatedContrast', reaction: 'anaphylaxis' },
      { agent: 'pmma', reaction: 'rash' },
    );
    expect(run(b, 600)).toEqual(run(a, 600));
  });
});

describe('the scenario format and the case review line', () => {
  it('allergies are optional and bounded; the case review reads them in one line', () => {
    expect(WEDGE.patient.allergies).toBeUndefined();
    expect(allergyLine(WEDGE.patient.allergies)).toBe('No known drug allergies');
    expect(allergyLine(CEFAZOLIN_ANAPHYLAXIS.patient.allergies)).toBe('Allergies: cefazolin (anaphylaxis)');
    expect(
      allergyLine([
        { agent: 'iodinatedContrast', reaction: 'rash' },
        { agent: 'pmma', reaction: 'anaphylaxis' },
      ]),
    ).toBe('Allergies: iodinated contrast (rash), bone cement (methyl methacrylate) (anaphylaxis)');
    const tooMany = Array.from({ length: MAX_ALLERGIES + 1 }, () => ({ agent: 'pmma', reaction: 'rash' }) as Allergy);
    expect(() => allergic(...tooMany)).toThrow(/allergies/);
    expect(() => allergic({ agent: 'latex', reaction: 'anaphylaxis' } as unknown as Allergy)).toThrow(/agent/);
  });

  it('one shipped scenario has an allergy (cefazolin, whose plans choose another antibiotic), the others none', () => {
    const files = readdirSync('levels').filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(20);
    const allergic: Record<string, unknown> = {};
    for (const f of files) {
      const sc = parseScenario(JSON.parse(readFileSync(`levels/${f}`, 'utf8')), f);
      if (sc.patient.allergies) allergic[f] = sc.patient.allergies;
    }
    // tests/unit/structuredHistoryCases.test.ts runs its expert plan: clindamycin, no reaction.
    expect(allergic).toEqual({ 't12-wedge-above-cemented-l1.json': [{ agent: 'cefazolin', reaction: 'anaphylaxis' }] });
  });

  it('the textbook kyphoplasty gives no reaction; the same run on a cement-allergic patient reports one after the cement', () => {
    const plain = runPlan(WEDGE, 1, TEXTBOOK);
    expect(allergyEvents(plain.events)).toEqual([]);
    expect(plain.snapshot().patient.anaphylaxis).toBeNull();
    // An allergy to a drug the plan never gives changes nothing at all.
    const vanco = runPlan(allergic({ agent: 'vancomycin', reaction: 'anaphylaxis' }), 1, TEXTBOOK);
    expect(vanco.events).toEqual(plain.events);
    // The plan up to its cement injection, then 5 min: the monomer's reaction after the first cement.
    const injection = TEXTBOOK.steps.findIndex((st) => 'repeat' in st && st.repeat.type === 'cement.inject');
    const toCement: Plan = { ...TEXTBOOK, steps: [...TEXTBOOK.steps.slice(0, injection + 1), { waitS: 300 }] };
    const pmma = runPlan(allergic({ agent: 'pmma', reaction: 'anaphylaxis' }), 1, toCement);
    const delivered = pmma.events.find((e) => e.event.type === 'cement.delivered');
    expect(delivered).toBeDefined();
    // The injection stops after about 3 mL: the monomer clears and the reaction stops at moderate.
    expect(severities(pmma.events)).toEqual(['mild', 'moderate']);
    // Mild 95 s after the first cement reached the bone (onset 30 s, then the cascade).
    expect(Math.round((allergyEvents(pmma.events)[0].tick - delivered!.tick) / 60)).toBe(95);
  });
});

describe('what the trainee sees', () => {
  it('the monitor shows the bedside signs while there are any and the adrenaline once given; the feed names the answer', () => {
    const s = inPreOp(CEFAZOLIN_ANAPHYLAXIS);
    accept(s, { type: 'checklist.tick', item: 'antibiotics' });
    const quiet = renderToStaticMarkup(
      createElement(PatientMonitorPanel, { patient: s.snapshot().patient, mode: 'practice' }),
    );
    expect(quiet).not.toContain('vital-allergy');
    expect(quiet).not.toContain('vital-adrenaline');
    s.stepTicks(300 * 60);
    accept(s, { type: 'patient.adrenaline', mg: 0.5 });
    s.stepTicks(60);
    const html = renderToStaticMarkup(
      createElement(PatientMonitorPanel, { patient: s.snapshot().patient, mode: 'practice' }),
    );
    expect(html).toContain('hives, wheeze');
    expect(html).toMatch(/data-testid="vital-adrenaline".*0\.5.*mg IM/);
    const line = describeEvent({ type: 'patient.complication', kind: 'anaphylaxis', severity: 'moderate' }, 'practice');
    expect(line?.text).toMatch(/anaphylaxis.*adrenaline 0\.5 mg IM \(Shift\+A\)/);
    expect(line?.severity).toBe('danger');
  });

  it('the case review shows the allergies in one line, and the checklist the antibiotic the tick gives', () => {
    const caseHtml = caseScreenHtml;
    expect(caseHtml(CEFAZOLIN_ANAPHYLAXIS)).toMatch(
      /case-allergies allergic[^>]*>Allergies: cefazolin \(anaphylaxis\)</,
    );
    expect(caseHtml(WEDGE)).toMatch(/class="case-allergies"[^>]*>No known drug allergies</);
    const list = renderToStaticMarkup(
      createElement(ChecklistPanel, { checklist: {}, canTick: true, onTick: () => {}, antibiotic: 'clindamycin' }),
    );
    expect(list).toContain('(clindamycin)');
  });
});
