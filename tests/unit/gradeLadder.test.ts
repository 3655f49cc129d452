import { describe, expect, it } from 'vitest';
import { GradeLadder, gradeIndex } from '../../sim/patient/gradeLadder';

describe('grade ladder', () => {
  it('reports each grade once, mildest first, and never again when the signs fall back', () => {
    const l = new GradeLadder();
    expect(l.reach(-1)).toEqual([]);
    expect(l.severity).toBeNull();
    expect(l.reach(0)).toEqual(['mild']);
    expect(l.reach(0)).toEqual([]);
    expect(l.reach(2)).toEqual(['moderate', 'severe']);
    expect(l.reach(1)).toEqual([]);
    expect(l.severity).toBe('severe');
  });

  it('reachWorst gives only the worst grade first reached in a step', () => {
    const l = new GradeLadder();
    expect(l.reachWorst(1)).toBe('moderate');
    expect(l.reachWorst(1)).toBeNull();
    expect(l.reachWorst(0)).toBeNull();
    expect(l.reachWorst(2)).toBe('severe');
    expect(l.severity).toBe('severe');
  });

  it('gradeIndex reads ascending thresholds', () => {
    expect(gradeIndex(0.05, [0.1, 0.35, 0.65])).toBe(-1);
    expect(gradeIndex(0.1, [0.1, 0.35, 0.65])).toBe(0);
    expect(gradeIndex(0.5, [0.1, 0.35, 0.65])).toBe(1);
    expect(gradeIndex(9, [0.1, 0.35, 0.65])).toBe(2);
    expect(gradeIndex(Number.NaN, [0.1, 0.35, 0.65])).toBe(-1);
  });
});
