import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { Command } from '../../sim/core/commands';
import { FLUIDS, FLUMAZENIL, type PatientView } from '../../sim/patient/index';
import { type Plan, planSchema, runPlan } from '../../sim/plan/index';
import { createSession, type Session } from '../../sim/session/index';

/**
 * The patient's answers as commands (sim/patient/README.md): flumazenil reverses midazolam and can
 * wear off first, IV fluids and a call for help; their bounds and limits, and where they are allowed.
 */

const SCENARIO: Scenario = parseScenario(
  JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')),
  'levels/l1-osteoporotic-wedge.json',
);
const TEXTBOOK: Plan = planSchema.parse(JSON.parse(readFileSync('levels/plans/textbook-kyphoplasty.json', 'utf8')));

function inPreOp(seed = 1): Session {
  const s = createSession(SCENARIO, seed);
  for (const item of ['history', 'imaging', 'candidacy'] as const)
    expect(s.dispatch({ type: 'checklist.tick', item }).accepted).toBe(true);
  expect(s.dispatch({ type: 'phase.next' }).accepted).toBe(true);
  return s;
}

const accept = (s: Session, c: Command): void => {
  const r = s.dispatch(c);
  expect(r.accepted, r.reason).toBe(true);
};

const patientAfter = (s: Session, seconds: number): PatientView => {
  s.stepTicks(seconds * 60);
  return s.snapshot().patient;
};

describe('flumazenil: competitive reversal of midazolam', () => {
  /** 5 mg midazolam, 5 min later flumazenil (or nothing), then the patient at each listed minute after. */
  function course(flumazenilMg: number | null, minutes: readonly number[]): PatientView[] {
    const s = inPreOp();
    accept(s, { type: 'sedation.midazolam', mg: 5 });
    patientAfter(s, 300);
    if (flumazenilMg !== null) accept(s, { type: 'sedation.flumazenil', mg: flumazenilMg });
    let t = 0;
    return minutes.map((m) => {
      const v = patientAfter(s, (m - t) * 60);
      t = m;
      return v;
    });
  }

  it('0.5 mg after 5 mg midazolam raises the breathing and the RASS within 3 min', () => {
    const [none] = course(null, [3]);
    const [reversed] = course(0.5, [3]);
    // RASS -4 and RR 6.8 /min without; RASS 0 and RR 11.4 /min with (this patient rests at 11.6).
    expect(none.rass).toBeLessThanOrEqual(-3);
    expect(reversed.rass).toBe(0);
    expect(reversed.respiratoryRatePerMin).toBeGreaterThan(none.respiratoryRatePerMin + 3);
    expect(reversed.spo2Pct).toBeGreaterThan(none.spo2Pct);
    expect(reversed.flumazenilMg).toBe(0.5);
    // Midazolam itself is still there: flumazenil moves its EC50, not its concentration.
    expect(reversed.midazolamEffectNgMl).toBeCloseTo(none.midazolamEffectNgMl, 9);
  });

  it('wears off before the midazolam: sedation comes back (resedation), then both fade', () => {
    const [at3, at20, at60] = course(0.5, [3, 20, 60]);
    expect(at20.sedation).toBeGreaterThan(at3.sedation);
    expect(at20.rass).toBeLessThan(at3.rass);
    expect(at60.sedation).toBeLessThan(at20.sedation);
    expect(at20.flumazenilEffectNgMl).toBeLessThan(at3.flumazenilEffectNgMl / 2);
  });

  it('without midazolam it changes nothing', () => {
    const a = inPreOp();
    const b = inPreOp();
    accept(b, { type: 'sedation.flumazenil', mg: 1 });
    const { flumazenilMg: _fa, flumazenilEffectNgMl: _ea, ...plain } = patientAfter(a, 120);
    const { flumazenilMg: _fb, flumazenilEffectNgMl: _eb, ...given } = patientAfter(b, 120);
    expect(given).toEqual(plain);
  });

  it(`refuses a dose that takes the total over ${FLUMAZENIL.maxTotalMg} mg, saying why`, () => {
    const s = inPreOp();
    accept(s, { type: 'sedation.flumazenil', mg: 1 });
    accept(s, { type: 'sedation.flumazenil', mg: 1 });
    accept(s, { type: 'sedation.flumazenil', mg: 0.5 });
    const over = s.dispatch({ type: 'sedation.flumazenil', mg: 1 });
    expect(over.accepted).toBe(false);
    expect(over.reason).toMatch(/3 mg limit/);
    expect(over.reason).toMatch(/2\.5 mg given/);
  });
});

