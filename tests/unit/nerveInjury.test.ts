import { readdirSync, readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { NeuroFinding } from '../../sim/core/events';
import { createRng } from '../../sim/math/rng';
import { ctReport } from '../../sim/patient/ctReport';
import { highestCanalRoot } from '../../sim/patient/neuroAnatomy';
import { isNormal } from '../../sim/patient/neuroExam';
import { Patient } from '../../sim/patient/patient';
import { type Plan, planSchema, runPlan } from '../../sim/plan/index';
import { NeuroPanel } from '../../src/procedure/panels/NeuroPanel';

/**
 * Nerve injury and the neurological examination (sim/patient/nerveInjury.ts, neuroExam.ts): an
 * inferior breach or foraminal cement presses the exiting root of that level on that side; a medial
 * breach or epidural cement the canal's content, both sides below the level. The examination is
 * normal before the cause and for every shipped scenario's expert plan.
 */

const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const scenario = (id: string): Scenario => parseScenario(read(`levels/${id}.json`), `levels/${id}.json`);
const plan = (path: string): Plan => planSchema.parse(read(path));
const DT_S = 1 / 60;

const WEDGE = scenario('l1-osteoporotic-wedge');
const abnormal = (findings: readonly NeuroFinding[]) => findings.filter((f) => !isNormal(f));

describe('the nerve model, driven as the world drives it', () => {
  const patient = () => new Patient(WEDGE.patient, createRng(1).fork('patient'));
  const step = (p: Patient, seconds: number) => {
    const events = [];
    for (let i = 0; i < seconds * 60; i++) events.push(...p.step(DT_S));
    return events.filter((e) => e.type === 'patient.complication');
  };

  it('no cause, no deficit: a normal examination and no event', () => {
    const p = patient();
    p.pedicleBreaches('L1', 'left', 0, 0);
    p.neuralLeaks('L1', 0, 0);
    expect(step(p, 30)).toEqual([]);
    expect(p.examine(0).normal).toBe(true);
    expect(p.view().neuroDeficit).toBeNull();
  });

  it('grades by depth and volume at the stated thresholds, each grade reported once', () => {
    const p = patient();
    p.pedicleBreaches('L1', 'left', 0.9, 0);
    expect(step(p, 1)).toEqual([]);
    p.pedicleBreaches('L1', 'left', 1.0, 0);
    expect(step(p, 1).map((e) => e.severity)).toEqual(['mild']);
    p.pedicleBreaches('L1', 'left', 4.5, 0);
    expect(step(p, 1).map((e) => e.severity)).toEqual(['moderate', 'severe']);
    p.pedicleBreaches('L1', 'left', 6, 0);
    expect(step(p, 1)).toEqual([]);
    const f = abnormal(p.examine(0).findings);
    expect(f).toEqual([
      expect.objectContaining({
        root: 'L1',
        sensation: { left: 'absent', right: 'normal' },
        power: { left: 3, right: 5 },
      }),
    ]);
  });

  it('foraminal cement lies on the side of the inferior breach it came through', () => {
    const p = patient();
    p.pedicleBreaches('T12', 'right', 0.3, 0);
    p.neuralLeaks('T12', 0.35, 0);
    step(p, 1);
    expect(abnormal(p.examine(0).findings)).toEqual([
      expect.objectContaining({ root: 'T12', sensation: { left: 'normal', right: 'reduced' }, power: null }),
    ]);
  });

  it('radicular pain while the cause grows, then it settles; the local does not block it', () => {
    const p = patient();
    p.apply({ type: 'needle.entry', side: 'left', lateralMm: 0, cranialMm: 0 }, 'left');
    p.apply({ type: 'local.anaesthetic' }, 'left');
    step(p, 300);
    const before = p.view().pain;
    p.pedicleBreaches('L1', 'left', 2.5, 0);
    step(p, 1);
    const during = p.view().pain;
    step(p, 120);
    expect(during).toBeGreaterThan(before + 4);
    expect(p.view().pain).toBeLessThan(before + 0.5);
  });

  it('the canal below the level: cord, conus, cauda equina', () => {
    expect(highestCanalRoot('T7')).toBe('T10');
    expect(highestCanalRoot('T12')).toBe('L5');
    expect(highestCanalRoot('L1')).toBe('S1');
    expect(highestCanalRoot('L3')).toBe('L4');
    const p = patient();
    p.pedicleBreaches('T7', 'left', 0, 4.2);
    step(p, 1);
    const f = abnormal(p.examine(0).findings);
    expect(f[0].root).toBe('T10');
    expect(f.at(-1)?.root).toBe('S4-5');
    // Both sides, and power 3 where a key muscle is tested (moderate).
    for (const x of f) expect(x.sensation).toEqual({ left: 'reduced', right: 'reduced' });
    expect(f.find((x) => x.root === 'L3')?.power).toEqual({ left: 3, right: 3 });
  });
});

/** The textbook kyphoplasty at L1 up to docking (and the AP shot after), then a redirect `caudalDeg` more caudal, taps to the breach and `taps` more. */
function inferiorBreach(taps: number) {
  const tb = plan('levels/plans/textbook-kyphoplasty.json');
  const steps: Plan['steps'] = [
    // Up to the dock and the AP shot after it.
    ...tb.steps.slice(0, tb.steps.findIndex((s) => 'dock' in s) + 2),
    { do: { type: 'neuro.examine' } },
    { aimIdeal: true, caudalOffsetDeg: 30 },
    { repeat: { type: 'needle.tap' }, everyS: 1, until: { event: 'needle.breach' }, max: 80 },
    ...Array.from({ length: taps }, (): Plan['steps'] => [{ do: { type: 'needle.tap' } }, { waitS: 1 }]).flat(),
    { do: { type: 'neuro.examine' } },
  ];
  const s = runPlan(WEDGE, 1, { ...tb, steps });
  return { snap: s.snapshot(), events: s.events };
}

describe('in a session: from the trocar and the cement model', () => {
  it('an inferior breach at L1: the examination before it is normal, after it the left L1 dermatome is reduced', () => {
    const { snap, events } = inferiorBreach(3);
    const breach = snap.trocar?.breaches.find((b) => b.wall === 'inferior');
    // Beneath the pedicle after three more taps (the pedicle's entry is docked head-on now): moderate, the L1 root on the left.
    expect(breach?.depthMm).toBeGreaterThan(2);
    expect(breach?.depthMm).toBeLessThan(4);
    const exams = events.filter((e) => e.event.type === 'patient.neuroExamined');
    expect(exams.map((e) => e.event.type === 'patient.neuroExamined' && e.event.normal)).toEqual([true, false]);
    const f = abnormal(snap.patient.neuroExam?.findings ?? []);
    expect(f).toEqual([
      expect.objectContaining({
        root: 'L1',
        dermatome: 'groin, upper anterior thigh',
        sensation: { left: 'reduced', right: 'normal' },
        power: { left: 4, right: 5 },
      }),
    ]);
    const complications = events.filter((e) => e.event.type === 'patient.complication');
    expect(complications.map((e) => e.event)).toEqual([
      { type: 'patient.complication', kind: 'neuroDeficit', severity: 'mild' },
      { type: 'patient.complication', kind: 'neuroDeficit', severity: 'moderate' },
    ]);
    // The deficit comes with the breach, not before it.
    const breachTick = events.find((e) => e.event.type === 'needle.breach')?.tick ?? -1;
    expect(complications[0].tick).toBeGreaterThanOrEqual(breachTick);
  });

  it('an epidural leak at L1 (liquid cement pushed blind): bilateral findings from S1 down, and the CT says where', () => {
    const novice = plan('levels/plans/reference/novice/kp-uni-liquid-blind.json');
    const steps: Plan['steps'] = [
      ...novice.steps.slice(0, -2),
      { do: { type: 'neuro.examine' } },
      { do: { type: 'imaging.ct' } },
      { do: { type: 'patient.surgicalOpinion' } },
      ...novice.steps.slice(-2),
    ];
    const s = runPlan(WEDGE, 1, { ...novice, steps });
    const snap = s.snapshot();
    const epidural = snap.cement.leaks.find((l) => l.location === 'epidural');
    // 4.8 mL in the canal: severe, at the conus.
    expect(epidural?.volumeMl).toBeGreaterThan(2);
    expect(snap.patient.neuroDeficit).toBe('severe');
    const f = abnormal(snap.patient.neuroExam?.findings ?? []);
    expect(f.map((x) => x.root)).toEqual(['S1', 'S2', 'S3', 'S4-5']);
    for (const x of f) expect(x.sensation).toEqual({ left: 'absent', right: 'absent' });
    expect(f[0].power).toEqual({ left: 1, right: 1 });
    expect(snap.patient.ct?.report).toMatch(/L1: cement outside the body: epidural, in the spinal canal \d\.\d\d mL/);
    expect(snap.patient.surgicalOpinion).toBe(true);
  });

  it('a medial breach at L1 (the golden medial-breach plan): the conus, both sides', () => {
    const breach = plan('tests/fixtures/plans/medial-breach-kyphoplasty.json');
    const s = runPlan(WEDGE, 42, withExam(breach));
    const snap = s.snapshot();
    // The needle skives off the lamina into the canal, 10.8 mm past the medial wall (severe: the cord
    // pressed by the steel itself), whatever the epidural cement adds.
    expect(snap.trocars.flatMap((t) => t.breaches).find((b) => b.wall === 'medial')?.depthMm).toBeGreaterThan(8);
    expect(snap.patient.neuroDeficit).toBe('severe');
    const f = abnormal(snap.patient.neuroExam?.findings ?? []);
    expect(f.map((x) => x.root)).toEqual(['S1', 'S2', 'S3', 'S4-5']);
    for (const x of f) expect(x.sensation).toEqual({ left: 'absent', right: 'absent' });
    expect(f[0].power?.left).toBeLessThanOrEqual(3);
    expect(f[0].power?.right).toBeLessThanOrEqual(3);
  });

  it('two levels (T12 then L1, liquid cement pushed blind): each level presses its own canal, the CT reports both', () => {
    const novice = plan('levels/plans/reference/novice/vp-liquid-blind-two-levels.json');
    const withCt = withExam(novice);
    const at = withCt.steps.findIndex((st) => 'do' in st && st.do.type === 'neuro.examine');
    withCt.steps.splice(at + 1, 0, { do: { type: 'imaging.ct' } });
    const s = runPlan(scenario('t12-l1-two-level-vertebroplasty'), 1, withCt);
    const snap = s.snapshot();
    const f = abnormal(snap.patient.neuroExam?.findings ?? []);
    // T12: 4.5 mL epidural, the cord (severe) from the L5 segment down; L1's 0.6 mL (mild, the conus) adds nothing worse.
    expect(f.map((x) => x.root)).toEqual(['L5', 'S1', 'S2', 'S3', 'S4-5']);
    for (const x of f) expect(x.sensation).toEqual({ left: 'absent', right: 'absent' });
    expect(snap.patient.ct?.levels.map((l) => l.level)).toEqual(['T12', 'L1']);
    expect(snap.patient.ct?.report).toMatch(/^T12: cement outside the body: epidural.*L1: cement outside the body: /);
  });

  it('the CT of a textbook case: cement in the body only', () => {
    const report = ctReport(
      [{ level: 'L1', cemented: true, leaks: [], breaches: [{ side: 'left', wall: 'anterior', depthMm: 1 }] }],
      0,
    );
    expect(report.report).toBe('L1: cement confined to the vertebral body.');
  });
});

/** The plan with an examination just before the discharge decision (where it gets there). */
function withExam(p: Plan): Plan {
  const at = p.steps.findIndex((st) => 'do' in st && st.do.type === 'discharge.decide');
  if (at < 0) return p;
  return { ...p, steps: [...p.steps.slice(0, at), { do: { type: 'neuro.examine' } }, ...p.steps.slice(at)] };
}

describe('every shipped scenario: its expert plan leaves a normal examination', () => {
  const ids = readdirSync('levels')
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
  it.each(ids)('%s', (id) => {
    const sc = scenario(id);
    const expert = plan(`levels/plans/${sc.scoring.expertPlan}.json`);
    const examined = withExam(expert);
    const s = runPlan(sc, 42, examined);
    const snap = s.snapshot();
    expect(snap.patient.neuroDeficit).toBeNull();
    expect(s.events.some((e) => e.event.type === 'patient.complication' && e.event.kind === 'neuroDeficit')).toBe(
      false,
    );
    // A declined case never reaches the discharge: no examination to read.
    if (examined !== expert) expect(snap.patient.neuroExam?.normal).toBe(true);
  });
});

describe('the Neurology panel', () => {
  const base = new Patient(WEDGE.patient, createRng(1).fork('patient')).view();

  it('is absent until an examination, a CT or an opinion', () => {
    expect(renderToStaticMarkup(createElement(NeuroPanel, { patient: base }))).toBe('');
  });

  it('shows the abnormal roots in a table, the CT report and the opinion asked', () => {
    const p = new Patient(WEDGE.patient, createRng(1).fork('patient'));
    p.pedicleBreaches('L1', 'left', 2.5, 0);
    p.step(DT_S);
    const exam = p.examine(10);
    const ct = ctReport(
      [{ level: 'L1', cemented: true, leaks: [{ location: 'foraminal', volumeMl: 0.2 }], breaches: [] }],
      11,
    );
    const html = renderToStaticMarkup(
      createElement(NeuroPanel, { patient: { ...p.view(), neuroExam: exam, ct, surgicalOpinion: true } }),
    );
    expect(html).toContain('<th scope="row">L1</th>');
    expect(html).toContain('touch reduced, 4/5');
    expect(html).toContain('touch normal, 5/5');
    expect(html).toContain('CT: L1: cement outside the body: foraminal, round the exiting root 0.20 mL.');
    expect(html).toContain('Spinal surgical opinion: asked');
    const normal = renderToStaticMarkup(
      createElement(NeuroPanel, {
        patient: { ...base, neuroExam: new Patient(WEDGE.patient, createRng(1).fork('patient')).examine(0) },
      }),
    );
    expect(normal).toContain('sensation and power normal');
  });
});
