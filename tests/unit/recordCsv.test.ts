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
  it('writes a header and one row per attempt, oldest first, with its status, every domain and the critical errors', () => {
    const rows = parseCsv(
      resultsCsv([
        record({ id: 'b', startedAt: Date.UTC(2025, 0, 3), trainee: 'O"Brien, Ann' }),
        record({ endedAt: Date.UTC(2025, 0, 2, 3, 20) }),
        record({ id: 'c', startedAt: Date.UTC(2025, 0, 4), status: 'in-progress', summary: undefined }),
        record({
          id: 'd',
          startedAt: Date.UTC(2025, 0, 5),
          status: 'abandoned',
          summary: undefined,
          endedAt: Date.UTC(2025, 0, 5, 0, 7),
        }),
      ]),
    );
    expect(rows[0]).toEqual([
      'date',
      'trainee',
      'scenario',
      'seed',
      'mode',
      'source',
      'status',
      'ended',
      'total',
      'passed',
      'leakage',
      'misplacement',
      'height',
      'radiation',
      'cement',
      'process',
      'imaging',
      'complications',
      'critical errors',
      'attempt id',
    ]);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual([
      '2025-01-02T03:04:05.000Z',
      'Dr Smith',
      'l1-osteoporotic-wedge',
      '42',
      'exam',
      'played',
      'finished',
      '2025-01-02T03:20:00.000Z',
      '81.5',
      'false',
      '100',
      '60',
      '90',
      '75.5',
      '70',
      '100',
      '84',
      '',
      'medialBreach; canalLeak',
      'a',
    ]);
    expect(rows[2][1]).toBe('O"Brien, Ann');
    // An interrupted attempt and an abandoned one are rows too, with their status and no score.
    expect(rows[3].slice(6, 10)).toEqual(['in-progress', '', '', '']);
    expect(rows[3].at(-1)).toBe('c');
    expect(rows[4].slice(6, 10)).toEqual(['abandoned', '2025-01-05T00:07:00.000Z', '', '']);
    expect(rows[4].at(-1)).toBe('d');
  });

  it('never writes a score for an attempt that is not finished, even if its record holds one', () => {
    const rows = parseCsv(resultsCsv([record({ status: 'abandoned' })]));
    expect(rows).toHaveLength(2);
    expect(rows[1][6]).toBe('abandoned');
    expect(rows[1].slice(8, 18).every((cell) => cell === '')).toBe(true);
  });
});
