import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIFFICULTIES, parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { scenarioHash } from '../../sim/attempt/scenarioHash';
import { byCurriculum } from '../../src/scenarios/curriculumOrder';
import type { ScenarioEntry } from '../../src/scenarios/loadScenarios';

const shipped = readdirSync('levels')
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, scenario: parseScenario(JSON.parse(readFileSync(`levels/${file}`, 'utf8')), file) }));

describe('the curriculum', () => {
  it('every shipped scenario has a difficulty, objectives and its own place in the order', () => {
    const orders = new Set<number>();
    for (const { file, scenario } of shipped) {
      expect(scenario.teaching, file).toBeDefined();
      const t = scenario.teaching;
      if (!t) continue;
      expect(t.objectives.length, file).toBeGreaterThan(0);
      expect(orders.has(t.order), `${file}: order ${t.order} is taken`).toBe(false);
      orders.add(t.order);
    }
  });

  it('runs from beginner to advanced: no case comes before an easier one', () => {
    const ordered = [...shipped].sort((a, b) => (a.scenario.teaching?.order ?? 0) - (b.scenario.teaching?.order ?? 0));
    const levels = ordered.map((s) => DIFFICULTIES.indexOf(s.scenario.teaching?.difficulty ?? 'advanced'));
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(ordered[0].scenario.teaching?.difficulty).toBe('beginner');
  });

  it('starts simple: the first cases are one thoracolumbar or lumbar level, an intact wedge, nothing to decline or correct', () => {
    // The simplest first: a plain wedge at T12-L2 (the easiest pedicles to see and reach), a case to
    // operate on, no anticoagulant; two levels, a wall or cortex defect, a cleft or crush, an upper
    // thoracic level and every decision to decline come later (docs/scenarios.md lists the order).
    const ordered = [...shipped].sort((a, b) => (a.scenario.teaching?.order ?? 0) - (b.scenario.teaching?.order ?? 0));
    const beginner = ordered.filter((s) => s.scenario.teaching?.difficulty === 'beginner');
    expect(beginner.length).toBeGreaterThan(0);
    for (const { file, scenario } of beginner) {
      const f = scenario.fracture;
      expect(['T12', 'L1', 'L2'], file).toContain(scenario.level);
      expect(scenario.secondLevel, file).toBeUndefined();
      expect(f.type, file).toBe('wedge');
      expect([f.cleft, f.posteriorWallDefect, f.lateralCortexDefect, f.endplateCrack], file).toEqual([
        false,
        false,
        false,
        false,
      ]);
      expect(scenario.indication.decision, file).toBe('operate');
      expect(scenario.patient.anticoagulant, file).toBeUndefined();
    }
    // What a case adds on top of the basics: two levels, a defect in the wall, a cleft or a crush.
    const hard = ordered.filter(
      ({ scenario: s }) =>
        s.secondLevel !== undefined ||
        s.fracture.posteriorWallDefect ||
        s.fracture.cleft ||
        s.fracture.type === 'crush',
    );
    for (const { file, scenario } of hard) expect(scenario.teaching?.difficulty, file).toBe('advanced');
  });

  it('the menu lists by that order, then scenarios without a place, then files that failed to load', () => {
    const entry = (file: string, order?: number): ScenarioEntry => {
      const base = shipped[0].scenario;
      const scenario: Scenario = { ...base, teaching: order === undefined ? undefined : { ...base.teaching!, order } };
      return { ok: true, file, scenario };
    };
    const broken: ScenarioEntry = { ok: false, file: 'a-broken.json', error: 'bad' };
    const list = [broken, entry('z-own.json'), entry('c.json', 30), entry('b.json', 10), entry('a-own.json')];
    expect([...list].sort(byCurriculum).map((e) => e.file)).toEqual([
      'b.json',
      'c.json',
      'a-own.json',
      'z-own.json',
      'a-broken.json',
    ]);
  });

  it('the format refuses a difficulty it does not know and an empty list of objectives, naming the field', () => {
    const raw = JSON.parse(readFileSync(`levels/${shipped[0].file}`, 'utf8'));
    expect(() => parseScenario({ ...raw, teaching: { ...raw.teaching, difficulty: 'expert' } })).toThrow(
      /teaching\.difficulty/,
    );
    expect(() => parseScenario({ ...raw, teaching: { ...raw.teaching, objectives: [] } })).toThrow(
      /teaching\.objectives/,
    );
    // Absent is allowed: attempt files embed scenarios written before the field existed.
    const { teaching: _, ...without } = raw;
    expect(parseScenario(without).teaching).toBeUndefined();
  });

  it('reordering the curriculum or rewording an objective leaves the case, and its hash, as it was', () => {
    const s = shipped[0].scenario;
    const t = s.teaching;
    if (!t) throw new Error('the first shipped scenario has no teaching block');
    const moved = { ...s, teaching: { ...t, order: t.order + 5, objectives: ['Something else entirely'] } };
    expect(scenarioHash(moved)).toBe(scenarioHash(s));
    expect(scenarioHash({ ...s, teaching: undefined })).toBe(scenarioHash(s));
    // What shapes the score is hashed: a pass score edited is another case.
    expect(scenarioHash({ ...s, scoring: { ...s.scoring, passScore: 10 } })).not.toBe(scenarioHash(s));
  });
});
