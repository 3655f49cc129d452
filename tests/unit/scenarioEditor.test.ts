import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../levels/scenarioSchema';
import { errorLines, errorsUnder, pathKey, validateScenario } from '../../src/editor/fieldErrors';
import { exportScenarioText, importScenarioText, MAX_SCENARIO_FILE_BYTES } from '../../src/editor/importScenarioFile';
import {
  appendAt,
  draftFromTemplate,
  freeId,
  getAt,
  numberFromText,
  removeAt,
  setAt,
  textFromNumber,
} from '../../src/editor/scenarioDraft';
import { draftRecord, editPublished, latestVersion, publishDraft } from '../../src/editor/versioning';
import type { OwnScenarioRecord } from '../../src/scenarios/ownScenarioDb';
import { loadOwnScenarios, ownPublishedEntries } from '../../src/scenarios/ownScenarioEntries';

const L1 = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));

describe('the form state and the scenario', () => {
  it('sets, reads, appends and removes by path without touching the original', () => {
    const edited = setAt(L1, ['fracture', 'genantGrade'], 3);
    expect(getAt(edited, ['fracture', 'genantGrade'])).toBe(3);
    expect(L1.fracture.genantGrade).toBe(2);
    const added = appendAt(L1, ['patient', 'findings'], { text: 'New', supportsProcedure: false });
    expect((getAt(added, ['patient', 'findings']) as unknown[]).length).toBe(L1.patient.findings.length + 1);
    const removed = removeAt(L1, ['patient', 'findings'], 0);
    expect(getAt(removed, ['patient', 'findings', 0, 'text'])).toBe(L1.patient.findings[1].text);
    // A list's last row removed: a required list stays, empty (the schema names it); an optional one goes.
    const one = setAt(L1, ['teaching', 'objectives'], ['Only one']);
    expect(getAt(removeAt(one, ['teaching', 'objectives'], 0), ['teaching', 'objectives'])).toEqual([]);
    const prior = setAt(L1, ['patient', 'priorAugmentation'], [{ level: 'L3' }]);
    expect(getAt(removeAt(prior, ['patient', 'priorAugmentation'], 0, true), ['patient'])).not.toHaveProperty(
      'priorAugmentation',
    );
    // An optional field left empty is removed, not kept as an empty value.
    expect(getAt(setAt(L1, ['fracture', 'heightLossPct'], undefined), ['fracture'])).not.toHaveProperty(
      'heightLossPct',
    );
  });

  it('keeps a number box text that is not a number, so the schema names it', () => {
    expect(numberFromText(' 62 ')).toBe(62);
    expect(numberFromText('', true)).toBeUndefined();
    expect(numberFromText('')).toBe('');
    expect(numberFromText('7x')).toBe('7x');
    expect(textFromNumber(undefined)).toBe('');
    const checked = validateScenario(setAt(L1, ['patient', 'weightKg'], numberFromText('7x')));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect([...checked.errors.keys()]).toEqual(['patient.weightKg']);
  });

  it('a draft from a template is the same case under a new id, version 1, without the reference figures', () => {
    const draft = draftFromTemplate(L1, 'my-l1');
    const checked = validateScenario(draft);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.scenario.id).toBe('my-l1');
    expect(checked.scenario.version).toBe(1);
    expect(checked.scenario.scoring.expertReference).toBeUndefined();
    expect(checked.scenario.patient).toEqual(L1.patient);
    expect(freeId('l1-osteoporotic-wedge', new Set(['l1-osteoporotic-wedge-copy']))).toBe(
      'l1-osteoporotic-wedge-copy-2',
    );
  });
});

describe('errors by field path', () => {
  it('names each field the schema refuses, the refinements too', () => {
    let draft = setAt(L1, ['fracture', 'genantGrade'], 3);
    draft = setAt(draft, ['patient', 'findings', 1, 'text'], '<b>bold</b>');
    draft = setAt(draft, ['title'], '');
    const checked = validateScenario(draft);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect([...checked.errors.keys()].sort()).toEqual(['fracture.heightLossPct', 'patient.findings.1.text', 'title']);
    expect(errorsUnder(checked.errors, 'fracture.heightLossPct')[0]).toContain('outside Genant grade 3');
    // A group shows its fields' errors with their paths.
    expect(errorsUnder(checked.errors, 'patient.findings')).toEqual([
      expect.stringMatching(/^patient\.findings\.1\.text: plain text/),
    ]);
    expect(errorLines(checked.errors)).toHaveLength(3);
    expect(pathKey([])).toBe('(root)');
  });
});

