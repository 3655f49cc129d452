import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../levels/scenarioSchema';

const load = (name: string): unknown => JSON.parse(readFileSync(`levels/${name}`, 'utf8'));

describe('scenario files', () => {
  it('every scenario in levels/ is valid', () => {
    const files = readdirSync('levels').filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(() => parseScenario(load(f), f)).not.toThrow();
  });

  it('the L1 case is an osteoporotic Genant grade 2 wedge kyphoplasty', () => {
    const s = parseScenario(load('l1-osteoporotic-wedge.json'));
    expect(s.level).toBe('L1');
    expect(s.fracture.type).toBe('wedge');
    expect(s.fracture.genantGrade).toBe(2);
    expect(s.patient.tScore).toBeLessThanOrEqual(-2.5);
  });

  it('a malformed file names the field that is wrong', () => {
    const bad = load('l1-osteoporotic-wedge.json') as Record<string, any>;
    bad.fracture.type = 'spiral';
    bad.patient.tScore = 'low';
    const err = (() => {
      try {
        parseScenario(bad, 'bad.json');
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a failure');
    })();
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err.message).toContain('bad.json');
    expect(err.message).toContain('fracture.type');
    expect(err.message).toContain('patient.tScore');
  });

  it('rejects a height loss outside the Genant grade, naming the field', () => {
    const bad = load('l1-osteoporotic-wedge.json') as Record<string, any>;
    bad.fracture.heightLossPct = 50;
    expect(() => parseScenario(bad)).toThrow(/fracture\.heightLossPct.*grade 2/);
  });

  it('takes a grade 3 collapse up to 80 % (severe, near vertebra plana) and no further', () => {
    const plana = load('l1-vertebra-plana-vertebroplasty.json') as Record<string, any>;
    expect(parseScenario(plana).fracture.heightLossPct).toBe(70);
    plana.fracture.heightLossPct = 80;
    expect(parseScenario(plana).fracture.heightLossPct).toBe(80);
    plana.fracture.heightLossPct = 81;
    expect(() => parseScenario(plana)).toThrow(/fracture\.heightLossPct/);
    plana.fracture.heightLossPct = 70;
    plana.fracture.genantGrade = 2;
    expect(() => parseScenario(plana)).toThrow(/fracture\.heightLossPct.*grade 2/);
  });

  it('rejects unknown fields and unsupported levels', () => {
    const extra = load('l1-osteoporotic-wedge.json') as Record<string, any>;
    extra.surprise = 1;
    expect(() => parseScenario(extra)).toThrow(/surprise/);
    const level = load('l1-osteoporotic-wedge.json') as Record<string, any>;
    level.level = 'C5';
    expect(() => parseScenario(level)).toThrow(/level/);
  });
});