describe('fluids and a call for help', () => {
  it('a bolus is recorded and runs in; the total is limited', () => {
    const s = inPreOp();
    accept(s, { type: 'patient.fluids', mL: 1000 });
    accept(s, { type: 'patient.fluids', mL: 1000 });
    accept(s, { type: 'patient.fluids', mL: 1000 });
    const over = s.dispatch({ type: 'patient.fluids', mL: 100 });
    expect(over.accepted).toBe(false);
    expect(over.reason).toMatch(new RegExp(`${FLUIDS.maxTotalMl} mL limit`));
    expect(s.snapshot().patient.fluidsMl).toBe(3000);
  });

  it('a call for help is in the log and moves no vital sign', () => {
    const a = inPreOp();
    const b = inPreOp();
    accept(a, { type: 'sedation.midazolam', mg: 2 });
    accept(b, { type: 'sedation.midazolam', mg: 2 });
    accept(b, { type: 'patient.callForHelp' });
    const { helpCalled: calledA, ...plain } = patientAfter(a, 180);
    const { helpCalled: calledB, ...helped } = patientAfter(b, 180);
    expect([calledA, calledB]).toEqual([false, true]);
    expect(helped).toEqual(plain);
    expect(b.log.some((e) => e.command.type === 'patient.callForHelp')).toBe(true);
  });

  it('the same commands give the same numbers (determinism)', () => {
    const go = () => {
      const s = inPreOp(4);
      accept(s, { type: 'sedation.midazolam', mg: 3 });
      const a = patientAfter(s, 200);
      accept(s, { type: 'sedation.flumazenil', mg: 0.3 });
      accept(s, { type: 'patient.fluids', mL: 250 });
      return [a, patientAfter(s, 400)];
    };
    expect(go()).toEqual(go());
  });
});

describe('the answers as commands: bounds, phases', () => {
  it('refuses doses out of bounds with the field named', () => {
    const s = inPreOp();
    const cases: [Command, RegExp][] = [
      [{ type: 'patient.fluids', mL: 50 }, /\bmL\b/],
      [{ type: 'patient.fluids', mL: 2000 }, /\bmL\b/],
      [{ type: 'patient.fluids', mL: Number.NaN }, /\bmL\b/],
      [{ type: 'sedation.flumazenil', mg: 0.05 }, /\bmg\b/],
      [{ type: 'sedation.flumazenil', mg: 2 }, /\bmg\b/],
      [{ type: 'patient.callForHelp', urgent: true } as unknown as Command, /urgent/],
    ];
    for (const [c, field] of cases) {
      const r = s.dispatch(c);
      expect(r.accepted, JSON.stringify(c)).toBe(false);
      expect(r.reason).toMatch(field);
    }
  });

  it('waits for pre-op, as sedation does', () => {
    const s = createSession(SCENARIO, 1);
    for (const c of [
      { type: 'patient.fluids', mL: 500 },
      { type: 'sedation.flumazenil', mg: 0.2 },
      { type: 'patient.callForHelp' },
    ] as Command[]) {
      const r = s.dispatch(c);
      expect(r.accepted).toBe(false);
      expect(r.reason).toMatch(/pre-op/);
    }
  });

  it('is allowed at the needle, the balloon and the cement: a textbook plan runs on with them', () => {
    const answers = [
      { do: { type: 'patient.callForHelp' } },
      { do: { type: 'patient.fluids', mL: 250 } },
      { do: { type: 'sedation.flumazenil', mg: 0.1 } },
    ] as Plan['steps'];
    const steps = [...TEXTBOOK.steps];
    const stepOf = (type: string) => steps.findIndex((st) => 'do' in st && st.do.type === type);
    steps.splice(stepOf('local.anaesthetic'), 0, ...answers);
    steps.splice(stepOf('balloon.insert'), 0, ...answers);
    steps.splice(stepOf('cement.mix'), 0, ...answers);
    const s = runPlan(SCENARIO, 1, { ...TEXTBOOK, steps });
    expect(s.snapshot().phase).toBe('debrief');
    expect(s.snapshot().patient.fluidsMl).toBe(750);
    expect(s.snapshot().patient.flumazenilMg).toBeCloseTo(0.3, 12);
  });
});
