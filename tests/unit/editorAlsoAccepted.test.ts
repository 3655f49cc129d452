import { describe, expect, it } from 'vitest';
import { withAlsoAccepted } from '../../src/editor/alsoAccepted';

describe("the editor's other accepted reasons to decline", () => {
  it('adds and removes a reason, in the closed list order, absent when none is left', () => {
    const one = withAlsoAccepted(undefined, 'healedFracture', 'painNotFromFracture', true);
    expect(one).toEqual(['painNotFromFracture']);
    const two = withAlsoAccepted(one, 'healedFracture', 'activeInfection', true);
    expect(two).toEqual(['painNotFromFracture', 'activeInfection']);
    expect(withAlsoAccepted(two, 'healedFracture', 'painNotFromFracture', false)).toEqual(['activeInfection']);
    expect(withAlsoAccepted(['activeInfection'], 'healedFracture', 'activeInfection', false)).toBeUndefined();
  });

  it("never lists the case's own reason, and drops what is not a reason", () => {
    expect(withAlsoAccepted(['healedFracture', 'x'], 'healedFracture', 'activeInfection', true)).toEqual([
      'activeInfection',
    ]);
  });
});
