import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mayOfferUpdate, UPDATE_SCREENS } from '../../src/pwa/updatePolicy';

/** Every screen kind of the app shell (src/App.tsx's `Screen` union), read from its source. */
function appScreenKinds(): string[] {
  const source = readFileSync('src/App.tsx', 'utf8');
  const union = source.slice(source.indexOf('type Screen ='), source.indexOf('/** The app:'));
  return [...union.matchAll(/kind: '([\w-]+)'/g)].map((m) => m[1]);
}

describe('where a new version may be offered', () => {
  it('on the menu and the debrief', () => {
    expect(mayOfferUpdate('menu')).toBe(true);
    expect(mayOfferUpdate('debrief')).toBe(true);
  });

  it('never during a case: practice and exam both run on the procedure screen', () => {
    expect(mayOfferUpdate('procedure')).toBe(false);
  });

  it('nowhere else the shell can show, nor on a screen it does not know', () => {
    const kinds = appScreenKinds();
    // The shell's screens as this test knows them: a new one must be judged here.
    expect(kinds).toEqual([
      'menu',
      'submitted',
      'procedure',
      'debrief',
      'history',
      'instructor',
      'lab-debrief',
      'compare',
      'live',
      'editor',
    ]);
    expect(kinds.filter(mayOfferUpdate)).toEqual(['menu', 'debrief']);
    expect(mayOfferUpdate('')).toBe(false);
    expect(mayOfferUpdate('some-future-screen')).toBe(false);
    expect([...UPDATE_SCREENS].every((k) => kinds.includes(k))).toBe(true);
  });
});
