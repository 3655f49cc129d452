import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../server/results/csv';
import { parseCsv } from './csvReader';

describe('csvCell: formula injection', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
    ['   =1+1', "'   =1+1"],
    [' @x', "' @x"],
  ])('%j is written %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('leaves plain text, a formula character inside a cell, numbers and null alone', () => {
    expect(csvCell('Anna Smith')).toBe('Anna Smith');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('x - y')).toBe('x - y');
    expect(csvCell(87.5)).toBe('87.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});

describe('csvCell: RFC 4180 quoting', () => {
  it('quotes a comma, a quote or a line break, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('a document of hostile cells reads back, every formula cell starting with a quote', () => {
    const hostile = ['=1+1', 'a,b', 'q"uote', 'line\r\nbreak', ' -5', '@me', 'plain'];
    const text = toCsv(
      ['h1', 'h2'],
      [hostile.slice(0, 2), hostile.slice(2, 4), hostile.slice(4, 6), [hostile[6], null]],
    );
    expect(text.endsWith('\r\n')).toBe(true);
    const back = parseCsv(text);
    expect(back).toEqual([
      ['h1', 'h2'],
      ["'=1+1", 'a,b'],
      ['q"uote', 'line\r\nbreak'],
      ["' -5", "'@me"],
      ['plain', ''],
    ]);
    for (const cell of back.flat()) expect(cell).not.toMatch(/^ *[=+\-@\t\r]/);
  });
});
