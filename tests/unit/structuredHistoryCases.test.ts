import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { planSchema } from '../../sim/plan/planSchema';
import { runPlan } from '../../sim/plan/runPlan';
import { scoreAttempt } from '../../sim/scoring/score';

/**
 * The shipped cases whose structured history carries the patient's general health (asaClass), a
 * drug allergy or an anticoagulant: they parse with it, and their expert plans read it as a trainee
 * should (the right antibiotic, the anticoagulant's restart explained, overnight for ASA III or IV)
 * and still pass. One patient each (scenarioLibrary.test.ts runs every expert plan on ten).
 */

const load = (f: string): Scenario => parseScenario(JSON.parse(readFileSync(`levels/${f}`, 'utf8')), f);
const library = readdirSync('levels')
  .filter((f) => f.endsWith('.json'))
  .map(load);
const byId = (id: string): Scenario => {
  const s = library.find((x) => x.id === id);
  if (!s) throw new Error(`no case ${id}`);
  return s;
};

/** The class each case states (absent: not stated), from its history (docs/clinical-sources.md, General health and the overnight stay). */
const STATED: Readonly<Record<string, number>> = {
  'l3-lytic-metastasis-wall-defect': 3,
  'l1-steroid-crush-kyphoplasty': 3,
  't5-upper-thoracic-vertebroplasty-15g': 3,
  'l3-osteoporotic-wedge-obese': 3,
  't11-warfarin-corrected-vertebroplasty': 3,
  't11-warfarin-uncorrected-inr': 3,
  'l1-vertebra-plana-vertebroplasty': 3,
  't12-wedge-above-cemented-l1': 2,
  't10-osteopenia-vertebroplasty': 1,
  'l2-wedge-warm-theatre': 1,
};

describe('shipped cases with a structured history', () => {
  it('state the classes their histories support, each at a new version', () => {
    const stated = Object.fromEntries(
      library.filter((s) => s.patient.asaClass !== undefined).map((s) => [s.id, s.patient.asaClass]),
    );
    expect(stated).toEqual(STATED);
    for (const id of Object.keys(STATED)) expect(byId(id).version, id).toBe(2);
  });

  it('the warfarin cases state their warfarin and its last dose; one case a cefazolin anaphylaxis', () => {
    expect(byId('t11-warfarin-corrected-vertebroplasty').patient.anticoagulant).toEqual({
      drug: 'warfarin',
      lastDoseHoursAgo: 120,
    });
    expect(byId('t11-warfarin-uncorrected-inr').patient.anticoagulant).toEqual({
      drug: 'warfarin',
      lastDoseHoursAgo: 14,
    });
    const allergic = library.filter((s) => s.patient.allergies?.length);
    expect(allergic.map((s) => s.id)).toEqual(['t12-wedge-above-cemented-l1']);
    expect(allergic[0].patient.allergies).toEqual([{ agent: 'cefazolin', reaction: 'anaphylaxis' }]);
    expect(allergic[0].patient.history).toMatch(/cefazolin .* anaphylaxis/);
  });

  const operated = Object.keys(STATED)
    .map(byId)
    .filter((s) => s.indication.decision === 'operate');
  it.each(operated.map((s) => [s.id, s] as const))('%s: the expert plan reads the history and passes', (_, s) => {
    const plan = planSchema.parse(JSON.parse(readFileSync(`levels/plans/${s.scoring.expertPlan}.json`, 'utf8')));
    const session = runPlan(s, 1, plan);
    const report = scoreAttempt(s, session.log, session.snapshot());
    expect(report.passed).toBe(true);
    expect(report.criticalErrors).toEqual([]);
    const process = report.domains.find((d) => d.id === 'process');
    const discharge = process?.items.find((i) => i.label.startsWith('Discharge decision'));
    expect(discharge?.points).toBe(0);
    if ((s.patient.asaClass ?? 0) >= 3) {
      expect(discharge?.value).toBe('overnight');
      expect(discharge?.label).toMatch(/expected overnight: (.*, )?ASA III(, .*)?\)$/);
    }
    const commands = session.log.map((e) => e.command);
    const chose = commands.findIndex((c) => c.type === 'antibiotic.choose');
    const gave = commands.findIndex((c) => c.type === 'checklist.tick' && c.item === 'antibiotics');
    if (s.patient.allergies?.some((a) => a.agent === 'cefazolin')) {
      expect(commands[chose]).toEqual({ type: 'antibiotic.choose', drug: 'clindamycin' });
      expect(chose).toBeLessThan(gave);
    } else expect(chose).toBe(-1);
    // No allergic reaction, and every counselling topic owed (the anticoagulant's restart too) was given.
    expect(session.snapshot().events.some((e) => e.event.type === 'patient.complication')).toBe(false);
    expect(process?.items.filter((i) => i.label.startsWith('Counselled') && i.points < 0)).toEqual([]);
    if (s.patient.anticoagulant)
      expect(process?.items.find((i) => i.label.startsWith('Counselled') && /anticoag/i.test(i.label))?.points).toBe(0);
  });
});
