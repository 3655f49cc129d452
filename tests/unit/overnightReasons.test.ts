import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { LogEntry } from '../../sim/core/commands';
import type { DomainEvent, LeakLocation } from '../../sim/core/events';
import { createSession } from '../../sim/session/session';
import type { SimSnapshot } from '../../sim/session/snapshot';
import { dischargeLabel, expectedDischarge, overnightReasons } from '../../sim/scoring/overnightReasons';
import { processScore } from '../../sim/scoring/processScore';
import type { ScoringInput } from '../../sim/scoring/scoringInput';

/**
 * Why a patient stays the night (sim/scoring/overnightReasons.ts): a complication, more than one
 * level, poor general health (ASA III or IV). Read from a fresh session's snapshot with the facts
 * put in by hand, so each reason is seen alone.
 */

const load = (f: string): Scenario => parseScenario(JSON.parse(readFileSync(`levels/${f}`, 'utf8')), f);
const L1 = load('l1-osteoporotic-wedge.json');
const TWO = load('t12-l1-two-level-vertebroplasty.json');
const FRESH = createSession(L1, 1).snapshot();

const withAsa = (s: Scenario, asaClass: number | undefined): Scenario => {
  const { asaClass: _, ...patient } = s.patient;
  return { ...s, patient: asaClass === undefined ? patient : { ...patient, asaClass } };
};
const input = (scenario: Scenario, final: SimSnapshot = FRESH, log: LogEntry[] = []): ScoringInput => ({
  scenario,
  log,
  final,
});
const withEvents = (...events: DomainEvent[]): SimSnapshot => ({
  ...FRESH,
  events: [...FRESH.events, ...events.map((event, i) => ({ tick: 100 + i, event }))],
});
const withLeak = (location: LeakLocation): SimSnapshot =>
  ({
    ...FRESH,
    cement: { ...FRESH.cement, leaks: [{ location, volumeMl: 0.2, seenTick: null }] },
  }) as unknown as SimSnapshot;

describe('overnight reasons', () => {
  it('none for a clean one-level procedure on a patient whose class is not stated, I or II: same day', () => {
    for (const asa of [undefined, 1, 2]) {
      const reasons = overnightReasons(input(withAsa(L1, asa)));
      expect(reasons).toEqual([]);
      expect(expectedDischarge(reasons)).toBe('same-day');
      expect(dischargeLabel(reasons)).toBe('Discharge decision (expected same-day)');
    }
  });

  it('poor general health: ASA III or IV, named by its class', () => {
    expect(overnightReasons(input(withAsa(L1, 3)))).toEqual([{ id: 'poorHealth', label: 'ASA III' }]);
    expect(overnightReasons(input(withAsa(L1, 4)))).toEqual([{ id: 'poorHealth', label: 'ASA IV' }]);
    const reasons = overnightReasons(input(withAsa(L1, 3)));
    expect(expectedDischarge(reasons)).toBe('overnight');
    expect(dischargeLabel(reasons)).toBe('Discharge decision (expected overnight: ASA III)');
  });

  it('more than one level', () => {
    expect(TWO.patient.asaClass).toBeUndefined();
    expect(overnightReasons(input(TWO))).toEqual([{ id: 'levels', label: '2 levels' }]);
  });

  it('each complication the team saw to: a leak, a breach, a rupture, a patient complication with signs', () => {
    expect(overnightReasons(input(L1, withLeak('venous')))).toEqual([{ id: 'complication', label: 'cement leak' }]);
    const breached = {
      ...FRESH,
      trocars: [{ breaches: [{ wall: 'medial', depthMm: 2 }] }],
    } as unknown as SimSnapshot;
    expect(overnightReasons(input(L1, breached))).toEqual([{ id: 'complication', label: 'needle breach' }]);
    expect(overnightReasons(input(L1, withEvents({ type: 'balloon.ruptured' } as DomainEvent)))).toEqual([
      { id: 'complication', label: 'balloon rupture' },
    ]);
    const reaction = withEvents(
      { type: 'patient.complication', kind: 'anaphylaxis', severity: 'mild' },
      { type: 'patient.complication', kind: 'anaphylaxis', severity: 'moderate' },
    );
    expect(overnightReasons(input(L1, reaction))).toEqual([{ id: 'complication', label: 'anaphylaxis' }]);
  });

  it('a mild complication that showed no sign needs no answer and is no reason', () => {
    const silent = withEvents({ type: 'patient.complication', kind: 'anaphylaxis', severity: 'mild' });
    expect(overnightReasons(input(L1, silent))).toEqual([]);
  });

  it('lists every reason that applies, in order: complications, levels, general health', () => {
    const reasons = overnightReasons(input(withAsa(TWO, 4), withEvents({ type: 'balloon.ruptured' } as DomainEvent)));
    expect(reasons.map((r) => r.id)).toEqual(['complication', 'levels', 'poorHealth']);
    expect(dischargeLabel(reasons)).toBe('Discharge decision (expected overnight: balloon rupture, 2 levels, ASA IV)');
  });
});

describe('the process domain discharge item', () => {
  const decide = (decision: 'same-day' | 'overnight'): LogEntry[] => [
    { tick: 5, command: { type: 'discharge.decide', decision } },
  ];
  const item = (scenario: Scenario, log: LogEntry[]) =>
    processScore(input(scenario, FRESH, log)).items.find((i) => i.label.startsWith('Discharge decision'));

  it('names the expected decision and why, and takes 10 off a wrong one', () => {
    const asa3 = withAsa(L1, 3);
    expect(item(asa3, decide('overnight'))).toEqual({
      label: 'Discharge decision (expected overnight: ASA III)',
      value: 'overnight',
      points: 0,
      evidenceTicks: [5],
    });
    expect(item(asa3, decide('same-day'))?.points).toBe(-10);
    expect(item(asa3, [])).toMatchObject({ value: 'none', points: -10, evidenceTicks: [] });
  });

  it('a case that states no class scores as before: same day expected', () => {
    expect(L1.patient.asaClass).toBeUndefined();
    expect(item(L1, decide('same-day'))).toMatchObject({
      label: 'Discharge decision (expected same-day)',
      points: 0,
    });
    expect(item(withAsa(L1, 2), decide('overnight'))?.points).toBe(-10);
  });
});
