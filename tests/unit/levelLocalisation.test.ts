import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario, type SegmentationVariant } from '../../levels/scenarioSchema';
import { createRng } from '../../sim/math/rng';
import { buildAnatomy } from '../../sim/anatomy/buildAnatomy';
import {
  drawSegmentation,
  lowestMobileLevel,
  lowestRibLevel,
  SEGMENTATION_RATES,
  segmentAt,
  segmentationFinding,
  spineSegments,
} from '../../sim/anatomy/segmentation';
import { createSession } from '../../sim/session/session';
import type { Session } from '../../sim/session/sessionTypes';
import { MAX_PAN_MM } from '../../sim/core/bounds';
import { planSchema, runPlan, type Plan } from '../../sim/plan';
import type { TrainingMode } from '../../sim/core/trainingMode';

const l1 = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));
const withVariant = (s: Scenario, segmentation: SegmentationVariant): Scenario => ({
  ...s,
  patient: { ...s.patient, segmentation },
});
const VARIANTS: readonly SegmentationVariant[] = ['normal', 'lumbarisedS1', 'sacralisedL5', 'ribs11', 'ribs13'];

/** A session in C-arm set-up, both views taken (the C-arm at AP). */
function inCArmSetup(scenario: Scenario, seed = 42, mode: TrainingMode = 'practice'): Session {
  const s = createSession(scenario, seed, { mode });
  const send = (c: Parameters<Session['dispatch']>[0]) => {
    const r = s.dispatch(c);
    if (!r.accepted) throw new Error(`${c.type}: ${r.reason}`);
  };
  for (const item of ['history', 'imaging', 'candidacy'] as const) send({ type: 'checklist.tick', item });
  send({ type: 'phase.next' });
  for (const item of ['consent', 'labs', 'antibiotics', 'anaesthesia', 'timeOut'] as const)
    send({ type: 'checklist.tick', item });
  send({ type: 'phase.next' });
  send({ type: 'patient.position', position: 'prone' });
  send({ type: 'phase.next' });
  return s;
}

const panTo = (s: Session, panMm: number) => {
  const r = s.dispatch({ type: 'carm.pan', dCranialMm: panMm - (s.snapshot().carm.panMm ?? 0) });
  expect(r.accepted).toBe(true);
};
const marks = (s: Session) => s.snapshot().events.flatMap((e) => (e.event.type === 'level.marked' ? [e.event] : []));

describe('segmentation variants', () => {
  it('are drawn per patient at the published rates (lumbosacral transitional 10-19 %, 11 / 13 rib pairs 3 / 5 %)', () => {
    const n = 20000;
    const counts = new Map<SegmentationVariant, number>();
    for (let seed = 0; seed < n; seed++) {
      const v = drawSegmentation(createRng(seed).fork('anatomy').fork('anatomy'), 'L1');
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const rate = (v: SegmentationVariant) => (counts.get(v) ?? 0) / n;
    // Within 4 binomial standard deviations of the model's rates ...
    for (const [v, p] of Object.entries(SEGMENTATION_RATES) as [SegmentationVariant, number][])
      expect(Math.abs(rate(v) - p), v).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    // ... which lie inside the published ranges (docs/clinical-sources.md, Level localisation).
    expect(rate('sacralisedL5')).toBeGreaterThan(0.04);
    expect(rate('sacralisedL5')).toBeLessThan(0.17);
    expect(rate('lumbarisedS1')).toBeGreaterThan(0.017);
    expect(rate('lumbarisedS1')).toBeLessThan(0.058);
    const lstv = rate('sacralisedL5') + rate('lumbarisedS1');
    expect(lstv).toBeGreaterThan(0.1);
    expect(lstv).toBeLessThan(0.19);
    expect(rate('ribs11')).toBeCloseTo(0.03, 2);
    expect(rate('ribs13')).toBeCloseTo(0.05, 2);
  });

  it('come from the anatomy stream, and a scenario may force one', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) seen.add(buildAnatomy(l1, createRng(seed)).segmentation ?? 'normal');
    expect(seen.size).toBeGreaterThan(2);
    for (const v of VARIANTS) expect(buildAnatomy(withVariant(l1, v), createRng(1)).segmentation).toBe(v);
    // A fractured L5 is mobile: never drawn as sacralised.
    for (let seed = 0; seed < 400; seed++) expect(drawSegmentation(createRng(seed), 'L5')).not.toBe('sacralisedL5');
  });

  it('change which vertebra bears the lowest rib and which is the first mobile one, never the names', () => {
    for (const v of VARIANTS) {
      const segments = spineSegments(buildAnatomy(withVariant(l1, v), createRng(3)));
      expect(segments.map((s) => s.level).slice(0, 3)).toEqual(['T1', 'T2', 'T3']);
      const ribbed = segments.filter((s) => s.ribs).map((s) => s.level);
      expect(ribbed.at(-1)).toBe(lowestRibLevel(v));
      expect(ribbed.length).toBe(v === 'ribs11' ? 11 : v === 'ribs13' ? 13 : 12);
      const mobile = segments.filter((s) => !s.sacral);
      expect(mobile.at(-1)?.level).toBe(lowestMobileLevel(v));
      // Cranial to caudal, bodies never overlap.
      for (let i = 1; i < segments.length; i++)
        expect(segments[i].topY).toBeLessThanOrEqual(segments[i - 1].bottomY + 1e-9);
      expect(segmentationFinding(v, 'L1') === null).toBe(v === 'normal');
    }
    expect(segmentationFinding('lumbarisedS1', 'L1')).toMatch(/counted from C2/);
  });

  it('a scenario cannot fuse its fractured L5 into the sacrum', () => {
    const bad = { ...withVariant(l1, 'sacralisedL5'), level: 'L5' };
    expect(() => parseScenario(bad)).toThrow(/patient\.segmentation/);
  });
});

