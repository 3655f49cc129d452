import { describe, expect, it } from 'vitest';
import { keyedByContent } from '../../src/ui/contentKeys';

describe('keyedByContent', () => {
  it('keys each entry by its content, counting repeats, in order', () => {
    const keyed = keyedByContent(['medial', 'lateral', 'medial', 'medial'], (w) => w);
    expect(keyed.map((k) => k.key)).toEqual(['medial', 'lateral', 'medial#1', 'medial#2']);
    expect(keyed.map((k) => k.item)).toEqual(['medial', 'lateral', 'medial', 'medial']);
  });

  it('gives the same data the same keys, and an entry keeps its key when others are added after it', () => {
    const first = keyedByContent([{ t: 1 }, { t: 2 }], (x) => `${x.t}`).map((k) => k.key);
    const more = keyedByContent([{ t: 1 }, { t: 2 }, { t: 1 }], (x) => `${x.t}`).map((k) => k.key);
    expect(more.slice(0, 2)).toEqual(first);
    expect(new Set(more).size).toBe(3);
  });
});
