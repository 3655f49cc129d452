import { describe, expect, it } from 'vitest';
import { playPlan, type Plan, type PlanStep } from '../../sim/plan/index';
import { practiceHint } from '../../src/procedure/practiceHint';
import { getSettings, updateSettings } from '../../src/settings/settingsStore';
import { loadPlan, loadScenario } from './goldenFixtures';

/**
 * The practice hint through the access and the working channel of the textbook L1 kyphoplasty:
 * the medial-wall rule while the tip is short of the posterior wall, then what the working
 * channel is worked with (the exchange, the drill, the next step once the channel is made); and
 * the keys the hints name follow the trainee's remapping (Settings), as the buttons' keys do.
 */
const scenario = loadScenario('levels/l1-osteoporotic-wedge.json');
const textbook = loadPlan('levels/plans/textbook-kyphoplasty.json');

/** The hint after the textbook plan's steps before the first one matching (from `from` on). */
function hintBefore(match: (s: PlanStep) => boolean, from = 0): string {
  const cut = textbook.steps.findIndex((s, i) => i >= from && match(s));
  expect(cut).toBeGreaterThan(0);
  const plan: Plan = { ...textbook, steps: textbook.steps.slice(0, cut) };
  const run = playPlan(scenario, 42, plan, { variation: false });
  expect(run.stoppedAt).toBeUndefined();
  const snap = run.session.snapshot();
  const hint = practiceHint(snap, 'left');
  if (!hint) throw new Error(`no hint in ${snap.phase}`);
  return hint.text;
}

describe('practice hint: access and working channel', () => {
  it('short of the posterior wall: the medial-wall rule and how to push', () => {
    const text = hintBefore((s) => 'aimIdeal' in s);
    expect(text).toMatch(/Keep the tip lateral to the medial wall/);
    expect(text).toMatch(/Push by hand \(Shift\+W\)/);
  });

  it('the instruments exchanged over the pin: the drill, not the medial-wall rule', () => {
    const text = hintBefore((s) => 'do' in s && s.do.type === 'channel.drill');
    expect(text).not.toMatch(/medial wall/);
    expect(text).toMatch(/past the posterior wall\./);
    expect(text).toMatch(/Drill the channel .*D 10 mm, Shift\+D 20 mm/);
  });

  it('the channel made: the next step', () => {
    const drill = textbook.steps.findIndex((s) => 'do' in s && s.do.type === 'channel.drill');
    const text = hintBefore((s) => 'do' in s && s.do.type === 'phase.next', drill);
    expect(text).toMatch(/The channel reaches the anterior third: next step \(Enter\)/);
    expect(text).not.toMatch(/Drill the channel/);
  });
});

describe('practice hint: the keys it names are the remapped ones', () => {
  it('cement in its working phase: inject and stop on their keys, as remapped', () => {
    const text = hintBefore((s) => 'repeat' in s && s.repeat.type === 'cement.inject');
    expect(text).toMatch(/^Working phase: inject in small increments \(V\) .* stop \(Z\) .* \(Shift\+R\)/);
    const before = getSettings().keyOverrides;
    try {
      updateSettings({ keyOverrides: { ...before, 'cement.inject05': ['F4'], 'cement.stop': [] } });
      const remapped = hintBefore((s) => 'repeat' in s && s.repeat.type === 'cement.inject');
      expect(remapped).toMatch(/inject in small increments \(F4\)/);
      // A key turned off: the hint sends the trainee to the button.
      expect(remapped).toMatch(/stop \(its button\)/);
    } finally {
      updateSettings({ keyOverrides: before });
    }
  });
});