describe('panning and the skin mark', () => {
  it('the C-arm starts near the target (up to two levels away) and pans within its bounds', () => {
    const starts = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const s = createSession(l1, seed);
      const snap = s.snapshot();
      const targetY = snap.anatomy.vertebrae[snap.anatomy.targetIndex].centre.y;
      starts.add(segmentAt(spineSegments(snap.anatomy), targetY + (snap.carm.panMm ?? 0)).level);
    }
    expect([...starts].every((l) => ['T11', 'T12', 'L1', 'L2', 'L3'].includes(l))).toBe(true);
    expect(starts.size).toBeGreaterThan(2);

    const s = inCArmSetup(l1);
    const start = s.snapshot().carm.panMm ?? 0;
    expect(s.dispatch({ type: 'carm.pan', dCranialMm: 40 }).accepted).toBe(true);
    expect(s.snapshot().carm.panMm).toBeCloseTo(start + 40, 9);
    for (let i = 0; i < 5; i++) s.dispatch({ type: 'carm.pan', dCranialMm: 300 });
    expect(s.snapshot().carm.panMm ?? 0).toBeLessThanOrEqual(start + MAX_PAN_MM + 1e-9);
    for (let i = 0; i < 10; i++) s.dispatch({ type: 'carm.pan', dCranialMm: -300 });
    expect(s.snapshot().carm.panMm ?? 0).toBeGreaterThanOrEqual(start - MAX_PAN_MM - 1e-9);
    expect(s.dispatch({ type: 'carm.pan', dCranialMm: 1000 }).accepted).toBe(false);
  });

  it('pan and mark are refused before the C-arm is in, and the entry without a mark', () => {
    const s = createSession(l1, 42);
    expect(s.dispatch({ type: 'carm.pan', dCranialMm: 10 }).reason).toMatch(/C-arm comes in/);
    expect(s.dispatch({ type: 'level.mark' }).reason).toMatch(/marked on the table/);
    const c = inCArmSetup(l1);
    c.dispatch({ type: 'fluoro.expose', on: true });
    c.stepTicks(10);
    c.dispatch({ type: 'fluoro.expose', on: false });
    c.dispatch({ type: 'carm.view', view: 'lateral' });
    c.stepTicks(60 * 21);
    c.dispatch({ type: 'fluoro.expose', on: true });
    c.stepTicks(10);
    c.dispatch({ type: 'fluoro.expose', on: false });
    expect(c.dispatch({ type: 'phase.next' }).accepted).toBe(true);
    const entry = { type: 'needle.entry', side: 'left', lateralMm: 0, cranialMm: 0 } as const;
    expect(c.dispatch(entry).reason).toMatch(/Mark the skin over the fractured level first/);
    panTo(c, 0);
    expect(c.dispatch({ type: 'level.mark' }).accepted).toBe(true);
    expect(marks(c)).toEqual([{ type: 'level.marked', level: 'L1', overFracture: true }]);
    expect(c.snapshot().skinMark?.level).toBe('L1');
    expect(c.dispatch(entry).accepted).toBe(true);
  });

  it('the mark names the vertebra under the AP central ray, counted from C2, in every variant', () => {
    for (const v of VARIANTS) {
      const s = inCArmSetup(withVariant(l1, v), 5);
      const snap = s.snapshot();
      const targetY = snap.anatomy.vertebrae[snap.anatomy.targetIndex].centre.y;
      for (const g of spineSegments(snap.anatomy).filter((x) =>
        ['T11', 'T12', 'L1', 'L2', 'L5', 'S1'].includes(x.level),
      )) {
        panTo(s, g.centreY - targetY + 0.3 * (g.topY - g.centreY));
        s.dispatch({ type: 'level.mark' });
        expect(marks(s).at(-1), `${v} ${g.level}`).toEqual({
          type: 'level.marked',
          level: g.level,
          overFracture: g.level === 'L1',
        });
      }
    }
  });
});

