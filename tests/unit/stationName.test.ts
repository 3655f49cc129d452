import { describe, expect, it } from 'vitest';
import { stationNameProblem } from '../../src/settings/stationStore';

describe('station names', () => {
  it('takes one line of plain text up to the attempt file’s limit', () => {
    expect(stationNameProblem('station-ab12')).toBeNull();
    expect(stationNameProblem('  Bench 3 (left)  ')).toBeNull();
    expect(stationNameProblem('x'.repeat(120))).toBeNull();
  });

  it('refuses an empty, long, multi-line or markup name, saying why', () => {
    expect(stationNameProblem('   ')).toBe('The station needs a name.');
    expect(stationNameProblem('x'.repeat(121))).toBe('A station name has at most 120 characters.');
    expect(stationNameProblem('Bench\n3')).toMatch(/one line of plain text/);
    expect(stationNameProblem('<b>Bench</b>')).toMatch(/no tabs, line breaks, < or >/);
  });
});
