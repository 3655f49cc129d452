import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvField } from '../../src/record/csvField';
import { resultsCsv } from '../../src/record/resultsCsv';
import type { AttemptRecord } from '../../src/record/attemptRecord';

/** A minimal RFC 4180 reader, to check that what resultsCsv writes reads back field for field. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

const record = (over: Partial<AttemptRecord> = {}): AttemptRecord =>
  ({
    id: 'a',
    trainee: 'Dr Smith',
    scenarioId: 'l1-osteoporotic-wedge',
    scenarioTitle: 'L1',
    seed: 42,
    mode: 'exam',
    status: 'finished',
    source: 'played',
    startedAt: Date.UTC(2025, 0, 2, 3, 4, 5),
    updatedAt: 0,
    simTimeS: 600,
    file: {} as AttemptRecord['file'],
    summary: {
      total: 81.5,
      passScore: 70,
      passed: false,
      domains: { leakage: 100, misplacement: 60, height: 90, radiation: 75.5, cement: 70, process: 100, imaging: 84 },
      criticalErrorIds: ['medialBreach', 'canalLeak'],
    },
    ...over,
  }) as AttemptRecord;

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['-1', "'-1"],
    ['@sum', "'@sum"],
  ])('writes %j as %s', (input, out) => expect(csvField(input)).toBe(out));

  it('writes numbers and booleans as they are (a negative number is not a formula)', () => {
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(true)).toBe('true');
  });

  it('round-trips any text through an RFC 4180 reader (formula prefix aside)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const back = parseCsv(`${csvField(s)}\r\n`)[0][0];
        expect(back).toBe(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
      }),
    );
  });
});

describe('resultsCsv', () => {
  it('writes a header and one row per finished attempt, oldest first, with every domain and the critical errors', () => {
    const rows = parseCsv(
      resultsCsv([
        record({ id: 'b', startedAt: Date.UTC(2025, 0, 3), trainee: 'O"Brien, Ann' }),
        record(),
        record({ id: 'c', status: 'in-progress', summary: undefined }),
        record({ id: 'd', status: 'abandoned', summary: undefined }),
      ]),
    );
    expect(rows[0]).toEqual([
      'date',
      'trainee',
      'scenario',
      'seed',
      'mode',
      'source',
      'total',
      'passed',
      'leakage',
      'misplacement',
      'height',
      'radiation',
      'cement',
      'process',
      'imaging',
      'critical errors',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual([
      '2025-01-02T03:04:05.000Z',
      'Dr Smith',
      'l1-osteoporotic-wedge',
      '42',
      'exam',
      'played',
      '81.5',
      'false',
      '100',
      '60',
      '90',
      '75.5',
      '70',
      '100',
      '84',
      'medialBreach; canalLeak',
    ]);
    expect(rows[2][1]).toBe('O"Brien, Ann');
  });

  it('is just the header when nothing is finished', () => {
    expect(parseCsv(resultsCsv([record({ status: 'abandoned', summary: undefined })]))).toHaveLength(1);
  });
});