describe('counting plans and the wrong level', () => {
  const textbook = planSchema.parse(JSON.parse(readFileSync('levels/plans/textbook-kyphoplasty.json', 'utf8')));
  /** The textbook plan up to the access phase, counting with `localise`, then the skin entry and the puncture. */
  const untilPuncture = (localise: 'sacrum' | 'lowestRib' | 'both'): Plan => {
    const steps = textbook.steps.map((st) => ('localise' in st ? { localise } : st));
    const entry = steps.findIndex((st) => 'do' in st && st.do.type === 'needle.entry');
    return {
      ...textbook,
      steps: [
        ...steps.slice(0, entry + 1),
        { aimIdeal: true },
        { repeat: { type: 'needle.advance', mm: 5 }, everyS: 1, until: { event: 'needle.skinPunctured' }, max: 40 },
      ],
    };
  };
  const markedBy = (v: SegmentationVariant, localise: 'sacrum' | 'lowestRib' | 'both', mode: TrainingMode = 'exam') => {
    const s = runPlan(withVariant(l1, v), 42, untilPuncture(localise), mode);
    return { session: s, marked: marks(s).at(-1)?.level };
  };

  it('a count from the sacrum marks one level too low on a lumbarised S1 and one too high on a sacralised L5', () => {
    expect(markedBy('lumbarisedS1', 'sacrum').marked).toBe('L2');
    expect(markedBy('sacralisedL5', 'sacrum').marked).toBe('T12');
    expect(markedBy('normal', 'sacrum').marked).toBe('L1');
  });

  it('a count from the lowest rib marks the wrong level with 11 or 13 rib pairs', () => {
    expect(markedBy('ribs13', 'lowestRib').marked).toBe('L2');
    expect(markedBy('ribs11', 'lowestRib').marked).toBe('T12');
    expect(markedBy('lumbarisedS1', 'lowestRib').marked).toBe('L1');
  });

  it('counting both ways marks the fracture in every variant', () => {
    for (const v of VARIANTS) expect(markedBy(v, 'both').marked, v).toBe('L1');
  });

  it('counting takes AP shots (dose counts)', () => {
    const one = markedBy('normal', 'sacrum').session.snapshot().dose.shots.AP;
    const both = markedBy('normal', 'both').session.snapshot().dose.shots.AP;
    expect(one).toBeGreaterThan(1);
    expect(both).toBeGreaterThan(one);
  });

  it('in an exam, the skin punctured over the wrong vertebra reports the wrong level and ends the procedure', () => {
    const { session } = markedBy('lumbarisedS1', 'sacrum', 'exam');
    const snap = session.snapshot();
    expect(snap.events.map((e) => e.event)).toContainEqual({ type: 'level.wrongLevel', marked: 'L2', target: 'L1' });
    expect(snap.finished).toBe(true);
    // ... and never at the right level.
    const right = markedBy('lumbarisedS1', 'both', 'exam').session.snapshot();
    expect(right.events.some((e) => e.event.type === 'level.wrongLevel')).toBe(false);
    expect(right.finished).toBe(false);
    expect(right.trocar?.depthMm ?? 0).toBeGreaterThan(0);
  });

  it('in practice, an entry at a mark over the wrong vertebra is refused with a hint; marking again over the fracture lets it through', () => {
    expect(() => markedBy('lumbarisedS1', 'sacrum', 'practice')).toThrow(/not over the fractured vertebra/);
    const s = inCArmSetup(withVariant(l1, 'lumbarisedS1'), 42, 'practice');
    const snap = s.snapshot();
    const targetY = snap.anatomy.vertebrae[snap.anatomy.targetIndex].centre.y;
    const l2 = spineSegments(snap.anatomy).find((g) => g.level === 'L2');
    panTo(s, (l2?.centreY ?? 0) - targetY);
    s.dispatch({ type: 'level.mark' });
    expect(marks(s).at(-1)?.overFracture).toBe(false);
    panTo(s, 0);
    s.dispatch({ type: 'level.mark' });
    expect(marks(s).at(-1)).toEqual({ type: 'level.marked', level: 'L1', overFracture: true });
  });
});
