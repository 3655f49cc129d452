import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../levels/scenarioSchema';
import { draftSources } from '../../src/editor/draftSources';
import type { OwnScenarioRecord } from '../../src/scenarios/ownScenarioDb';

const L1_JSON = JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8'));
const L1 = parseScenario(L1_JSON);
const scenario = (id: string, version: number): Scenario =>
  parseScenario({ ...L1_JSON, id, version, title: `${id} v${version}` });
const record = (id: string, version: number, status: OwnScenarioRecord['status']): OwnScenarioRecord => ({
  key: `${id}@${version}`,
  id,
  version,
  status,
  scenario: scenario(id, version),
  updatedAt: 0,
});

describe("the editor's list of scenarios to copy from", () => {
  it('lists shipped, then own published, then the lab server’s, each labelled by where it comes from', () => {
    const list = draftSources([L1], [record('ours', 1, 'published')], [scenario('theirs', 3)]);
    expect(list.map((s) => [s.key, s.label, s.origin])).toEqual([
      [`shipped:${L1.id}`, `${L1.title} (${L1.id})`, 'shipped'],
      ['own:ours@1', 'Yours: ours v1', 'own'],
      ['lab:theirs@3', 'Lab: theirs v3', 'lab'],
    ]);
    // The copy is made from the server's scenario itself.
    expect((list[2].scenario as Scenario).title).toBe('theirs v3');
  });

  it('lists a lab version this browser has published once, as its own', () => {
    const list = draftSources([], [record('ours', 2, 'published')], [scenario('ours', 2)]);
    expect(list.map((s) => s.key)).toEqual(['own:ours@2']);
  });

  it('lists another version of an own id from the lab, and a lab version only held here as a draft', () => {
    const own = [record('ours', 1, 'published'), record('drafty', 1, 'draft')];
    const list = draftSources([], own, [scenario('ours', 2), scenario('drafty', 1)]);
    expect(list.map((s) => s.key)).toEqual(['own:ours@1', 'lab:drafty@1', 'lab:ours@2']);
  });

  it('leaves out a lab scenario under a shipped id, and a version the server names twice', () => {
    const list = draftSources([L1], [], [scenario(L1.id, 9), scenario('b', 1), scenario('a', 1), scenario('b', 1)]);
    expect(list.map((s) => s.key)).toEqual([`shipped:${L1.id}`, 'lab:a@1', 'lab:b@1']);
  });

  it('offers no own draft as a source', () => {
    expect(draftSources([], [record('d', 1, 'draft')], [])).toEqual([]);
  });
});