const record = (id: string, version: number, status: 'draft' | 'published'): OwnScenarioRecord => ({
  key: `${id}@${version}`,
  id,
  version,
  status,
  scenario: { ...L1, id, version },
  updatedAt: 0,
});

describe('versions', () => {
  it('a new draft is version 1; saving a draft again keeps its version', () => {
    expect(draftRecord([], { ...L1, id: 'mine' }, 5)).toMatchObject({ key: 'mine@1', version: 1, status: 'draft' });
    const records = [record('mine', 1, 'published'), record('mine', 2, 'draft')];
    expect(draftRecord(records, { ...L1, id: 'mine' }, 5).version).toBe(2);
    expect(latestVersion(records, 'mine')).toBe(2);
  });

  it('publishing freezes the draft as its version; editing a published version makes the next draft', () => {
    const draft = draftRecord([], { ...L1, id: 'mine' }, 1);
    const published = publishDraft([draft], draft, 2);
    expect(published.ok).toBe(true);
    if (!published.ok) return;
    expect(published.record).toMatchObject({ status: 'published', version: 1 });
    expect((published.record.scenario as { version: number }).version).toBe(1);
    const next = editPublished([published.record], published.record, 3);
    expect(next).toMatchObject({ key: 'mine@2', version: 2, status: 'draft' });
    expect((next.scenario as { version: number }).version).toBe(2);
    // A published version is never published again, and an invalid draft is never published.
    expect(publishDraft([published.record], published.record, 4)).toMatchObject({ ok: false });
    const invalid = { ...next, scenario: setAt(next.scenario, ['patient', 'age'], 5) };
    const refused = publishDraft([published.record], invalid, 4);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toContain('patient.age');
  });

  it('the menu lists the newest published version of each own scenario, validated again', () => {
    const broken = { ...record('broken', 1, 'published'), scenario: { id: 'broken' } };
    const entries = ownPublishedEntries(
      [record('mine', 1, 'published'), record('mine', 2, 'published'), record('mine', 3, 'draft'), broken],
      new Set(['textbook-kyphoplasty']),
    );
    expect(entries.map((e) => e.file)).toEqual(['own:broken@1', 'own:mine@2']);
    expect(entries[0].ok).toBe(false);
    expect(entries[1]).toMatchObject({ ok: true, own: true, scenario: { version: 2 } });
  });
});

describe('the menu without a scenario database', () => {
  it('lists no own scenarios when IndexedDB cannot be opened (here: Node has none), and does not throw', async () => {
    expect(typeof indexedDB).toBe('undefined');
    await expect(loadOwnScenarios(1000)).resolves.toEqual([]);
  });
});

describe('importing a scenario file', () => {
  it('takes a valid file and gives back what export wrote', () => {
    const text = exportScenarioText(L1);
    const result = importScenarioText(text, text.length, 'l1.json');
    expect(result).toEqual({ ok: true, scenario: L1 });
  });

  it('refuses a file too big, not JSON, or not a scenario, naming the field', () => {
    expect(importScenarioText('{}', MAX_SCENARIO_FILE_BYTES + 1, 'big.json')).toMatchObject({
      ok: false,
      message: expect.stringContaining('at most 64 KB'),
    });
    expect(importScenarioText('{"a":', 5, 'cut.json')).toMatchObject({
      ok: false,
      message: expect.stringContaining('cut.json is not JSON'),
    });
    const bad = importScenarioText(JSON.stringify({ ...L1, patient: { ...L1.patient, age: 5 } }), 100, 'bad.json');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.message).toBe('bad.json is not a valid scenario');
    expect(bad.errors && [...bad.errors.keys()]).toEqual(['patient.age']);
  });
});
